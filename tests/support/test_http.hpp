#pragma once
// A blocking HTTP client for tests (libcurl easy), independent of the code under test.

#include <string>
#include <vector>

#include "ucf/http/headers.hpp"

namespace ucf::testing {

struct TestResponse {
  int status = 0;            // 0 when the request could not be sent
  http::Headers headers;
  std::string body;
  std::string error;         // transport error text
};

// `url` like "http://127.0.0.1:PORT/path". Headers as "Name: value" lines.
TestResponse Fetch(const std::string& method, const std::string& url,
                   const std::vector<std::string>& headers = {}, const std::string& body = {},
                   long timeout_ms = 10'000, const std::string& local_address = {});

}  // namespace ucf::testing
