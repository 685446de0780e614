#include "ucf/core/linear_pattern.hpp"

#include <memory>
#include <utility>

#include "absl/status/status.h"

namespace ucf::core {
namespace {

constexpr std::size_t kMaxInstructions = 20'000;
constexpr int kMaxRepeat = 1000;
constexpr int kMaxDepth = 100;

using Bytes = std::bitset<256>;
using Inst = LinearPattern::Inst;

struct Node {
  enum class Kind { kEmpty, kBytes, kConcat, kAlt, kRepeat, kBegin, kEnd } kind = Kind::kEmpty;
  Bytes bytes;
  std::vector<std::unique_ptr<Node>> children;
  int min = 0, max = 0;  // kRepeat; max -1 = unbounded
};

std::unique_ptr<Node> Make(Node::Kind kind) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  return n;
}

Bytes Range(unsigned char lo, unsigned char hi) {
  Bytes b;
  for (unsigned c = lo; c <= hi; ++c) b.set(c);
  return b;
}
Bytes Digits() { return Range('0', '9'); }
Bytes WordBytes() { return Range('a', 'z') | Range('A', 'Z') | Digits() | Range('_', '_'); }
Bytes Spaces() {
  Bytes b;
  for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) b.set(static_cast<unsigned char>(c));
  return b;
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  absl::StatusOr<std::unique_ptr<Node>> Parse() {
    auto node = Alternation(0);
    if (!error_.empty()) return absl::InvalidArgumentError(error_);
    if (pos_ != p_.size()) return absl::InvalidArgumentError("unmatched ')' at " + std::to_string(pos_));
    return node;
  }

