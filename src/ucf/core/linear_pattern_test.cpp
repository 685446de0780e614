#include "ucf/core/linear_pattern.hpp"

#include <gtest/gtest.h>

// std::regex is the oracle here, on short inputs only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <chrono>
#include <random>
#include <regex>
#include <string>
#include <vector>

namespace ucf::core {
namespace {

const std::vector<std::string> kPatterns = {
    // The catalog's own (config/providers.json).
    R"(^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$)",
    R"(^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.(?:sandbox|develop|scratch|demo|patch|trailblaze))?$)",
    R"(^[a-z]{2}[0-9]$)", "^a$", "^[a-z]+$",
    // Shapes that make backtracking engines explode.
    "(a*)*b", "(a|a)*b", "(a|aa)+$", "^(a+)+$", "(.*a){5}", "x?y{2,}z*", "[^a-c]\\d\\w\\s.", "a|b|",
    "(?:ab|a)(?:bc|c)", "[\\-.]+", "[a-]+", "\\.+\\\\", "colou?r", "^$",
};

TEST(LinearPatternTest, AgreesWithStdRegexOnWholeMatches) {
  std::mt19937 rng(5);
  const std::string alphabet = "aAbcz09-._\\ \n!r";
  for (const std::string& pattern : kPatterns) {
    auto linear = LinearPattern::Compile(pattern);
    ASSERT_TRUE(linear.ok()) << pattern << ": " << linear.status();
    std::regex oracle(pattern, std::regex::ECMAScript);
    // Short inputs only: the oracle backtracks exponentially on the hostile shapes.
    std::vector<std::string> inputs = {"", "a", "ab", "b", "aab", "eu1", "acme.my", "acme-x.sandbox",
                                       "-bad", "colour", "color", "abc", std::string(12, 'a')};
    for (int i = 0; i < 300; ++i) {
      std::string s;
      for (int k = static_cast<int>(rng() % 12); k > 0; --k) s += alphabet[rng() % alphabet.size()];
      inputs.push_back(s);
    }
    for (const std::string& in : inputs) {
      EXPECT_EQ(linear->FullMatch(in), std::regex_match(in, oracle)) << pattern << " on '" << in << "'";
    }
  }
}

TEST(LinearPatternTest, HostileInputTakesLinearTime) {
  auto nested = LinearPattern::Compile("^(a+)+$");
  auto dns = LinearPattern::Compile(kPatterns[0]);
  ASSERT_TRUE(nested.ok() && dns.ok());
  std::string input(200'000, 'a');
  input += '!';
  std::string labels;
  while (labels.size() < 200'000) labels += "a-a-a-a-a.";
  labels += "-";
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(nested->FullMatch(input));
  EXPECT_FALSE(dns->FullMatch(labels));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
}

TEST(LinearPatternTest, RefusesWhatItDoesNotSupport) {
  for (const char* bad : {"(?=a)b", "(a)\\1", "\\bword", "a{2,1}", "[z-a]", "(ab", "ab)", "*a", "a{9999}",
                          "[abc", "\\", "(?:a{1000}){1000}"}) {
    EXPECT_FALSE(LinearPattern::Compile(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace ucf::core
