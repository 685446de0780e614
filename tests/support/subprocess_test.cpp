// Subprocess's contract for the sanitizer build: a child still running at the end is stopped with
// SIGTERM (so LeakSanitizer runs at its exit), and a sanitizer report in its output fails the test.
#include "tests/support/subprocess.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ucf::testing {
namespace {

TEST(SubprocessTest, AChildStillRunningIsStoppedWithSigterm) {
  std::string marker = "/tmp/ucf-subprocess-test-" + std::to_string(getpid());
  {
    Subprocess child({"/bin/sh", "-c", "trap 'echo term > " + marker + "; exit 0' TERM; echo up; while :; do sleep 0.05; done"}, {});
    ASSERT_TRUE(child.WaitForOutput("up"));
  }
  std::ifstream in(marker);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "term\n");
  std::filesystem::remove(marker);
}

TEST(SubprocessTest, ASanitizerReportInTheChildsOutputFailsTheTest) {
  for (const char* report : {"==1==ERROR: LeakSanitizer: detected memory leaks",
                             "==1==ERROR: AddressSanitizer: heap-use-after-free on address",
                             "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior a.cpp:1:2"}) {
    EXPECT_NONFATAL_FAILURE(
        {
          Subprocess child({"/bin/sh", "-c", std::string("echo '") + report + "' >&2; exit 1"}, {});
          child.Wait();
        },
        "sanitizer report from child");
  }
}

TEST(SubprocessTest, OrdinaryOutputDoesNotFail) {
  Subprocess child({"/bin/sh", "-c", "echo 'a runtime error: in a log line'; exit 0"}, {});
  EXPECT_EQ(child.Wait(), 0);
}

}  // namespace
}  // namespace ucf::testing
