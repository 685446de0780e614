#include "ucf/http/static_files/static_site.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include "ucf/core/strings.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/http/static_files/content_type.hpp"

namespace ucf::http {
namespace {

namespace fs = std::filesystem;

// Every segment is a plain name: no traversal, no hidden files, no Windows separators, no NUL.
bool SafeSegments(const std::vector<std::string_view>& segments) {
  for (std::string_view s : segments) {
    if (s.empty()) continue;  // "a//b", a trailing '/'
    if (s.front() == '.' || s.find('\\') != std::string_view::npos ||
        s.find('\0') != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool Inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

Response NotFound() { return MakeError(404, "not_found", "no such file"); }

}  // namespace

absl::StatusOr<StaticSite> StaticSite::Open(const fs::path& root) {
  std::error_code ec;
  fs::path resolved = fs::canonical(root, ec);
  if (ec || !fs::is_directory(resolved, ec)) {
    return absl::NotFoundError(core::StrCat("not a directory: ", root.string()));
  }
  return StaticSite(std::move(resolved));
}

std::optional<fs::path> StaticSite::Resolve(std::string_view relative) const {
  fs::path candidate = root_;
  for (std::string_view s : core::Split(relative, '/', /*skip_empty=*/true)) candidate /= std::string(s);
  std::error_code ec;
  fs::path real = fs::canonical(candidate, ec);  // follows every symlink on the way
  if (ec || !Inside(root_, real) || !fs::is_regular_file(real, ec)) return std::nullopt;
  return real;
}

Response StaticSite::FileResponse(const fs::path& file, std::string_view relative) const {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(file, ec);
  if (ec || size > kMaxFileBytes) {
    Response r = MakeError(500, "internal_error", "static file unreadable");
    r.internal_cause = core::StrCat("static file ", file.string(), ec ? " unreadable" : " too large");
    return r;
  }
  std::ifstream in(file, std::ios::binary);
  std::string body(static_cast<std::size_t>(size), '\0');
  if (!in.read(body.data(), static_cast<std::streamsize>(size))) {
    Response r = MakeError(500, "internal_error", "static file unreadable");
    r.internal_cause = core::StrCat("static file ", file.string(), " unreadable");
    return r;
  }
  Response r = Response::Text(200, std::move(body), ContentTypeFor(file.filename().string()));
  bool hashed = relative.starts_with("_next/static/");
  r.headers.Set("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.Set("X-Content-Type-Options", "nosniff");
  if (core::EndsWith(file.filename().string(), ".html")) {
    // The pages act with the admin token: never inside another site's frame.
    r.headers.Set("X-Frame-Options", "DENY");
    r.headers.Set("Content-Security-Policy", "frame-ancestors 'none'");
    r.headers.Set("Referrer-Policy", "no-referrer");
  }
  return r;
}

Response StaticSite::Serve(std::string_view relative) const {
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  if (relative.size() > kMaxPathBytes) return NotFound();
  std::vector<std::string_view> segments = core::Split(relative, '/', /*skip_empty=*/true);
  if (!SafeSegments(segments)) return NotFound();
  std::string joined;
  for (std::string_view s : segments) {
    if (!joined.empty()) joined += '/';
    joined += s;
  }
  if (joined.empty()) {
    if (auto f = Resolve("index.html")) return FileResponse(*f, "index.html");
    return NotFound();
  }
  for (const std::string& c : {joined, joined + ".html", joined + "/index.html"}) {
    if (auto f = Resolve(c)) return FileResponse(*f, c);
  }
  // A deep link handled by the client: the nearest ancestor page. Files with an extension are
  // real misses (a stale asset must not turn into HTML).
  if (segments.back().find('.') != std::string_view::npos) return NotFound();
  for (std::size_t n = segments.size() - 1; n > 0; --n) {
    std::string prefix;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) prefix += '/';
      prefix += segments[i];
    }
    if (auto f = Resolve(prefix + ".html")) return FileResponse(*f, prefix + ".html");
  }
  if (auto f = Resolve("index.html")) return FileResponse(*f, "index.html");
  return NotFound();
}

}  // namespace ucf::http
