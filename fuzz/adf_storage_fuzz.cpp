// Rich text flattening (connectors/atlassian/adf.hpp, storage_format.hpp) on arbitrary input:
// ADF JSON (any depth the response parser accepts) and Confluence storage markup never crash the
// flatteners; the writers' output flattens back; EscapeXml leaves no markup character.

#include "fuzz/fuzz_input.hpp"
#include "ucf/connectors/atlassian/adf.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/atlassian/storage_format.hpp"

namespace atl = ucf::connectors::atlassian;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto doc = atl::ParseResponseObject("fuzz", text); doc.ok()) {
    (void)atl::FlattenAdf(boost::json::value(*doc));
    if (const auto* body = doc->if_contains("body")) (void)atl::FlattenAdf(*body);
  }
  (void)atl::FlattenAdf(boost::json::value(text));
  (void)atl::FlattenAdf(boost::json::value(atl::PlainTextToAdf(text)));

  (void)atl::StorageToPlainText(text);
  (void)atl::StorageToPlainText(atl::PlainTextToStorage(text));
  std::string escaped = atl::EscapeXml(text);
  UCF_FUZZ_CHECK(escaped.find_first_of("<>\"'") == std::string::npos);
  return 0;
}