 private:
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message) + " at " + std::to_string(pos_);
    return false;
  }
  bool More() const { return error_.empty() && pos_ < p_.size(); }

  std::unique_ptr<Node> Alternation(int depth) {
    if (depth > kMaxDepth) {
      Fail("groups nested too deeply");
      return Make(Node::Kind::kEmpty);
    }
    auto first = Concatenation(depth);
    if (!More() || p_[pos_] != '|') return first;
    auto alt = Make(Node::Kind::kAlt);
    alt->children.push_back(std::move(first));
    while (More() && p_[pos_] == '|') {
      ++pos_;
      alt->children.push_back(Concatenation(depth));
    }
    return alt;
  }

  std::unique_ptr<Node> Concatenation(int depth) {
    auto cat = Make(Node::Kind::kConcat);
    while (More() && p_[pos_] != '|' && p_[pos_] != ')') cat->children.push_back(Repetition(depth));
    return cat;
  }

  std::unique_ptr<Node> Repetition(int depth) {
    auto atom = Atom(depth);
    while (More()) {
      int min = 0, max = -1;
      char c = p_[pos_];
      if (c == '*') {
        ++pos_;
      } else if (c == '+') {
        min = 1, ++pos_;
      } else if (c == '?') {
        max = 1, ++pos_;
      } else if (c == '{' && Counted(min, max)) {
      } else {
        break;
      }
      if (More() && p_[pos_] == '?') ++pos_;  // lazy: same language
      if (atom->kind == Node::Kind::kBegin || atom->kind == Node::Kind::kEnd) {
        Fail("quantified anchor");
        break;
      }
      auto rep = Make(Node::Kind::kRepeat);
      rep->min = min, rep->max = max;
      rep->children.push_back(std::move(atom));
      atom = std::move(rep);
    }
    return atom;
  }

  // {m}, {m,}, {m,n} at pos_; false (nothing consumed) when '{' does not start one.
  bool Counted(int& min, int& max) {
    std::size_t at = pos_ + 1;
    auto number = [&](int& out) {
      std::size_t start = at;
      out = 0;
      while (at < p_.size() && p_[at] >= '0' && p_[at] <= '9' && out <= kMaxRepeat) {
        out = out * 10 + (p_[at++] - '0');
      }
      return at > start;
    };
    if (!number(min)) return Fail("'{' must start a counted repetition");
    max = min;
    if (at < p_.size() && p_[at] == ',') {
      ++at;
      if (!number(max)) max = -1;
    }
    if (at >= p_.size() || p_[at] != '}') return Fail("unterminated counted repetition");
    if (min > kMaxRepeat || max > kMaxRepeat) return Fail("repetition count above 1000");
    if (max != -1 && max < min) return Fail("repetition {m,n} with n < m");
    pos_ = at + 1;
    return true;
  }

  std::unique_ptr<Node> Leaf(Bytes b) {
    auto n = Make(Node::Kind::kBytes);
    n->bytes = b;
    return n;
  }

  std::unique_ptr<Node> Atom(int depth) {
    char c = p_[pos_++];
    switch (c) {
      case '(': {
        if (p_.substr(pos_, 2) == "?:") {
          pos_ += 2;
        } else if (pos_ < p_.size() && p_[pos_] == '?') {
          Fail("look-around and other (? groups are not supported");
          return Make(Node::Kind::kEmpty);
        }
        auto inner = Alternation(depth + 1);
        if (pos_ >= p_.size() || p_[pos_] != ')') {
          Fail("unterminated group");
          return inner;
        }
        ++pos_;
        return inner;
      }
      case '[':
        return Leaf(Class());
      case '.':
        return Leaf(~Range('\n', '\n') & ~Range('\r', '\r'));
      case '^':
        return Make(Node::Kind::kBegin);
      case '$':
        return Make(Node::Kind::kEnd);
      case '\\':
        return Leaf(Escape(/*in_class=*/false));
      case '*':
      case '+':
      case '?':
        Fail("nothing to repeat");
        return Make(Node::Kind::kEmpty);
      case '{':
      case '}':
      case ']':
      case ')':
        Fail(std::string("unescaped '") + c + "'");
        return Make(Node::Kind::kEmpty);
      default:
        return Leaf(Range(static_cast<unsigned char>(c), static_cast<unsigned char>(c)));
    }
  }

  Bytes Escape(bool in_class) {
    if (pos_ >= p_.size()) {
      Fail("trailing backslash");
      return {};
    }
    char c = p_[pos_++];
    switch (c) {
      case 'd': return Digits();
      case 'D': return ~Digits();
      case 'w': return WordBytes();
      case 'W': return ~WordBytes();
      case 's': return Spaces();
      case 'S': return ~Spaces();
      case 'n': return Range('\n', '\n');
      case 'r': return Range('\r', '\r');
      case 't': return Range('\t', '\t');
      default: break;
    }
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || (in_class && c == 'b')) {
      Fail(std::string("unsupported escape \\") + c);
      return {};
    }
    return Range(static_cast<unsigned char>(c), static_cast<unsigned char>(c));
  }

  Bytes Class() {
    Bytes set;
    bool negate = pos_ < p_.size() && p_[pos_] == '^';
    if (negate) ++pos_;
    bool first = true;
    while (true) {
      if (pos_ >= p_.size()) {
        Fail("unterminated character class");
        return set;
      }
      char c = p_[pos_];
      if (c == ']' && !first) break;
      first = false;
      ++pos_;
      Bytes item;
      int lo = -1;  // a single byte (may start a range)
      if (c == '\\') {
        item = Escape(/*in_class=*/true);
        if (item.count() == 1) {
          for (int b = 0; b < 256; ++b) {
            if (item.test(static_cast<std::size_t>(b))) lo = b;
          }
        }
      } else {
        lo = static_cast<unsigned char>(c);
        item.set(static_cast<std::size_t>(lo));
      }
      if (lo >= 0 && pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        char h = p_[pos_++];
        int hi = static_cast<unsigned char>(h);
        if (h == '\\') {
          Bytes e = Escape(/*in_class=*/true);
          if (e.count() != 1) {
            Fail("class range ends in a class");
            return set;
          }
          for (int b = 0; b < 256; ++b) {
            if (e.test(static_cast<std::size_t>(b))) hi = b;
          }
        }
        if (hi < lo) {
          Fail("class range out of order");
          return set;
        }
        item = Range(static_cast<unsigned char>(lo), static_cast<unsigned char>(hi));
      }
      set |= item;
      if (!error_.empty()) return set;
    }
    ++pos_;  // ']'
    return negate ? ~set : set;
  }

  std::string_view p_;
  std::size_t pos_ = 0;
  std::string error_;
};

