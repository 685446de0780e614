#include "ucf/http/client/sleeper.hpp"

#include <numeric>
#include <thread>

namespace ucf::http {

void RealSleeper::Sleep(std::chrono::milliseconds duration) {
  if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

void FakeSleeper::Sleep(std::chrono::milliseconds duration) {
  {
    std::lock_guard lock(mu_);
    sleeps_.push_back(duration);
  }
  if (clock_ != nullptr) clock_->Advance(duration);
}

std::vector<std::chrono::milliseconds> FakeSleeper::sleeps() const {
  std::lock_guard lock(mu_);
  return sleeps_;
}

std::chrono::milliseconds FakeSleeper::total() const {
  std::lock_guard lock(mu_);
  return std::accumulate(sleeps_.begin(), sleeps_.end(), std::chrono::milliseconds(0));
}

}  // namespace ucf::http
