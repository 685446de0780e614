#include "ucf/crypto/key_source.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "ucf/crypto/base64url.hpp"
#include "ucf/crypto/key_ring.hpp"

namespace ucf::crypto {
namespace {

namespace fs = std::filesystem;

class KeySourceTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(testing::TempDir()) / "ucf_key_source_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    data_dir_ = root_ / "data" / "nested";
  }
  void TearDown() override { fs::remove_all(root_); }

  static void ExpectNoKeyText(absl::string_view text, absl::string_view key) {
    EXPECT_EQ(text.find(key), absl::string_view::npos) << text;
    EXPECT_EQ(text.find(key.substr(0, 12)), absl::string_view::npos) << text;
  }

  fs::path root_;
  fs::path data_dir_;
};

TEST_F(KeySourceTest, DevelopmentGeneratesAPrivateKeyFileOnce) {
  const mode_t old_umask = umask(0);  // the file must be 0600 even under a permissive umask
  std::string warning;
  absl::StatusOr<std::string> key = ResolveEncryptionKeys("", data_dir_, false, &warning);
  umask(old_umask);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_TRUE(Fernet::FromKey(*key).ok());

  const fs::path file = data_dir_ / "encryption.key";
  struct stat st;
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_NE(warning.find(file.string()), std::string::npos) << warning;
  EXPECT_NE(warning.find("generated"), std::string::npos) << warning;
  ExpectNoKeyText(warning, *key);

  int entries = 0;
  for (const auto& entry : fs::directory_iterator(data_dir_)) {
    ++entries;
    EXPECT_EQ(entry.path().filename(), "encryption.key") << "left behind: " << entry.path();
  }
  EXPECT_EQ(entries, 1);

  std::string second_warning = "stale";
  EXPECT_EQ(ResolveEncryptionKeys("", data_dir_, false, &second_warning).value(), *key);
  EXPECT_EQ(second_warning, "");
  EXPECT_EQ(ResolveEncryptionKeys("  \n", data_dir_, false, nullptr).value(), *key);
}

TEST_F(KeySourceTest, ConfiguredKeysWinAndAreValidated) {
  const std::string k1 = Fernet::GenerateKey(), k2 = Fernet::GenerateKey();
  const std::string list = absl::StrCat(k1, ", ", k2);
  EXPECT_EQ(ResolveEncryptionKeys(absl::StrCat(" ", list, "\n"), data_dir_, true, nullptr).value(),
            list);
  EXPECT_TRUE(KeyRing::FromList(list, core::SystemClock()).ok());
  EXPECT_FALSE(fs::exists(data_dir_)) << "a configured key must not touch the data dir";

  const std::string bad = Base64UrlEncode(std::string(16, 's'));
  for (bool production : {false, true}) {
    std::string warning;
    absl::StatusOr<std::string> result =
        ResolveEncryptionKeys(absl::StrCat(k1, ",", bad), data_dir_, production, &warning);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().message(),
              "ENCRYPTION_KEY: entry 2 is not a valid Fernet key (32 bytes, URL-safe base64)");
    ExpectNoKeyText(result.status().message(), bad);
    ExpectNoKeyText(result.status().message(), k1);
    EXPECT_EQ(warning, "");
  }
}

TEST_F(KeySourceTest, ProductionRequiresAConfiguredKey) {
  absl::StatusOr<std::string> result = ResolveEncryptionKeys("", data_dir_, true, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(result.status().message(), "ENCRYPTION_KEY is required when UCF_ENV=production");
  EXPECT_FALSE(fs::exists(data_dir_)) << "production must never generate a key";
}

TEST_F(KeySourceTest, MalformedKeyFileIsNamedNotEchoed) {
  fs::create_directories(data_dir_);
  const std::string bad = "Zm9vYmFyYmF6cXV4LXNlY3JldC1ub3Qta2V5";
  std::ofstream(data_dir_ / "encryption.key") << bad << "\n";
  fs::permissions(data_dir_ / "encryption.key", fs::perms::owner_read | fs::perms::owner_write);
  absl::StatusOr<std::string> result = ResolveEncryptionKeys("", data_dir_, false, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("encryption.key: entry 1"), std::string_view::npos)
      << result.status().message();
  ExpectNoKeyText(result.status().message(), bad);
}

TEST_F(KeySourceTest, WarnsWhenTheKeyFileIsWorldReadable) {
  fs::create_directories(data_dir_);
  const std::string key = Fernet::GenerateKey();
  std::ofstream(data_dir_ / "encryption.key") << key << "\n";
  fs::permissions(data_dir_ / "encryption.key", fs::perms(0644));
  std::string warning;
  EXPECT_EQ(ResolveEncryptionKeys("", data_dir_, false, &warning).value(), key);
  EXPECT_NE(warning.find("chmod 600"), std::string::npos) << warning;
  ExpectNoKeyText(warning, key);
}

}  // namespace
}  // namespace ucf::crypto
