#pragma once
// Collects log lines written through an spdlog sink, for assertions on log output.

#include <memory>
#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>

namespace ucf::testing {

class LogCapture final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string Text();

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  std::mutex text_mu_;
  std::string text_;
};

}  // namespace ucf::testing
