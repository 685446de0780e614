// Interop with Python's cryptography.fernet, the reference implementation the original system
// used. Runs Debian's /usr/bin/python3 (python3-cryptography); keys, tokens and plaintexts travel
// through environment variables, never argv.

#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "ucf/crypto/fernet.hpp"

namespace ucf::crypto {
namespace {

using std::chrono::seconds;

struct PythonRun {
  int exit_code = -1;
  std::vector<std::string> lines;  // stdout and stderr
  std::string output;
};

// Runs `script` under /usr/bin/python3 with `env` added to the environment.
PythonRun RunPython(const std::string& script,
                    const std::vector<std::pair<std::string, std::string>>& env) {
  std::vector<std::pair<std::string, std::string>> all = env;
  all.emplace_back("UCF_PY_SCRIPT", script);
  for (const auto& [name, value] : all) setenv(name.c_str(), value.c_str(), 1);
  PythonRun run;
  if (FILE* pipe = popen("/usr/bin/python3 -c \"$UCF_PY_SCRIPT\" 2>&1", "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.output.append(buf, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  for (const auto& [name, value] : all) unsetenv(name.c_str());
  run.lines = absl::StrSplit(run.output, '\n', absl::SkipEmpty());
  return run;
}

class FernetPythonInteropTest : public testing::Test {
 protected:
  void SetUp() override {
    const PythonRun probe = RunPython("import cryptography.fernet", {});
    ASSERT_EQ(probe.exit_code, 0)
        << "/usr/bin/python3 cannot import cryptography.fernet; install python3-cryptography "
           "(apt-get install python3-cryptography; the project's setup script installs it).\n"
        << probe.output;
  }

  const std::vector<std::string> plaintexts_ = {"",
                                                "a",
                                                "0123456789abcde",
                                                "0123456789abcdef",
                                                "0123456789abcdefX",
                                                std::string("bin\0ary\xff\x80 bytes", 16),
                                                "unicode: \xc3\xa9\xe2\x82\xac",
                                                std::string(1000, 'z')};
};

TEST_F(FernetPythonInteropTest, OurTokensOpenInPython) {
  const std::string key = Fernet::GenerateKey();
  const Fernet fernet = Fernet::FromKey(key).value();
  const core::TimePoint now{seconds(1'700'000'000)};
  std::vector<std::string> tokens;
  for (const std::string& p : plaintexts_) tokens.push_back(fernet.Encrypt(p, now));

  const PythonRun run = RunPython(
      "import os\n"
      "from cryptography.fernet import Fernet\n"
      "f = Fernet(os.environ['UCF_KEY'].encode())\n"
      "for t in os.environ['UCF_TOKENS'].split():\n"
      "    print(f.decrypt(t.encode()).hex(), f.extract_timestamp(t.encode()))\n",
      {{"UCF_KEY", key}, {"UCF_TOKENS", absl::StrJoin(tokens, " ")}});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ASSERT_EQ(run.lines.size(), plaintexts_.size()) << run.output;
  for (std::size_t i = 0; i < plaintexts_.size(); ++i) {
    const std::vector<std::string> fields = absl::StrSplit(run.lines[i], ' ');
    ASSERT_EQ(fields.size(), 2u) << run.lines[i];
    EXPECT_EQ(absl::HexStringToBytes(fields[0]), plaintexts_[i]) << "plaintext " << i;
    EXPECT_EQ(fields[1], "1700000000");
  }
}

TEST_F(FernetPythonInteropTest, PythonTokensOpenHere) {
  std::vector<std::string> hex;
  for (const std::string& p : plaintexts_) hex.push_back(absl::BytesToHexString(p));
  const PythonRun run = RunPython(
      "import os\n"
      "from cryptography.fernet import Fernet\n"
      "key = Fernet.generate_key()\n"
      "print(key.decode())\n"
      "f = Fernet(key)\n"
      "for h in os.environ['UCF_PLAINTEXTS'].split(','):\n"
      "    print(f.encrypt_at_time(bytes.fromhex(h), int(os.environ['UCF_TIME'])).decode())\n",
      {{"UCF_PLAINTEXTS", absl::StrJoin(hex, ",")}, {"UCF_TIME", "1700000000"}});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ASSERT_EQ(run.lines.size(), plaintexts_.size() + 1) << run.output;

  absl::StatusOr<Fernet> fernet = Fernet::FromKey(run.lines[0]);
  ASSERT_TRUE(fernet.ok()) << "a key from Python's Fernet.generate_key() was rejected";
  const core::TimePoint now{seconds(1'700'000'030)};
  for (std::size_t i = 0; i < plaintexts_.size(); ++i) {
    absl::StatusOr<std::string> opened = fernet->Decrypt(run.lines[i + 1], now, seconds(60));
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(*opened, plaintexts_[i]) << "plaintext " << i;
  }
}

}  // namespace
}  // namespace ucf::crypto
