#include "ucf/crypto/fernet.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ucf/core/time_format.hpp"
#include "ucf/crypto/base64url.hpp"

namespace ucf::crypto {
namespace {

using std::chrono::seconds;

const std::filesystem::path kVectorDir = UCF_SOURCE_DIR "/../shared/contracts/fernet";
constexpr std::string_view kVectorKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
// 1985-10-26T08:20:00Z, the timestamp of the spec vectors.
const core::TimePoint kSpecTime{seconds(499162800)};

// The parsed array in `<vector dir>/<name>`; fails the test (never skips) when it is missing.
boost::json::array LoadVectors(const std::string& name) {
  const std::filesystem::path path = kVectorDir / name;
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "Fernet spec vectors not found at " << path
                  << " (expected /work/shared/contracts/fernet beside the project)";
    return {};
  }
  std::stringstream text;
  text << in.rdbuf();
  boost::json::array vectors = boost::json::parse(text.str()).as_array();
  EXPECT_FALSE(vectors.empty()) << path;
  return vectors;
}

std::string Str(const boost::json::value& v, std::string_view field) {
  return std::string(v.at(field).as_string());
}

core::TimePoint Time(const boost::json::value& v) {
  return core::ParseRfc3339(Str(v, "now")).value();
}

TEST(FernetSpecTest, GenerateVectors) {
  const boost::json::array vectors = LoadVectors("generate.json");
  for (const boost::json::value& v : vectors) {
    Fernet::Iv iv;
    const boost::json::array& iv_json = v.at("iv").as_array();
    ASSERT_EQ(iv_json.size(), iv.size());
    for (std::size_t i = 0; i < iv.size(); ++i) {
      iv[i] = static_cast<std::uint8_t>(iv_json[i].to_number<int>());
    }
    const Fernet fernet = Fernet::FromKey(Str(v, "secret")).value();
    const std::string token = fernet.Encrypt(Str(v, "src"), Time(v), iv);
    EXPECT_EQ(token, Str(v, "token"));
    EXPECT_EQ(fernet.Decrypt(token, Time(v)).value(), Str(v, "src"));
  }
}

TEST(FernetSpecTest, VerifyVectors) {
  const boost::json::array vectors = LoadVectors("verify.json");
  for (const boost::json::value& v : vectors) {
    const Fernet fernet = Fernet::FromKey(Str(v, "secret")).value();
    absl::StatusOr<std::string> plaintext =
        fernet.Decrypt(Str(v, "token"), Time(v), seconds(v.at("ttl_sec").to_number<int>()));
    ASSERT_TRUE(plaintext.ok()) << plaintext.status();
    EXPECT_EQ(*plaintext, Str(v, "src"));
  }
}

TEST(FernetSpecTest, InvalidVectors) {
  const boost::json::array vectors = LoadVectors("invalid.json");
  EXPECT_EQ(vectors.size(), 8u);
  for (const boost::json::value& v : vectors) {
    SCOPED_TRACE(Str(v, "desc"));
    const Fernet fernet = Fernet::FromKey(Str(v, "secret")).value();
    absl::StatusOr<std::string> plaintext =
        fernet.Decrypt(Str(v, "token"), Time(v), seconds(v.at("ttl_sec").to_number<int>()));
    ASSERT_FALSE(plaintext.ok());
    EXPECT_EQ(plaintext.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(plaintext.status().message().find(Str(v, "token")), std::string_view::npos);
    EXPECT_EQ(plaintext.status().message().find(Str(v, "secret")), std::string_view::npos);
  }
}

TEST(FernetTest, RoundTripsAnyLengthWithFreshIvs) {
  const Fernet fernet = Fernet::FromKey(Fernet::GenerateKey()).value();
  std::string plaintext;
  for (int n = 0; n <= 65; ++n) {
    const std::string a = fernet.Encrypt(plaintext, kSpecTime);
    const std::string b = fernet.Encrypt(plaintext, kSpecTime);
    EXPECT_NE(a, b) << "IV reused";
    EXPECT_EQ(fernet.Decrypt(a, kSpecTime).value(), plaintext);
    plaintext.push_back(static_cast<char>(n * 31));
  }
}

TEST(FernetTest, StampsWholeSecondsAndExtractsThem) {
  const Fernet fernet = Fernet::FromKey(kVectorKey).value();
  const std::string token = fernet.Encrypt("x", kSpecTime + std::chrono::milliseconds(999));
  EXPECT_EQ(fernet.ExtractTimestamp(token).value(), kSpecTime);
  EXPECT_EQ(Base64UrlDecode(token)->substr(0, 9), std::string("\x80\0\0\0\0\x1d\xc0\x9e\xb0", 9));
  EXPECT_FALSE(Fernet::FromKey(Fernet::GenerateKey())->ExtractTimestamp(token).ok());
}

TEST(FernetTest, TtlAndClockSkewBoundaries) {
  const Fernet fernet = Fernet::FromKey(kVectorKey).value();
  const std::string token = fernet.Encrypt("x", kSpecTime);
  EXPECT_TRUE(fernet.Decrypt(token, kSpecTime + seconds(60), seconds(60)).ok());
  EXPECT_FALSE(fernet.Decrypt(token, kSpecTime + seconds(61), seconds(60)).ok());
  EXPECT_TRUE(fernet.Decrypt(token, kSpecTime - seconds(60), seconds(60)).ok());
  EXPECT_FALSE(fernet.Decrypt(token, kSpecTime - seconds(61), seconds(60)).ok());
  // Without a TTL the timestamp is not checked (pyca semantics).
  EXPECT_TRUE(fernet.Decrypt(token, kSpecTime + seconds(1'000'000'000)).ok());
  EXPECT_TRUE(fernet.Decrypt(token, kSpecTime - seconds(1'000'000)).ok());
}

TEST(FernetTest, RejectsEveryAlteredByte) {
  const Fernet fernet = Fernet::FromKey(kVectorKey).value();
  const std::string raw = *Base64UrlDecode(fernet.Encrypt("secret value", kSpecTime));
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string altered = raw;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    EXPECT_FALSE(fernet.Decrypt(Base64UrlEncode(altered), kSpecTime).ok()) << "byte " << i;
  }
  EXPECT_FALSE(fernet.Decrypt(Base64UrlEncode(raw.substr(0, raw.size() - 1)), kSpecTime).ok());
  EXPECT_FALSE(fernet.Decrypt(Base64UrlEncode(raw + "x"), kSpecTime).ok());
}

TEST(FernetTest, WrongKeyFailsOnTheSignature) {
  const std::string token = Fernet::FromKey(kVectorKey)->Encrypt("x", kSpecTime);
  absl::StatusOr<std::string> opened =
      Fernet::FromKey(Fernet::GenerateKey())->Decrypt(token, kSpecTime);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(opened.status().message().find("signature"), std::string_view::npos);
}

TEST(FernetTest, CheckFormatNeedsNoKey) {
  EXPECT_TRUE(Fernet::CheckFormat(Fernet::FromKey(kVectorKey)->Encrypt("", kSpecTime)).ok());
  EXPECT_FALSE(Fernet::CheckFormat("plaintext-secret").ok());
  EXPECT_FALSE(Fernet::CheckFormat("").ok());
}

TEST(FernetKeyTest, GeneratedKeysAreDistinctAndValid) {
  const std::string a = Fernet::GenerateKey(), b = Fernet::GenerateKey();
  EXPECT_EQ(a.size(), 44u);
  EXPECT_EQ(a.back(), '=');
  EXPECT_NE(a, b);
  EXPECT_TRUE(Fernet::FromKey(a).ok());
}

TEST(FernetKeyTest, RejectsMalformedKeysWithoutEchoingThem) {
  const std::string good(kVectorKey);
  const std::string cases[] = {
      "",
      good.substr(0, 43),                              // padding stripped
      good + " ",                                      // whitespace
      "cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=",  // standard alphabet
      Base64UrlEncode(std::string(31, 'k')),           // 31 bytes
      Base64UrlEncode(std::string(33, 'k')),           // 33 bytes
  };
  for (const std::string& key : cases) {
    absl::StatusOr<Fernet> fernet = Fernet::FromKey(key);
    ASSERT_FALSE(fernet.ok()) << key;
    EXPECT_EQ(fernet.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(fernet.status().message(), "not a valid Fernet key (32 bytes, URL-safe base64)");
  }
}

}  // namespace
}  // namespace ucf::crypto
