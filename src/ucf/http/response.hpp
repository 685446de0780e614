#pragma once
// The server's view of one HTTP response.

#include <string>
#include <string_view>

#include "ucf/http/headers.hpp"

namespace ucf::http {

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  bool omit_body = false;  // HEAD: send Content-Length of `body` but no body bytes
  // Why a 500 happened (the Status text), for the server log only; never sent to the client.
  // RecoverMiddleware logs it, scrubbed, with the request id.
  std::string internal_cause;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string_view content_type);
};

}  // namespace ucf::http
