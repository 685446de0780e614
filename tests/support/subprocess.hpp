#pragma once
// Runs a child process with extra environment variables, capturing stdout+stderr to a file.
// The child inherits the test's environment (ASAN_OPTIONS, LSAN_OPTIONS, … in the sanitizer build).

#include <map>
#include <string>
#include <vector>

namespace ucf::testing {

class Subprocess {
 public:
  Subprocess(std::vector<std::string> argv, std::map<std::string, std::string> env);
  // Stops the child if still running: SIGTERM (so a sanitized `ucf` runs LeakSanitizer at exit),
  // SIGKILL when it has not exited within 10 s. Then fails the current test when the child's
  // output holds a sanitizer report (ASan, LSan, UBSan), quoting it.
  ~Subprocess();

  int pid() const { return pid_; }
  // Sends `signal`; then waits up to timeout_ms for exit. Returns the exit code, 128+signal when
  // killed by a signal, or -1 on timeout.
  int Signal(int signal, int timeout_ms = 10'000);
  int Wait(int timeout_ms = 10'000);
  // Everything the child wrote so far.
  std::string Output() const;
  // Polls Output() until it contains `needle` or timeout; returns whether it did.
  bool WaitForOutput(const std::string& needle, int timeout_ms = 10'000) const;

 private:
  int pid_ = -1;
  std::string output_path_;
  bool exited_ = false;
  int exit_code_ = -1;
};

}  // namespace ucf::testing