class Compiler {
 public:
  bool Emit(const Node& n) {
    if (program_.size() > kMaxInstructions) return false;
    switch (n.kind) {
      case Node::Kind::kEmpty:
        return true;
      case Node::Kind::kBytes:
        program_.push_back({Inst::Op::kByte, n.bytes});
        return true;
      case Node::Kind::kBegin:
        program_.push_back({Inst::Op::kBegin});
        return true;
      case Node::Kind::kEnd:
        program_.push_back({Inst::Op::kEnd});
        return true;
      case Node::Kind::kConcat:
        for (const auto& c : n.children) {
          if (!Emit(*c)) return false;
        }
        return true;
      case Node::Kind::kAlt: {
        // split L1, next; L1: a; jmp end; next: split L2, next2; … last: z; end:
        std::vector<std::size_t> jumps;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
          bool last = i + 1 == n.children.size();
          std::size_t split = program_.size();
          if (!last) program_.push_back({Inst::Op::kSplit});
          if (!Emit(*n.children[i])) return false;
          if (!last) {
            jumps.push_back(program_.size());
            program_.push_back({Inst::Op::kJump});
            program_[split].x = static_cast<int>(split + 1);
            program_[split].y = static_cast<int>(program_.size());
          }
        }
        for (std::size_t j : jumps) program_[j].x = static_cast<int>(program_.size());
        return true;
      }
      case Node::Kind::kRepeat: {
        const Node& child = *n.children.front();
        for (int i = 0; i < n.min; ++i) {
          if (!Emit(child)) return false;
        }
        if (n.max == -1) {
          std::size_t split = program_.size();
          program_.push_back({Inst::Op::kSplit});
          if (!Emit(child)) return false;
          program_.push_back({Inst::Op::kJump, {}, static_cast<int>(split)});
          program_[split].x = static_cast<int>(split + 1);
          program_[split].y = static_cast<int>(program_.size());
          return true;
        }
        std::vector<std::size_t> splits;
        for (int i = n.min; i < n.max; ++i) {
          splits.push_back(program_.size());
          program_.push_back({Inst::Op::kSplit});
          program_.back().x = static_cast<int>(program_.size());
          if (!Emit(child)) return false;
        }
        for (std::size_t s : splits) program_[s].y = static_cast<int>(program_.size());
        return true;
      }
    }
    return true;
  }

  std::vector<Inst> Finish() {
    program_.push_back({Inst::Op::kMatch});
    return std::move(program_);
  }

 private:
  std::vector<Inst> program_;
};

}  // namespace

absl::StatusOr<LinearPattern> LinearPattern::Compile(std::string_view pattern) {
  Parser parser(pattern);
  absl::StatusOr<std::unique_ptr<Node>> tree = parser.Parse();
  if (!tree.ok()) return tree.status();
  Compiler compiler;
  if (!compiler.Emit(**tree)) {
    return absl::InvalidArgumentError("pattern too large once its repetitions are expanded");
  }
  LinearPattern out;
  out.program_ = compiler.Finish();
  return out;
}

bool LinearPattern::FullMatch(std::string_view text) const {
  const std::size_t n = program_.size();
  std::vector<int> current, next, stack;
  std::vector<std::size_t> mark(n, SIZE_MAX);  // step at which a pc was last added
  // Adds `pc` and everything reachable from it without consuming a byte, at position `at`.
  auto add = [&](std::vector<int>& list, int pc, std::size_t at, std::size_t step) {
    stack.push_back(pc);
    while (!stack.empty()) {
      int p = stack.back();
      stack.pop_back();
      if (mark[static_cast<std::size_t>(p)] == step) continue;
      mark[static_cast<std::size_t>(p)] = step;
      const Inst& inst = program_[static_cast<std::size_t>(p)];
      switch (inst.op) {
        case Inst::Op::kJump:
          stack.push_back(inst.x);
          break;
        case Inst::Op::kSplit:
          stack.push_back(inst.y);
          stack.push_back(inst.x);
          break;
        case Inst::Op::kBegin:
          if (at == 0) stack.push_back(p + 1);
          break;
        case Inst::Op::kEnd:
          if (at == text.size()) stack.push_back(p + 1);
          break;
        default:
          list.push_back(p);
      }
    }
  };
  add(current, 0, 0, 0);
  for (std::size_t at = 0; at < text.size() && !current.empty(); ++at) {
    next.clear();
    auto byte = static_cast<unsigned char>(text[at]);
    for (int pc : current) {
      const Inst& inst = program_[static_cast<std::size_t>(pc)];
      if (inst.op == Inst::Op::kByte && inst.bytes.test(byte)) add(next, pc + 1, at + 1, at + 1);
    }
    std::swap(current, next);
  }
  for (int pc : current) {
    if (program_[static_cast<std::size_t>(pc)].op == Inst::Op::kMatch) return true;
  }
  return false;
}

}  // namespace ucf::core
