#include "ucf/http/middleware/middleware.hpp"

namespace ucf::http {

Response Pipeline::Step(size_t index, Request& request, const Handler& terminal) const {
  if (index == middlewares_.size()) return terminal(request);
  return middlewares_[index]->Handle(
      request, [&](Request& r) { return Step(index + 1, r, terminal); });
}

std::optional<Response> Pipeline::Screen(Request& head) const {
  for (const auto& middleware : middlewares_) {
    if (std::optional<Response> answer = middleware->Screen(head)) return answer;
  }
  return std::nullopt;
}

}  // namespace ucf::http
