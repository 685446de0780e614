#pragma once
// The Salesforce REST requests the connector makes. The connection's base URL is the versioned
// data root of the org's My Domain, "https://<myDomain>.my.salesforce.com/services/data/v62.0"
// (catalog apiBaseUrl over the urlParams myDomain and apiVersion), and every path here is
// relative to it. Ids:
//   container id  the sObject API name ("Account", "Invoice__c", "ns__Thing__c")
//   item id       "<sObject>:<record Id>" ("Account:001xx000003DGb2AAG"): the object is needed
//                 for the record URL and for the Chatter check, and a record Id alone does not
//                 name it
// Object names must be Salesforce API names ([A-Za-z][A-Za-z0-9_]*, at most 80) and record Ids
// 15 or 18 letters and digits before they reach a path or a query; SOSL search text is escaped
// (SoslEscape). Invalid caller input is InvalidArgument naming the field. Pure; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/resources.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::connectors::salesforce {

inline constexpr std::string_view kProvider = "salesforce";
inline constexpr int kMaxPageSize = 200;
// Salesforce accepts a query batch size of 200..2000 (Sforce-Query-Options: batchSize=N).
inline constexpr int kMinBatchSize = 200;

struct RecordRef {
  std::string object;
  std::string id;
  std::string ItemId() const { return object + ":" + id; }
};

absl::Status CheckObjectName(std::string_view field, std::string_view name);
absl::StatusOr<RecordRef> ParseItemId(std::string_view field, std::string_view text);

// The text with every SOSL reserved character (? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -) escaped by
// a backslash and control characters turned into blanks, as the SOSL reference requires for a
// FIND {…} term; nothing in it can close the braces. InvalidArgument "q" when longer than
// kMaxSearchBytes or blank.
inline constexpr std::size_t kMaxSearchBytes = 200;
absl::StatusOr<std::string> SoslEscape(std::string_view text);

// SELECT FIELDS(STANDARD) FROM <object> ORDER BY SystemModstamp DESC, Id DESC
std::string RecordsSoql(std::string_view object);
// A sync's listing: SELECT FIELDS(STANDARD) FROM <object> WHERE SystemModstamp >= <since> ORDER BY
// SystemModstamp ASC, Id ASC — oldest change first. <since> is a SOQL dateTime literal formatted
// from the instant (floored to the second, YYYY-MM-DDThh:mm:ssZ), never from caller text.
std::string ChangedRecordsSoql(std::string_view object, core::TimePoint since);
// FIND {<escaped>} IN ALL FIELDS RETURNING <object>(Id, <name field>, CreatedDate,
// SystemModstamp) LIMIT <limit>
std::string SearchSosl(std::string_view escaped_text, std::string_view object,
                       std::string_view name_field, int limit);

std::string DescribeGlobalPath();                         // /sobjects
std::string DescribePath(std::string_view object);        // /sobjects/{o}/describe
std::string QueryPath(std::string_view soql);             // /query?q=
std::string SearchPath(std::string_view sosl);            // /search?q=
std::string RecordPath(const RecordRef& r);               // /sobjects/{o}/{id}
std::string CreateRecordPath(std::string_view object);    // /sobjects/{o}
std::string FeedElementsPath(std::string_view record_id, int page_size);  // Chatter record feed
std::string PostFeedElementPath();                        // /chatter/feed-elements

// The URL of a Salesforce continuation (nextRecordsUrl "/services/data/v62.0/query/01g…-200", or
// Chatter's nextPageUrl "/services/data/v62.0/chatter/…") for a connection whose base URL is
// `base_url`: the continuation's path replaces the base's "/services/data/…" part (so a base
// with a path prefix keeps it). InvalidArgument "cursor" unless `path` starts with
// "/services/data/" + `kind` follows the version ("query/" or "chatter/") and holds only URL
// path and query characters (no "..", no scheme, no "//").
absl::StatusOr<std::string> ContinuationUrl(std::string_view base_url, std::string_view path,
                                            std::string_view kind);

// The org root of a base URL ("https://acme.my.salesforce.com" for ".../services/data/v62.0").
std::string OrgRoot(std::string_view base_url);

// A NewItem as an sObject body: fields (Salesforce API names, string/number/bool/null values)
// plus title in `name_field` and body in `description_field` (when not empty). InvalidArgument
// "fields.<name>" for a bad name or value, "title" when empty or when the object has no
// createable name field, "fields.<name>" when a field duplicates title or body.
absl::StatusOr<boost::json::object> CreateRecordBody(const NewItem& item, std::string_view name_field,
                                                     std::string_view description_field);
// A Chatter FeedItem on `record_id` with `text`; InvalidArgument "text" when blank.
absl::StatusOr<boost::json::object> FeedItemBody(std::string_view record_id, std::string_view text);

}  // namespace ucf::connectors::salesforce
