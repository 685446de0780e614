// The Jira and Confluence response mappings (jira_mapping.hpp, confluence_mapping.hpp) on any
// body an upstream could send: every mapping either maps it or answers Internal — never a crash,
// never another status code. The first input part is the Link header of Confluence listings.

#include "fuzz/fuzz_input.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/confluence/confluence_mapping.hpp"
#include "ucf/connectors/jira/jira_mapping.hpp"

namespace jira = ucf::connectors::jira;
namespace confluence = ucf::connectors::confluence;

namespace {
template <typename T>
void Expect(const absl::StatusOr<T>& r) {
  UCF_FUZZ_CHECK(r.ok() || r.status().code() == absl::StatusCode::kInternal);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ucf::fuzz::Input in(data, size);
  std::string_view link = in.Part();
  auto body = ucf::connectors::atlassian::ParseResponseObject("fuzz", in.Rest());
  if (!body.ok()) return 0;
  const std::optional<std::string> site = "https://acme.atlassian.net";
  ucf::http::Headers headers;
  headers.Add("Link", link);

  Expect(jira::MapMyself(*body));
  Expect(jira::MapProjectPage(*body, 0, site));
  Expect(jira::MapIssue(*body, "10000", site, true, "", "KEY-1"));
  Expect(jira::MapIssue(*body, "", std::nullopt, false));
  Expect(jira::MapIssueSearch(*body, "10000", site));
  Expect(jira::MapComment(*body));
  Expect(jira::MapCommentPage(*body, 5));
  Expect(jira::MapCreatedIssue(*body, ucf::connectors::NewItem{"10000", "t", "b", {}}, site));

  Expect(confluence::MapCredentialCheck(*body));
  Expect(confluence::MapSpacePage(*body, headers, std::nullopt));
  Expect(confluence::MapSpaceIdByKey(*body));
  Expect(confluence::MapPage(*body, "1", site, true, "2"));
  Expect(confluence::MapPageList(*body, headers, "1", site));
  Expect(confluence::MapFooterComment(*body));
  Expect(confluence::MapFooterCommentPage(*body, headers));
  (void)confluence::LinksBase(*body);
  return 0;
}
