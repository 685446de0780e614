#include "ucf/connectors/cursor_codec.hpp"

#include <gtest/gtest.h>

namespace ucf::connectors {
namespace {

const CursorBinding kItems{"conn-a", "items", "ENG\n"};

TEST(CursorCodecTest, RoundTripsAndIsStable) {
  CursorCodec codec({std::string(32, 'k')});
  std::string c = codec.Encode(kItems, "token/+=?&1");
  EXPECT_EQ(c, codec.Encode(kItems, "token/+=?&1"));
  EXPECT_EQ(c.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
            std::string::npos);
  EXPECT_EQ(codec.Decode(kItems, c).value(), "token/+=?&1");
  EXPECT_EQ(codec.Decode(kItems, "").value(), "");
}

// Found by fuzz/cursor_codec_fuzz: the scope carries the client's search text as sent (percent-
// decoded, not necessarily UTF-8, NULs included); the next page's cursor must still be accepted.
TEST(CursorCodecTest, ScopesThatAreNotUtf8RoundTrip) {
  CursorCodec codec({std::string(32, 'k')});
  const std::string scope("nex$P\x96geTe\0on", 14);
  const std::string connection("\0\0a\0\0ncioerse", 14);
  const CursorBinding binding{connection, "", scope};
  std::string c = codec.Encode(binding, "page-2");
  EXPECT_EQ(codec.Decode(binding, c).value(), "page-2");
  EXPECT_FALSE(codec.Decode({connection, "", "nex$P\x96geTe"}, c).ok());
}

TEST(CursorCodecTest, RefusesOtherConnectionKindScopeAndTampering) {
  CursorCodec codec({std::string(32, 'k')});
  std::string c = codec.Encode(kItems, "50");
  EXPECT_EQ(codec.Decode({"conn-b", "items", "ENG\n"}, c).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(codec.Decode({"conn-a", "containers", "ENG\n"}, c).ok());
  EXPECT_FALSE(codec.Decode({"conn-a", "items", "OPS\n"}, c).ok());
  std::string tampered = c;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec.Decode(kItems, tampered).ok());
  EXPECT_FALSE(codec.Decode(kItems, "garbage").ok());
  EXPECT_FALSE(codec.Decode(kItems, "a.b").ok());
  EXPECT_FALSE(CursorCodec({std::string(32, 'x')}).Decode(kItems, c).ok());
}

TEST(CursorCodecTest, OlderKeysStillVerifyAfterRotation) {
  std::string old_key(32, 'o'), new_key(32, 'n');
  std::string c = CursorCodec({old_key}).Encode(kItems, "p2");
  EXPECT_EQ(CursorCodec({new_key, old_key}).Decode(kItems, c).value(), "p2");
}

}  // namespace
}  // namespace ucf::connectors
