#include "ucf/http/router/router.hpp"

#include "ucf/core/strings.hpp"

#include <algorithm>


namespace ucf::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out = core::Split(path, '/');
  // "/a/b" → ["", "a", "b"]; drop the leading empty piece, keep a trailing one ("/a/" ≠ "/a").
  if (!out.empty() && out.front().empty()) out.erase(out.begin());
  if (out.size() == 1 && out.front().empty()) out.clear();
  return out;
}

bool IsParam(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const Route& r : routes_) {
    Compiled c;
    for (std::string_view seg : SplitPath(r.pattern)) c.segments.emplace_back(seg);
    if (!c.segments.empty() && core::EndsWith(c.segments.back(), "...}")) c.rest = true;
    for (const std::string& s : c.segments) c.literal_count += IsParam(s) ? 0 : 1;
    compiled_.push_back(std::move(c));
  }
}

bool Router::MatchPattern(const Compiled& c, const std::vector<std::string_view>& path,
                          std::map<std::string, std::string, std::less<>>* params) const {
  size_t fixed = c.rest ? c.segments.size() - 1 : c.segments.size();
  if (c.rest ? path.size() < fixed : path.size() != fixed) return false;
  for (size_t i = 0; i < fixed; ++i) {
    const std::string& seg = c.segments[i];
    if (IsParam(seg)) {
      if (path[i].empty()) return false;
      if (params != nullptr) (*params)[seg.substr(1, seg.size() - 2)] = std::string(path[i]);
    } else if (seg != path[i]) {
      return false;
    }
  }
  if (c.rest && params != nullptr) {
    const std::string& seg = c.segments.back();
    std::string rest;
    for (size_t i = fixed; i < path.size(); ++i) {
      if (i > fixed) rest += '/';
      rest += path[i];
    }
    (*params)[seg.substr(1, seg.size() - 5)] = std::move(rest);
  }
  return true;
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  std::vector<std::string_view> parts = SplitPath(path);
  std::string_view want = method == "HEAD" ? std::string_view("GET") : method;
  RouteMatch result;
  int best = -1;
  int best_any = -1;
  size_t best_index = 0;
  // Candidates are tested without capturing (no allocation); only the winner's parameters are.
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (!MatchPattern(compiled_[i], parts, nullptr)) continue;
    int score = compiled_[i].literal_count;
    best_any = std::max(best_any, score);
    // A specific method beats the any-method route ("*") of an equally specific pattern.
    bool method_ok = routes_[i].method == want || routes_[i].method == "*";
    int rank = score * 2 + (routes_[i].method == want ? 1 : 0);
    if (method_ok && rank > best) {
      best = rank;
      best_index = i;
    }
  }
  if (best >= 0) {
    result.route = &routes_[best_index];
    MatchPattern(compiled_[best_index], parts, &result.params);
  }
  if (best_any < 0) return result;
  // Allowed methods are those of the most specific matching pattern(s).
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (compiled_[i].literal_count == best_any && MatchPattern(compiled_[i], parts, nullptr)) {
      if (routes_[i].method == "*") {
        for (const char* m : {"DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"}) result.allowed_methods.push_back(m);
        continue;
      }
      result.allowed_methods.push_back(routes_[i].method);
      if (routes_[i].method == "GET") result.allowed_methods.push_back("HEAD");
    }
  }
  result.allowed_methods.push_back("OPTIONS");
  std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  result.allowed_methods.erase(
      std::unique(result.allowed_methods.begin(), result.allowed_methods.end()),
      result.allowed_methods.end());
  if (result.route != nullptr && best / 2 == best_any) {
    result.kind = RouteMatch::Kind::kFound;
  } else {
    result.route = nullptr;
    result.params.clear();
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
  }
  return result;
}

}  // namespace ucf::http
