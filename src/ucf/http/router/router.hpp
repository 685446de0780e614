#pragma once
// Matches (method, path) against the route table.
//
// Patterns are '/'-separated; "{name}" matches one non-empty segment, a final "{name...}" matches
// the rest of the path (possibly empty). When several patterns match, the one with more literal
// segments wins. HEAD matches GET routes. A route whose method is "*" matches every method; a route
// naming the method wins over it at equal specificity. Immutable after construction, so thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "ucf/http/router/route.hpp"

namespace ucf::http {

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;
  std::map<std::string, std::string, std::less<>> params;
  std::vector<std::string> allowed_methods;  // for 405 / OPTIONS, sorted, HEAD and OPTIONS added
};

class Router {
 public:
  explicit Router(std::vector<Route> routes);

  RouteMatch Match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;
    bool rest = false;
    int literal_count = 0;
  };
  bool MatchPattern(const Compiled& c, const std::vector<std::string_view>& path,
                    std::map<std::string, std::string, std::less<>>* params) const;

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace ucf::http
