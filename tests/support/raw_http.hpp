#pragma once
// Raw TCP exchanges for tests that must send what no HTTP client would (malformed requests,
// oversized headers, several requests on one connection).

#include <string>

namespace ucf::testing {

// Connects to 127.0.0.1:port, sends `bytes`, reads until the peer closes or `timeout_ms` passes
// without data, and returns everything read. With `half_close` the sending side is shut down after
// `bytes` (the server sees end of stream at once instead of waiting for more).
std::string RawExchange(int port, const std::string& bytes, int timeout_ms = 2000,
                        bool half_close = false);

}  // namespace ucf::testing
