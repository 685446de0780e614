#pragma once
// CORS with explicit origins. A request whose Origin is allowed gets
// Access-Control-Allow-Origin: <that origin> (never "*" together with credentials) and
// Vary: Origin; a preflight (OPTIONS + Access-Control-Request-Method) is answered here with 204.
// Origins not in the list get no CORS headers, so the browser blocks them.

#include "ucf/config/config.hpp"
#include "ucf/http/middleware/middleware.hpp"

namespace ucf::http {

class CorsMiddleware final : public Middleware {
 public:
  explicit CorsMiddleware(config::CorsConfig cors);
  Response Handle(Request& request, Next next) const override;

 private:
  bool Allowed(std::string_view origin) const;

  config::CorsConfig cors_;
  std::string methods_;
  std::string headers_;
};

}  // namespace ucf::http
