#pragma once
// SQL identifiers for the PostgreSQL browser: quoting and the container ids clients see.
//
// QuoteIdent follows PostgreSQL's quote_ident(): the name is wrapped in double quotes and every
// embedded double quote is doubled. It always quotes (quote_ident skips quoting for plain
// lower-case non-keywords; always quoting is equally valid SQL and needs no keyword list), so the
// result is safe to splice into SQL for any name without NUL bytes.
//
// A container id names one relation as  <schema>.<relation>  where each part is written bare when
// it is a plain identifier ([a-z_][a-z0-9_$]*) and otherwise in double quotes with "" for a quote,
// e.g. public.users, "Sales"."Q1 ""final""". ParseContainerId is the strict inverse: it never
// folds case, accepts exactly two parts, bounds each part at 63 bytes (NAMEDATALEN - 1) and
// refuses NUL and invalid UTF-8. Parsed names are only ever used as bound parameters to look
// the relation up in the catalog; SQL is built from the catalog's own names.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/connectors/postgres/pg_text.hpp"

namespace ucf::connectors::postgres {

inline constexpr std::size_t kMaxIdentifierBytes = 63;

struct RelationName {
  std::string schema;
  std::string name;
  bool operator==(const RelationName&) const = default;
};

// "a\"b" -> "\"a\"\"b\"".
std::string QuoteIdent(std::string_view name);

// The container id of schema.name (the inverse of ParseContainerId).
std::string FormatContainerId(const RelationName& relation);

// InvalidArgument naming `field` when `id` is not a well-formed container id.
absl::StatusOr<RelationName> ParseContainerId(std::string_view id, std::string_view field);

}  // namespace ucf::connectors::postgres
