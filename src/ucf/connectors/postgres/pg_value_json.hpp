#pragma once
// How a PostgreSQL value (text output format + its type OID) becomes JSON, losslessly:
//
//   NULL                         null
//   boolean                      true / false
//   smallint, integer, oid       number
//   bigint                       number when |v| <= 2^53, else the decimal text (string)
//   real, double precision       number; "NaN", "Infinity", "-Infinity" as strings
//   numeric                      number when it has at most 15 significant digits (a double holds
//                                it exactly), else the decimal text; NaN/±Infinity as strings
//   timestamptz                  RFC 3339 UTC "2026-11-25T20:36:41.123Z" (session TimeZone=UTC);
//                                infinity, BC and 5-digit years keep PostgreSQL's text
//   timestamp (no zone)          "2026-11-25T20:36:41" (local, no offset)
//   interval                     ISO 8601 duration "P1Y2M3DT4H5M6S" (session IntervalStyle)
//   json, jsonb                  the document embedded as JSON; when a number in it would not
//                                survive an IEEE double (>15 significant digits, beyond 64-bit
//                                integers) the document text is given as a string instead
//   bytea                        standard base64 of the bytes
//   arrays (any dimension)       nested JSON arrays, elements mapped by the element type
//   everything else              PostgreSQL's text output as a string (text, varchar, char,
//                                enums, uuid, date, time, inet, composite, ranges …)
// Text is UTF-8 (the session's client_encoding), so non-ASCII passes through unchanged.

#include <cstdint>
#include <string_view>

#include "boost/json/value.hpp"

namespace ucf::connectors::postgres {

// Type OIDs from pg_type.dat (stable across versions).
namespace pg_oid {
inline constexpr std::uint32_t kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23,
                               kText = 25, kOid = 26, kJson = 114, kFloat4 = 700, kFloat8 = 701,
                               kBox = 603, kTimestamp = 1114, kTimestamptz = 1184,
                               kInterval = 1186, kNumeric = 1700, kJsonb = 3802;
}  // namespace pg_oid

struct PgType {
  std::uint32_t oid = pg_oid::kText;  // base type (domains resolved)
  std::uint32_t element = 0;          // element type for arrays, else 0
};

// `text` is the value's text output; never fails (unknown shapes fall back to the string).
boost::json::value PgTextToJson(const PgType& type, std::string_view text);

}  // namespace ucf::connectors::postgres
