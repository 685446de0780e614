#include "ucf/connectors/atlassian/storage_format.hpp"

#include <gtest/gtest.h>

namespace ucf::connectors::atlassian {
namespace {

TEST(StorageToPlainTextTest, ParagraphsBreaksAndEntities) {
  EXPECT_EQ(StorageToPlainText("<p>Hello &amp; <strong>welcome</strong>,\n  Zoë — 日本</p>"
                               "<p>a&lt;b&gt;c &quot;q&quot; it&#39;s &#x263A; &#9731;&nbsp;x</p>"
                               "<p>line<br/>break<br />again</p>"),
            "Hello & welcome, Zoë — 日本\n\na<b>c \"q\" it's ☺ ☃ x\n\nline\nbreak\nagain");
}

TEST(StorageToPlainTextTest, ListsHeadingsTablesAndCode) {
  std::string storage =
      "<h1>Title</h1><ul><li><p>one</p></li><li>two<ul><li>nested</li></ul></li></ul>"
      "<table><tbody><tr><th>Name</th><th>Age</th></tr><tr><td><p>Zoë</p></td><td>7</td></tr>"
      "</tbody></table>"
      "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">sh</ac:parameter>"
      "<ac:plain-text-body><![CDATA[make <all>\n  && install]]></ac:plain-text-body>"
      "</ac:structured-macro><pre>a\n  b</pre><!-- hidden --><p>end</p>";
  EXPECT_EQ(StorageToPlainText(storage),
            "Title\n\n- one\n- two\n- nested\n\nName | Age\nZoë | 7\n\n"
            "make <all>\n  && install\na\n  b\n\nend");
}

TEST(StorageToPlainTextTest, RobustOnOddInput) {
  EXPECT_EQ(StorageToPlainText(""), "");
  EXPECT_EQ(StorageToPlainText("just text"), "just text");
  EXPECT_EQ(StorageToPlainText("AT&T &bogus; &#; &"), "AT&T &bogus; &#; &");
  EXPECT_EQ(StorageToPlainText("<p>cut <strong"), "cut");
  EXPECT_EQ(StorageToPlainText("<ri:user ri:account-id=\"5b10\"/> hi"), "hi");
  EXPECT_EQ(StorageToPlainText("<p>&#0;&#x110000;</p>"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(PlainTextToStorageTest, EscapesAndWrapsParagraphs) {
  EXPECT_EQ(PlainTextToStorage("a < b & \"c\"\r\nit's\n\n\nZoë — 日本"),
            "<p>a &lt; b &amp; &quot;c&quot;<br/>it&#39;s</p><p>Zoë — 日本</p>");
  EXPECT_EQ(PlainTextToStorage(""), "");
  EXPECT_EQ(StorageToPlainText(PlainTextToStorage("x <y>\nz\n\nw")), "x <y>\nz\n\nw");
}

}  // namespace
}  // namespace ucf::connectors::atlassian
