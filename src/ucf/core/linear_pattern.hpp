#pragma once
// A regular-expression matcher whose running time is linear in the input (a Thompson NFA run as a
// Pike VM), for patterns from configuration applied to untrusted values: std::regex backtracks
// (exponential time and unbounded recursion on hostile input), this never does.
//
// Supported (ECMAScript spelling): literals; '.'; classes [a-z0-9_-], [^…]; escapes \d \w \s
// \D \W \S and escaped punctuation (\. \- \\ …), \n \r \t; groups ( … ) and (?: … ); alternation |;
// quantifiers ? * + {m} {m,} {m,n} (a trailing lazy '?' is accepted: it changes nothing for a
// whole-value match); anchors ^ and $. Anything else — look-around, back-references, \b — is a
// compile error, never silently different behaviour. Matching is over bytes.
// Thread-safe once compiled.

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::core {

class LinearPattern {
 public:
  // InvalidArgument naming the problem when `pattern` is malformed or unsupported, or compiles
  // to more than 20,000 instructions (counted repetitions are expanded).
  static absl::StatusOr<LinearPattern> Compile(std::string_view pattern);

  // True when the whole of `text` matches (like std::regex_match). O(|text| × program size).
  bool FullMatch(std::string_view text) const;

  struct Inst {
    enum class Op { kByte, kSplit, kJump, kBegin, kEnd, kMatch } op;
    std::bitset<256> bytes;  // kByte: the bytes accepted
    int x = 0, y = 0;        // kSplit: both targets; kJump: x
  };

 private:
  std::vector<Inst> program_;
};

}  // namespace ucf::core
