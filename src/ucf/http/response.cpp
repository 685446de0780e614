#include "ucf/http/response.hpp"

namespace ucf::http {

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

Response Response::Text(int status, std::string body, std::string_view content_type) {
  Response r;
  r.status = status;
  r.headers.Set("Content-Type", content_type);
  r.body = std::move(body);
  return r;
}

Response Response::Stream(int status, std::shared_ptr<BodyStream> stream,
                          std::string_view content_type) {
  Response r;
  r.status = status;
  r.headers.Set("Content-Type", content_type);
  r.stream = std::move(stream);
  return r;
}

}  // namespace ucf::http
