#include "ucf/connectors/atlassian/adf.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::connectors::atlassian {
namespace {

boost::json::value Json(std::string_view text) { return boost::json::parse(text); }

TEST(FlattenAdfTest, ParagraphsAreSeparatedByABlankLine) {
  auto doc = Json(R"({"type":"doc","version":1,"content":[
    {"type":"paragraph","content":[{"type":"text","text":"Hello "},
                                   {"type":"text","text":"world","marks":[{"type":"strong"}]}]},
    {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Zoë — 日本"}]},
    {"type":"paragraph","content":[]}
  ]})");
  EXPECT_EQ(FlattenAdf(doc), "Hello world\n\nZoë — 日本");
}

TEST(FlattenAdfTest, NestedListsMentionsCodeLinksAndBreaks) {
  auto doc = Json(R"({"type":"doc","version":1,"content":[
    {"type":"paragraph","content":[
      {"type":"mention","attrs":{"id":"5b10","text":"@Jane Doe","accessLevel":""}},
      {"type":"text","text":" see "},
      {"type":"text","text":"the docs","marks":[{"type":"link","attrs":{"href":"https://x.test/d"}}]},
      {"type":"text","text":" and "},
      {"type":"text","text":"https://x.test/e","marks":[{"type":"link","attrs":{"href":"https://x.test/e"}}]},
      {"type":"hardBreak"},
      {"type":"text","text":"run "},
      {"type":"text","text":"make","marks":[{"type":"code"}]},
      {"type":"text","text":" "},
      {"type":"emoji","attrs":{"shortName":":smile:","text":"😄"}},
      {"type":"emoji","attrs":{"shortName":":party:"}}
    ]},
    {"type":"bulletList","content":[
      {"type":"listItem","content":[
        {"type":"paragraph","content":[{"type":"text","text":"one"}]},
        {"type":"orderedList","attrs":{"order":3},"content":[
          {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"three"}]}]},
          {"type":"listItem","content":[
            {"type":"paragraph","content":[{"type":"text","text":"four"}]},
            {"type":"bulletList","content":[
              {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"deep"}]}]}
            ]}
          ]}
        ]}
      ]},
      {"type":"listItem","content":[{"type":"paragraph","content":[
        {"type":"text","text":"two"},{"type":"hardBreak"},{"type":"text","text":"lines"}]}]}
    ]},
    {"type":"codeBlock","attrs":{"language":"sh"},"content":[{"type":"text","text":"make test\nmake install"}]}
  ]})");
  EXPECT_EQ(FlattenAdf(doc),
            "@Jane Doe see the docs (https://x.test/d) and https://x.test/e\n"
            "run make 😄:party:\n"
            "\n"
            "- one\n"
            "  3. three\n"
            "  4. four\n"
            "    - deep\n"
            "- two\n"
            "  lines\n"
            "\n"
            "make test\nmake install");
}

TEST(FlattenAdfTest, LinkSpanningSeveralTextNodesIsWrittenOnce) {
  auto doc = Json(R"({"type":"paragraph","content":[
    {"type":"text","text":"big ","marks":[{"type":"link","attrs":{"href":"https://x.test"}}]},
    {"type":"text","text":"link","marks":[{"type":"strong"},{"type":"link","attrs":{"href":"https://x.test"}}]}
  ]})");
  EXPECT_EQ(FlattenAdf(doc), "big link (https://x.test)");
}

TEST(FlattenAdfTest, TablesTasksCardsAndUnknownNodes) {
  auto doc = Json(R"({"type":"doc","content":[
    {"type":"table","content":[
      {"type":"tableRow","content":[
        {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Name"}]}]},
        {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Age"}]}]}]},
      {"type":"tableRow","content":[
        {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"Zoë"}]}]},
        {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"7"}]}]}]}
    ]},
    {"type":"taskList","content":[
      {"type":"taskItem","attrs":{"state":"DONE"},"content":[{"type":"text","text":"done"}]},
      {"type":"taskItem","attrs":{"state":"TODO"},"content":[{"type":"text","text":"todo"}]}
    ]},
    {"type":"panel","attrs":{"panelType":"info"},"content":[
      {"type":"paragraph","content":[{"type":"inlineCard","attrs":{"url":"https://x.test/card"}},
                                     {"type":"text","text":" "},
                                     {"type":"status","attrs":{"text":"IN PROGRESS"}},
                                     {"type":"text","text":" "},
                                     {"type":"date","attrs":{"timestamp":"1700000000000"}}]}
    ]},
    {"type":"futureBlock","content":[{"type":"futureInline","content":[{"type":"text","text":"kept"}]}]},
    {"type":"rule"}
  ]})");
  EXPECT_EQ(FlattenAdf(doc),
            "Name | Age\nZoë | 7\n\n[x] done\n[ ] todo\n\n"
            "https://x.test/card IN PROGRESS 2023-11-14\n\nkept");
}

TEST(FlattenAdfTest, RobustOnNullsStringsAndMalformedNodes) {
  EXPECT_EQ(FlattenAdf(boost::json::value(nullptr)), "");
  EXPECT_EQ(FlattenAdf(boost::json::value("plain v2 body")), "plain v2 body");
  EXPECT_EQ(FlattenAdf(Json("42")), "");
  EXPECT_EQ(FlattenAdf(Json(R"({"type":"doc"})")), "");
  EXPECT_EQ(FlattenAdf(Json(R"({"type":"doc","content":null})")), "");
  EXPECT_EQ(FlattenAdf(Json(R"({"type":"doc","content":[null, 3, {"type":"paragraph","content":[
      {"type":"text"}, {"type":"text","text":5}, {"type":"mention"}, {"type":"text","text":"ok"},
      {"type":"text","text":"x","marks":"bad"}]}]})")),
            "@okx");
  EXPECT_EQ(FlattenAdf(Json(R"({"type":"bulletList","content":[{"type":"listItem"}]})")), "-");
}

TEST(FlattenAdfTest, DeepNestingIsCutOffNotCrashing) {
  boost::json::value node = boost::json::object{{"type", "text"}, {"text", "leaf"}};
  for (int i = 0; i < 500; ++i) {
    node = boost::json::object{{"type", "blockquote"}, {"content", boost::json::array{node}}};
  }
  EXPECT_EQ(FlattenAdf(node), "");
}

TEST(PlainTextToAdfTest, ParagraphPerBlockAndHardBreaks) {
  boost::json::object doc = PlainTextToAdf("Zoë — 日本\r\nline two\n\n\n  \nsecond \"para\"");
  EXPECT_EQ(
      boost::json::serialize(doc),
      R"({"type":"doc","version":1,"content":[)"
      R"({"type":"paragraph","content":[{"type":"text","text":"Zoë — 日本"},{"type":"hardBreak"},)"
      R"({"type":"text","text":"line two"}]},)"
      R"({"type":"paragraph","content":[{"type":"text","text":"second \"para\""}]}]})");
  EXPECT_EQ(FlattenAdf(doc), "Zoë — 日本\nline two\n\nsecond \"para\"");
}

TEST(PlainTextToAdfTest, EmptyTextIsAnEmptyDoc) {
  EXPECT_EQ(boost::json::serialize(PlainTextToAdf("")),
            R"({"type":"doc","version":1,"content":[]})");
  EXPECT_EQ(boost::json::serialize(PlainTextToAdf("\n \n")),
            R"({"type":"doc","version":1,"content":[]})");
}

}  // namespace
}  // namespace ucf::connectors::atlassian
