#pragma once
// Middleware: a `next`-style filter around request handling. Middlewares are built once at
// startup by the composition root and shared by all threads, so Handle must be thread-safe.

#include <memory>
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
};

// Runs middlewares in order, then `terminal`.
class Pipeline {
 public:
  explicit Pipeline(std::vector<std::unique_ptr<Middleware>> middlewares)
      : middlewares_(std::move(middlewares)) {}

  Response Run(Request& request, const Handler& terminal) const { return Step(0, request, terminal); }

 private:
  Response Step(size_t index, Request& request, const Handler& terminal) const;

  std::vector<std::unique_ptr<Middleware>> middlewares_;
};

}  // namespace ucf::http
