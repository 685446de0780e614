#include "ucf/crypto/key_ring.hpp"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "ucf/crypto/base64url.hpp"

namespace ucf::crypto {
namespace {

using std::chrono::seconds;

class KeyRingTest : public testing::Test {
 protected:
  std::unique_ptr<KeyRing> Ring(std::string_view keys) {
    absl::StatusOr<std::unique_ptr<KeyRing>> ring = KeyRing::FromList(keys, clock_);
    EXPECT_TRUE(ring.ok()) << ring.status();
    return ring.ok() ? *std::move(ring) : nullptr;
  }

  core::FakeClock clock_{core::TimePoint(seconds(1'700'000'000))};
  const std::string k1_ = Fernet::GenerateKey();
  const std::string k2_ = Fernet::GenerateKey();
};

TEST_F(KeyRingTest, RotationKeepsOldTokensReadable) {
  const std::unique_ptr<KeyRing> old_ring = Ring(k1_);
  const std::string old_token = old_ring->Encrypt("db-password").value();

  const std::unique_ptr<KeyRing> ring = Ring(absl::StrCat(" ", k2_, " ,\n", k1_, " "));
  ASSERT_EQ(ring->KeyCount(), 2u);
  EXPECT_EQ(ring->Decrypt(old_token).value(), "db-password");
  EXPECT_FALSE(ring->IsCurrent(old_token));

  const std::string new_token = ring->Encrypt("api-key").value();
  EXPECT_TRUE(ring->IsCurrent(new_token));
  EXPECT_TRUE(Fernet::FromKey(k2_)->Decrypt(new_token, clock_.Now()).ok()) << "not sealed by k2";
  EXPECT_FALSE(old_ring->Decrypt(new_token).ok());
}

TEST_F(KeyRingTest, ReencryptThenDropTheOldKey) {
  const std::string old_token = Ring(k1_)->Encrypt("refresh-token").value();
  clock_.Advance(seconds(3600));
  const std::unique_ptr<KeyRing> ring = Ring(absl::StrCat(k2_, ",", k1_));
  const std::string rotated = ring->Reencrypt(old_token).value();
  EXPECT_TRUE(ring->IsCurrent(rotated));
  // The original timestamp survives rotation (pyca MultiFernet.rotate).
  EXPECT_EQ(Fernet::FromKey(k2_)->ExtractTimestamp(rotated).value(),
            core::TimePoint(seconds(1'700'000'000)));

  const std::unique_ptr<KeyRing> new_ring = Ring(k2_);
  EXPECT_EQ(new_ring->Decrypt(rotated).value(), "refresh-token");
  absl::StatusOr<std::string> lost = new_ring->Decrypt(old_token);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(KeyRingTest, TokensNeverExpire) {
  const std::unique_ptr<KeyRing> ring = Ring(k1_);
  const std::string token = ring->Encrypt("x").value();
  clock_.Advance(seconds(10LL * 365 * 24 * 3600));
  EXPECT_EQ(ring->Decrypt(token).value(), "x");
}

TEST_F(KeyRingTest, MalformedTokenIsReportedAsSuch) {
  absl::StatusOr<std::string> opened = Ring(k1_)->Decrypt("not-a-token");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(opened.status().message().find("base64"), std::string_view::npos);
}

TEST_F(KeyRingTest, MalformedEntryIsNamedByPositionOnly) {
  const std::string bad = Base64UrlEncode(std::string(31, 'q'));  // looks like a key, 31 bytes
  struct Case {
    std::string list;
    std::string message;
  } cases[] = {
      {absl::StrCat(k1_, ",", bad), "entry 2 is not a valid Fernet key"},
      {absl::StrCat(bad, ",", k1_), "entry 1 is not a valid Fernet key"},
      {absl::StrCat(k1_, ",,", k2_), "entry 2 is not a valid Fernet key"},
      {absl::StrCat(k1_, ","), "entry 2 is not a valid Fernet key"},
      {"  ", "no encryption keys given"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::unique_ptr<KeyRing>> ring = KeyRing::FromList(c.list, clock_);
    ASSERT_FALSE(ring.ok()) << c.message;
    EXPECT_EQ(ring.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(ring.status().message().find(c.message), std::string_view::npos)
        << ring.status().message();
    EXPECT_EQ(ring.status().message().find(bad), std::string_view::npos);
    EXPECT_EQ(ring.status().message().find(k1_), std::string_view::npos);
    EXPECT_EQ(ring.status().message().find(bad.substr(0, 8)), std::string_view::npos);
  }
}

}  // namespace
}  // namespace ucf::crypto

namespace ucf::crypto {
namespace {

TEST(KeyRingDeriveTest, DerivedKeysAreStablePerKeyAndLabelPrimaryFirst) {
  core::FakeClock clock{core::TimePoint(std::chrono::seconds(1'700'000'000))};
  const std::string k1 = Fernet::GenerateKey(), k2 = Fernet::GenerateKey();
  auto one = KeyRing::FromList(k1, clock).value();
  auto both = KeyRing::FromList(k2 + "," + k1, clock).value();
  ASSERT_EQ(both->DeriveKeys("cursor").size(), 2u);
  EXPECT_EQ(both->DeriveKeys("cursor")[1], one->DeriveKeys("cursor")[0]);
  EXPECT_NE(both->DeriveKeys("cursor")[0], one->DeriveKeys("cursor")[0]);
  EXPECT_NE(one->DeriveKeys("cursor")[0], one->DeriveKeys("webhook")[0]);
  EXPECT_EQ(one->DeriveKeys("cursor")[0].size(), 32u);
}

}  // namespace
}  // namespace ucf::crypto
