#include "ucf/core/envelope.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"

namespace ucf::core {
namespace {

// Written around the value in its own buffer, the envelope is byte for byte the copied one, and a
// writer that reserved room for it keeps its buffer (no second allocation).
TEST(EnvelopeTest, AnEnvelopeWrittenInPlaceEqualsTheCopiedOne) {
  const std::string data = R"({"items":[{"id":"a"},{"id":"b"}],"next":null})";
  std::string text;
  text.reserve(data.size() + 64);
  text.append(data);
  const char* buffer = text.data();
  std::string enveloped = SuccessEnvelope(std::move(text));
  EXPECT_EQ(enveloped, SuccessEnvelope(std::string_view(data)));
  EXPECT_EQ(enveloped, SuccessEnvelope(boost::json::parse(data)));
  EXPECT_EQ(enveloped.data(), buffer);
}

}  // namespace
}  // namespace ucf::core
