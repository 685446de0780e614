#pragma once
// Where the dashboard's static export is: the configured folder (UCF_UI_DIR) when set, else the
// first of these that holds an index.html — beside the source tree of the running binary
// (<exe dir>/../../web/out for build/cli/ucf, <exe dir>/../web/out), an installed share folder
// (<exe dir>/../share/ucf-server/web, where the Debian package puts it), and web/out under the working directory. So `ucf serve` finds it
// whichever directory it is started from.

#include <filesystem>
#include <optional>
#include <vector>

namespace ucf::http {

std::vector<std::filesystem::path> UiDirCandidates(const std::filesystem::path& configured,
                                                   const std::filesystem::path& executable,
                                                   const std::filesystem::path& working_dir);

// The first candidate that is a directory with an index.html, if any.
std::optional<std::filesystem::path> FindUiDir(const std::filesystem::path& configured,
                                               const std::filesystem::path& executable,
                                               const std::filesystem::path& working_dir);

// The running binary (/proc/self/exe), or empty when unknown.
std::filesystem::path CurrentExecutable();

}  // namespace ucf::http
