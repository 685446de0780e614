#include "tests/support/log_capture.hpp"

namespace ucf::testing {

std::string LogCapture::Text() {
  std::lock_guard lock(text_mu_);
  return text_;
}

void LogCapture::sink_it_(const spdlog::details::log_msg& msg) {
  std::lock_guard lock(text_mu_);
  text_.append(msg.payload.data(), msg.payload.size());
  text_ += '\n';
}

}  // namespace ucf::testing
