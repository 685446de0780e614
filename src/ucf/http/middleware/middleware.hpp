#pragma once
// Middleware: a `next`-style filter around request handling. Middlewares are built once at
// startup by the composition root and shared by all threads, so Handle must be thread-safe.

#include <memory>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"
#include "ucf/http/router/route.hpp"

namespace ucf::http {

using Next = absl::FunctionRef<Response(Request&)>;

class Middleware {
 public:
  virtual ~Middleware() = default;
  // Either answers itself or calls next(request) (at most once) and may adjust its response.
  virtual Response Handle(Request& request, Next next) const = 0;
  // The header phase: called on the network thread once `head`'s headers are read (route
  // resolved, no body yet), before the body is read or the request is queued. Returns an answer
  // to refuse the request without reading its body, or nullopt; may adjust head.context. Must be
  // cheap and never block (no storage, no upstream calls). Handle still runs for requests that
  // pass, and must not rely on Screen having run.
  virtual std::optional<Response> Screen(Request& head) const {
    (void)head;
    return std::nullopt;
  }
};

// Runs middlewares in order, then `terminal`.
class Pipeline {
 public:
  explicit Pipeline(std::vector<std::unique_ptr<Middleware>> middlewares)
      : middlewares_(std::move(middlewares)) {}

  Response Run(Request& request, const Handler& terminal) const { return Step(0, request, terminal); }
  // Every middleware's Screen in order; the first answer wins.
  std::optional<Response> Screen(Request& head) const;

 private:
  Response Step(size_t index, Request& request, const Handler& terminal) const;

  std::vector<std::unique_ptr<Middleware>> middlewares_;
};

}  // namespace ucf::http
