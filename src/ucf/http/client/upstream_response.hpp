#pragma once
// The provider's answer to one UpstreamRequest: any HTTP status, including 4xx/5xx.

#include <string>

#include "ucf/http/headers.hpp"

namespace ucf::http {

struct UpstreamResponse {
  int status = 0;   // the final (non-1xx) status code
  Headers headers;  // as received, in order; Content-Encoding/Content-Length are dropped when the
                    // client decoded a compressed body (then `body` is the decoded bytes)
  std::string body;
};

}  // namespace ucf::http
