#pragma once
// A folder of static files (the dashboard's Next.js export) served under a URL prefix.
//
// Contract of Serve(relative path, already percent-decoded by the server):
// - never reads outside the folder: a path with a "..", "." or hidden ("."-prefixed) segment, a
//   backslash or NUL, or longer than kMaxPathBytes is 404 before the file system is touched; the
//   file found is resolved with its symlinks and must still lie inside the (resolved) folder;
// - "p" is answered from the first regular file of p, p.html, p/index.html;
// - a path whose last segment has no extension and matches nothing (a client-side deep link) gets
//   the nearest ancestor page (a/b/c → a/b.html, a.html, …, index.html) with status 200; a missing
//   file with an extension is 404;
// - Content-Type from the extension; `_next/static/…` (content-hashed names) is cached for a year,
//   immutable; everything else, HTML first, is `no-cache` (always revalidated); HTML pages may
//   not be framed (X-Frame-Options DENY, CSP frame-ancestors 'none') and send no Referer;
// - files larger than kMaxFileBytes are refused (500 logged), never read.
// Thread-safe (const, reads the file system on each call).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/http/response.hpp"

namespace ucf::http {

class StaticSite {
 public:
  static constexpr std::size_t kMaxPathBytes = 1024;
  static constexpr std::uintmax_t kMaxFileBytes = 32u * 1024 * 1024;

  // `root` must be an existing directory (it is resolved once, symlinks included).
  static absl::StatusOr<StaticSite> Open(const std::filesystem::path& root);

  Response Serve(std::string_view relative_path) const;
  const std::filesystem::path& root() const { return root_; }

 private:
  explicit StaticSite(std::filesystem::path root) : root_(std::move(root)) {}
  // The resolved regular file for `relative` inside root_, if any.
  std::optional<std::filesystem::path> Resolve(std::string_view relative) const;
  Response FileResponse(const std::filesystem::path& file, std::string_view relative) const;

  std::filesystem::path root_;
};

}  // namespace ucf::http
