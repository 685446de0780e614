#include "ucf/http/middleware/cors_middleware.hpp"

#include "ucf/core/strings.hpp"

#include <algorithm>


namespace ucf::http {

CorsMiddleware::CorsMiddleware(config::CorsConfig cors)
    : cors_(std::move(cors)),
      methods_(core::Join(cors_.allow_methods, ", ")),
      headers_(core::Join(cors_.allow_headers, ", ")) {}

bool CorsMiddleware::Allowed(std::string_view origin) const {
  return std::any_of(cors_.allow_origins.begin(), cors_.allow_origins.end(),
                     [&](const std::string& o) { return o == origin || o == "*"; });
}

Response CorsMiddleware::Handle(Request& request, Next next) const {
  auto origin = request.headers.Get("Origin");
  if (!origin || !Allowed(*origin)) return next(request);
  bool wildcard = !cors_.allow_credentials &&
                  std::find(cors_.allow_origins.begin(), cors_.allow_origins.end(), "*") !=
                      cors_.allow_origins.end();
  auto decorate = [&](Response& r) {
    r.headers.Set("Access-Control-Allow-Origin", wildcard ? std::string_view("*") : *origin);
    r.headers.Add("Vary", "Origin");
    if (cors_.allow_credentials) r.headers.Set("Access-Control-Allow-Credentials", "true");
    r.headers.Set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
  };
  if (request.method == "OPTIONS" && request.headers.Has("Access-Control-Request-Method")) {
    Response preflight;
    preflight.status = 204;
    decorate(preflight);
    preflight.headers.Set("Access-Control-Allow-Methods", methods_);
    preflight.headers.Set("Access-Control-Allow-Headers", headers_);
    preflight.headers.Set("Access-Control-Max-Age", "600");
    return preflight;
  }
  Response response = next(request);
  decorate(response);
  return response;
}

}  // namespace ucf::http
