#include "ucf/core/envelope.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"

namespace ucf::core {
namespace {

// Written in place, the envelope is byte for byte the one built around a finished value, and the
// value is never copied (the string keeps the buffer reserved at the start).
TEST(EnvelopeTest, AnEnvelopeWrittenInPlaceEqualsTheOneBuiltAround) {
  const std::string data = R"({"items":[{"id":"a"},{"id":"b"}],"next":null})";
  std::string text = OpenSuccessEnvelope(data.size());
  const char* buffer = text.data();
  text.append(data);
  CloseSuccessEnvelope(text);
  EXPECT_EQ(text, SuccessEnvelope(std::string_view(data)));
  EXPECT_EQ(text, SuccessEnvelope(boost::json::parse(data)));
  EXPECT_EQ(text.data(), buffer);  // no reallocation: the capacity covered head, value and tail
}

}  // namespace
}  // namespace ucf::core
