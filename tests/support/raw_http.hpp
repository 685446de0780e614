#pragma once
// Raw TCP exchanges for tests that must send what no HTTP client would (malformed requests,
// oversized headers, several requests on one connection).

#include <string>

namespace ucf::testing {

// Connects to 127.0.0.1:port, sends `bytes`, reads until the peer closes or `timeout_ms` passes
// without data, and returns everything read.
std::string RawExchange(int port, const std::string& bytes, int timeout_ms = 2000);

}  // namespace ucf::testing
