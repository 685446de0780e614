#include "ucf/connectors/postgres/pg_ident.hpp"

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

bool IsPlainStart(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }
bool IsPlainRest(char c) { return IsPlainStart(c) || (c >= '0' && c <= '9') || c == '$'; }

bool IsPlain(std::string_view name) {
  if (name.empty() || !IsPlainStart(name[0])) return false;
  for (char c : name) {
    if (!IsPlainRest(c)) return false;
  }
  return true;
}

std::string FormatPart(std::string_view part) {
  return IsPlain(part) ? std::string(part) : QuoteIdent(part);
}

// Reads one part at `pos`; advances `pos` past it. Empty optional-like result via ok flag.
absl::StatusOr<std::string> ReadPart(std::string_view id, std::size_t& pos, std::string_view field) {
  std::string out;
  if (pos < id.size() && id[pos] == '"') {
    ++pos;
    while (true) {
      if (pos >= id.size()) return core::InvalidField(field, "unterminated quoted identifier");
      char c = id[pos++];
      if (c == '"') {
        if (pos < id.size() && id[pos] == '"') {
          out.push_back('"');
          ++pos;
          continue;
        }
        break;
      }
      out.push_back(c);
    }
    if (out.empty()) return core::InvalidField(field, "empty quoted identifier");
  } else {
    std::size_t start = pos;
    while (pos < id.size() && IsPlainRest(id[pos])) ++pos;
    out.assign(id.substr(start, pos - start));
    if (!IsPlain(out)) {
      return core::InvalidField(
          field, "expected schema.relation; quote names with capitals or other characters");
    }
  }
  if (out.size() > kMaxIdentifierBytes) {
    return core::InvalidField(field, "identifier longer than 63 bytes");
  }
  return out;
}

}  // namespace

std::string QuoteIdent(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out.push_back('"');
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string FormatContainerId(const RelationName& relation) {
  return core::StrCat(FormatPart(relation.schema), ".", FormatPart(relation.name));
}

absl::StatusOr<RelationName> ParseContainerId(std::string_view id, std::string_view field) {
  constexpr std::size_t kMaxIdBytes = 2 * (2 * kMaxIdentifierBytes + 2) + 1;
  if (id.empty()) return core::InvalidField(field, "required");
  if (id.size() > kMaxIdBytes) return core::InvalidField(field, "too long");
  if (!IsCleanUtf8(id)) return core::InvalidField(field, "not valid UTF-8 text");
  std::size_t pos = 0;
  RelationName out;
  {
    auto schema = ReadPart(id, pos, field);
    if (!schema.ok()) return schema.status();
    out.schema = *std::move(schema);
  }
  if (pos >= id.size() || id[pos] != '.') {
    return core::InvalidField(field, "expected schema.relation");
  }
  ++pos;
  {
    auto name = ReadPart(id, pos, field);
    if (!name.ok()) return name.status();
    out.name = *std::move(name);
  }
  if (pos != id.size()) return core::InvalidField(field, "expected schema.relation");
  return out;
}

}  // namespace ucf::connectors::postgres
