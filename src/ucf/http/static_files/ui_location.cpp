#include "ucf/http/static_files/ui_location.hpp"

#include <system_error>

namespace ucf::http {

namespace fs = std::filesystem;

std::vector<fs::path> UiDirCandidates(const fs::path& configured, const fs::path& executable,
                                      const fs::path& working_dir) {
  if (!configured.empty()) return {configured};
  std::vector<fs::path> out;
  if (!executable.empty()) {
    fs::path dir = executable.parent_path();
    out.push_back(dir / ".." / ".." / "web" / "out");
    out.push_back(dir / ".." / "web" / "out");
    out.push_back(dir / ".." / "share" / "ucf-server" / "web");  // the Debian package (cmake/Packaging.cmake)
  }
  if (!working_dir.empty()) out.push_back(working_dir / "web" / "out");
  return out;
}

std::optional<fs::path> FindUiDir(const fs::path& configured, const fs::path& executable,
                                  const fs::path& working_dir) {
  for (const fs::path& c : UiDirCandidates(configured, executable, working_dir)) {
    std::error_code ec;
    if (fs::is_regular_file(c / "index.html", ec)) return fs::weakly_canonical(c, ec);
  }
  return std::nullopt;
}

fs::path CurrentExecutable() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

}  // namespace ucf::http
