#include "ucf/http/static_files/static_site.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "ucf/http/static_files/content_type.hpp"
#include "ucf/http/static_files/ui_location.hpp"

namespace ucf::http {
namespace {

namespace fs = std::filesystem;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("ucf-static-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "out";
    fs::create_directories(root_ / "_next" / "static" / "chunks");
    fs::create_directories(root_ / "browse");
    Write(root_ / "index.html", "<html>home</html>");
    Write(root_ / "connections.html", "<html>connections</html>");
    Write(root_ / "connections.txt", "rsc");
    Write(root_ / "browse" / "index.html", "<html>browse</html>");
    Write(root_ / "_next" / "static" / "chunks" / "app-0a1b2c.js", "console.log(1)");
    Write(root_ / "_next" / "static" / "chunks" / "site.css", "body{}");
    Write(root_ / "logo.svg", "<svg/>");
    Write(root_ / ".env", "SECRET=1");
    Write(base_ / "secret.txt", "outside");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
  StaticSite Site() { return *StaticSite::Open(root_); }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticSiteTest, ServesFilesWithTheirContentTypes) {
  StaticSite site = Site();
  Response r = site.Serve("_next/static/chunks/app-0a1b2c.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.headers.Get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(site.Serve("_next/static/chunks/site.css").headers.Get("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(site.Serve("logo.svg").headers.Get("Content-Type"), "image/svg+xml");
  EXPECT_EQ(site.Serve("connections.txt").headers.Get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(site.Serve("").headers.Get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(site.Serve("").body, "<html>home</html>");
  EXPECT_EQ(site.Serve("logo.svg").headers.Get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(site.Serve("connections").headers.Get("X-Frame-Options"), "DENY");
  EXPECT_EQ(site.Serve("").headers.Get("Content-Security-Policy"), "frame-ancestors 'none'");
  EXPECT_FALSE(site.Serve("logo.svg").headers.Has("X-Frame-Options"));
}

TEST_F(StaticSiteTest, HashedAssetsAreImmutableAndHtmlIsRevalidated) {
  StaticSite site = Site();
  EXPECT_EQ(site.Serve("_next/static/chunks/app-0a1b2c.js").headers.Get("Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(site.Serve("").headers.Get("Cache-Control"), "no-cache");
  EXPECT_EQ(site.Serve("connections").headers.Get("Cache-Control"), "no-cache");
  EXPECT_EQ(site.Serve("logo.svg").headers.Get("Cache-Control"), "no-cache");
}

TEST_F(StaticSiteTest, PagesWithoutExtensionAndIndexFolders) {
  StaticSite site = Site();
  EXPECT_EQ(site.Serve("connections").body, "<html>connections</html>");
  EXPECT_EQ(site.Serve("/connections").body, "<html>connections</html>");
  EXPECT_EQ(site.Serve("browse").body, "<html>browse</html>");
  EXPECT_EQ(site.Serve("browse/").body, "<html>browse</html>");
}

TEST_F(StaticSiteTest, DeepLinksFallBackToTheNearestPage) {
  StaticSite site = Site();
  Response r = site.Serve("connections/abc/def");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<html>connections</html>");
  EXPECT_EQ(site.Serve("nowhere/at/all").body, "<html>home</html>");
  // A missing asset stays a 404: never HTML in place of a script.
  EXPECT_EQ(site.Serve("_next/static/chunks/gone-123.js").status, 404);
  EXPECT_EQ(site.Serve("missing.css").status, 404);
}

TEST_F(StaticSiteTest, NoWayOutOfTheFolder) {
  StaticSite site = Site();
  // The server percent-decodes the path first, so "%2e%2e" arrives here as "..".
  for (std::string_view p : {"../secret.txt", "browse/../../secret.txt", "..", "./index.html",
                             "..%2fsecret.txt", ".env", "a\\..\\secret.txt"}) {
    Response r = site.Serve(p);
    EXPECT_EQ(r.status, 404) << p;
    EXPECT_EQ(r.body.find("outside"), std::string::npos) << p;
  }
  std::string nul("index.html\0x", 12);
  EXPECT_EQ(site.Serve(nul).status, 404);
  EXPECT_EQ(site.Serve(std::string(StaticSite::kMaxPathBytes + 1, 'a')).status, 404);
}

TEST_F(StaticSiteTest, SymlinksLeadingOutsideAreRefused) {
  fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
  fs::create_directory_symlink(base_, root_ / "up");
  fs::create_symlink(root_ / "logo.svg", root_ / "alias.svg");  // inside: fine
  StaticSite site = Site();
  EXPECT_EQ(site.Serve("leak.txt").status, 404);
  EXPECT_EQ(site.Serve("up/secret.txt").status, 404);
  EXPECT_EQ(site.Serve("alias.svg").body, "<svg/>");
}

TEST_F(StaticSiteTest, OpenRefusesAMissingFolder) {
  EXPECT_FALSE(StaticSite::Open(base_ / "nope").ok());
}

TEST(ContentTypeTest, UnknownIsOctetStream) {
  EXPECT_EQ(ContentTypeFor("a.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("noext"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("a.exe"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("dir.d/file"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("font.woff2"), "font/woff2");
}

TEST(UiLocationTest, ConfiguredWinsElseBesideTheBinaryThenTheWorkingDirectory) {
  fs::path base = fs::temp_directory_path() / ("ucf-uiloc-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "repo" / "build" / "cli");
  fs::create_directories(base / "repo" / "web" / "out");
  std::ofstream(base / "repo" / "web" / "out" / "index.html") << "x";
  fs::create_directories(base / "elsewhere");
  fs::path exe = base / "repo" / "build" / "cli" / "ucf";
  auto found = FindUiDir("", exe, base / "elsewhere");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, fs::canonical(base / "repo" / "web" / "out"));
  // Found from the working directory when the binary lives elsewhere.
  auto from_cwd = FindUiDir("", base / "elsewhere" / "ucf", base / "repo");
  ASSERT_TRUE(from_cwd.has_value());
  EXPECT_EQ(*from_cwd, fs::canonical(base / "repo" / "web" / "out"));
  // A configured folder is the only candidate.
  EXPECT_FALSE(FindUiDir(base / "elsewhere", exe, base / "repo").has_value());
  EXPECT_EQ(UiDirCandidates("/x", exe, base).size(), 1u);
  fs::remove_all(base);
}

}  // namespace
}  // namespace ucf::http
