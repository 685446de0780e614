#pragma once
// The real `ucf serve` binary as a child process on a free port, for tests that kill or restart
// it (UCF_BINARY is defined for the integration suite).

#include <stdlib.h>

#include <map>
#include <memory>
#include <string>

#include "tests/support/subprocess.hpp"

namespace ucf::testing {

// Starts `ucf serve --port 0` with `env` (LOG_JSON=true is added) and sets *base to its URL once it
// listens ("http://127.0.0.1:0" when it did not within 20 s).
inline std::unique_ptr<Subprocess> StartUcfProcess(std::map<std::string, std::string> env, std::string* base) {
  env["LOG_JSON"] = "true";
  auto ucf = std::make_unique<Subprocess>(
      std::vector<std::string>{UCF_BINARY, "serve", "--port", "0", "--env-file", "/nonexistent"}, env);
  int port = 0;
  const std::string marker = "\"message\":\"listening\"";
  if (ucf->WaitForOutput(marker, 20'000)) {
    std::string out = ucf->Output();
    std::size_t at = out.find("\"port\":", out.find(marker));
    if (at != std::string::npos) port = std::atoi(out.c_str() + at + 7);
  }
  *base = "http://127.0.0.1:" + std::to_string(port);
  return ucf;
}

}  // namespace ucf::testing
