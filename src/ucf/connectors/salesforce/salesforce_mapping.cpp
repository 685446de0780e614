#include "ucf/connectors/salesforce/salesforce_mapping.hpp"

#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/atlassian/timestamps.hpp"
#include "ucf/connectors/salesforce/salesforce_requests.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::salesforce {
namespace {

using atlassian::FindBool;
using atlassian::FindNonEmptyString;
using atlassian::FindObject;
using atlassian::FindString;
using atlassian::MalformedField;

std::optional<std::string> Time(const boost::json::object& o, std::string_view key) {
  return atlassian::NormalizeOptionalTimestamp(FindNonEmptyString(o, key));
}

void PutBool(boost::json::object& meta, std::string_view key, const boost::json::object& o, std::string_view from) {
  if (std::optional<bool> b = FindBool(o, from)) meta[key] = *b;
}

}  // namespace

absl::StatusOr<AccountInfo> MapUserInfo(const boost::json::object& info) {
  std::optional<std::string> id = FindNonEmptyString(info, "user_id");
  if (!id) return MalformedField(kProvider, "user_id", "is missing");
  AccountInfo a;
  a.account_id = *id;
  a.display_name = FindNonEmptyString(info, "name").value_or(*id);
  a.email = FindNonEmptyString(info, "email").value_or("");
  if (auto org = FindNonEmptyString(info, "organization_id")) a.extra["organizationId"] = *org;
  if (auto user = FindNonEmptyString(info, "preferred_username")) a.extra["username"] = *user;
  return a;
}

absl::StatusOr<Page<Container>> MapObjects(const boost::json::object& describe_global, std::int64_t offset,
                                           int limit) {
  absl::StatusOr<const boost::json::array*> sobjects =
      atlassian::OptionalArray(kProvider, describe_global, "sobjects", "sobjects");
  if (!sobjects.ok()) return sobjects.status();
  std::vector<Container> all;
  for (std::size_t i = 0; i < (*sobjects)->size(); ++i) {
    const boost::json::value& v = (**sobjects)[i];
    if (!v.is_object()) return MalformedField(kProvider, core::StrCat("sobjects[", i, "]"), "is not an object");
    const boost::json::object& o = v.as_object();
    std::optional<std::string> name = FindNonEmptyString(o, "name");
    if (!name || FindBool(o, "queryable") != true || !CheckObjectName("name", *name).ok()) continue;
    Container c;
    c.id = *name;
    c.label = FindNonEmptyString(o, "label").value_or(*name);
    c.type = FindBool(o, "custom") == true ? "custom" : "standard";
    if (auto plural = FindNonEmptyString(o, "labelPlural")) c.meta["labelPlural"] = *plural;
    if (auto prefix = FindNonEmptyString(o, "keyPrefix")) c.meta["keyPrefix"] = *prefix;
    PutBool(c.meta, "createable", o, "createable");
    PutBool(c.meta, "searchable", o, "searchable");
    PutBool(c.meta, "feedEnabled", o, "feedEnabled");
    c.raw = o;
    all.push_back(std::move(c));
  }
  Page<Container> page;
  for (std::int64_t i = offset; i < static_cast<std::int64_t>(all.size()) && i < offset + limit; ++i) {
    page.items.push_back(std::move(all[static_cast<std::size_t>(i)]));
  }
  if (offset + limit < static_cast<std::int64_t>(all.size())) page.next = core::StrCat(offset + limit);
  return page;
}

absl::StatusOr<ObjectInfo> MapDescribe(const boost::json::object& describe) {
  ObjectInfo info;
  info.feed_enabled = FindBool(describe, "feedEnabled") == true;
  absl::StatusOr<const boost::json::array*> fields = atlassian::OptionalArray(kProvider, describe, "fields", "fields");
  if (!fields.ok()) return fields.status();
  bool name_createable = false, subject_createable = false;
  for (const boost::json::value& v : **fields) {
    if (!v.is_object()) continue;
    const boost::json::object& f = v.as_object();
    std::string name = FindString(f, "name").value_or("");
    bool createable = FindBool(f, "createable") == true;
    if (FindBool(f, "nameField") == true) {
      info.name_field = name;
      name_createable = createable;
    }
    if (name == "Subject") subject_createable = createable;
    if (name == "Description" && createable) info.description_field = name;
  }
  if (name_createable) {
    info.title_field = info.name_field;
  } else if (subject_createable) {
    info.title_field = "Subject";
  }
  return info;
}

std::optional<Item> MapRecord(boost::json::object record, std::string_view object, std::string_view name_field,
                              std::string_view org_root, bool with_body) {
  std::optional<std::string> id = FindNonEmptyString(record, "Id");
  if (!id) return std::nullopt;
  std::string type = std::string(object);
  if (auto t = atlassian::FindStringPath(record, {"attributes", "type"}); t && !t->empty()) type = *t;
  Item item;
  item.id = core::StrCat(type, ":", *id);
  item.container_id = type;
  std::optional<std::string> name;
  if (!name_field.empty()) name = FindNonEmptyString(record, name_field);
  for (std::string_view k : {"Name", "Subject", "CaseNumber", "Title"}) {
    if (!name) name = FindNonEmptyString(record, k);
  }
  item.name = name.value_or(*id);
  item.meta.key = *id;
  item.meta.status = FindNonEmptyString(record, "Status");
  if (!item.meta.status) item.meta.status = FindNonEmptyString(record, "StageName");
  if (!org_root.empty()) item.meta.url = core::StrCat(org_root, "/", *id);
  item.meta.author = FindNonEmptyString(record, "CreatedById");
  item.meta.assignee = FindNonEmptyString(record, "OwnerId");
  item.meta.created = Time(record, "CreatedDate");
  item.meta.updated = Time(record, "SystemModstamp");
  if (!item.meta.updated) item.meta.updated = Time(record, "LastModifiedDate");
  if (with_body) item.body = FindString(record, "Description").value_or("");
  item.raw = std::move(record);
  return item;
}

namespace {

absl::StatusOr<Page<Item>> MapRecords(const boost::json::object& result, std::string_view key, std::string_view object,
                                      std::string_view name_field, std::string_view org_root) {
  absl::StatusOr<const boost::json::array*> records = atlassian::OptionalArray(kProvider, result, key, key);
  if (!records.ok()) return records.status();
  Page<Item> page;
  for (std::size_t i = 0; i < (*records)->size(); ++i) {
    const boost::json::value& v = (**records)[i];
    if (!v.is_object()) return MalformedField(kProvider, core::StrCat(key, "[", i, "]"), "is not an object");
    if (auto item = MapRecord(v.as_object(), object, name_field, org_root, /*with_body=*/false)) {
      page.items.push_back(*std::move(item));
    }
  }
  return page;
}

}  // namespace

absl::StatusOr<Page<Item>> MapQuery(boost::json::object result, std::string_view object, std::string_view org_root) {
  absl::StatusOr<Page<Item>> page = MapRecords(result, "records", object, "", org_root);
  if (!page.ok()) return page.status();
  if (FindBool(result, "done") == false) page->next = FindNonEmptyString(result, "nextRecordsUrl");
  return page;
}

absl::StatusOr<Page<Item>> MapSearch(boost::json::object result, std::string_view object,
                                     std::string_view name_field, std::string_view org_root) {
  return MapRecords(result, "searchRecords", object, name_field, org_root);
}

std::optional<Comment> MapFeedElement(const boost::json::object& element) {
  std::optional<std::string> id = FindNonEmptyString(element, "id");
  if (!id) return std::nullopt;
  Comment c;
  c.id = *id;
  c.author = atlassian::FindStringPath(element, {"actor", "displayName"});
  if (!c.author) c.author = atlassian::FindStringPath(element, {"actor", "name"});
  c.text = atlassian::FindStringPath(element, {"body", "text"}).value_or("");
  c.created = Time(element, "createdDate");
  c.updated = Time(element, "modifiedDate");
  c.raw = element;
  return c;
}

absl::StatusOr<Page<Comment>> MapFeedPage(const boost::json::object& page) {
  absl::StatusOr<const boost::json::array*> elements = atlassian::OptionalArray(kProvider, page, "elements", "elements");
  if (!elements.ok()) return elements.status();
  Page<Comment> out;
  for (std::size_t i = 0; i < (*elements)->size(); ++i) {
    const boost::json::value& v = (**elements)[i];
    if (!v.is_object()) return MalformedField(kProvider, core::StrCat("elements[", i, "]"), "is not an object");
    if (auto c = MapFeedElement(v.as_object())) out.items.push_back(*std::move(c));
  }
  out.next = FindNonEmptyString(page, "nextPageUrl");
  return out;
}

std::optional<boost::json::object> ParseLimitInfo(std::string_view header) {
  for (std::string_view part : core::Split(header.substr(0, 1024), ',', /*skip_empty=*/true)) {
    part = core::Trim(part);
    if (!part.starts_with("api-usage=")) continue;
    std::string_view value = part.substr(10);
    std::size_t slash = value.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    std::optional<std::int64_t> used = core::ParseInt64(value.substr(0, slash));
    std::optional<std::int64_t> max = core::ParseInt64(value.substr(slash + 1));
    if (!used || !max || *used < 0 || *max <= 0) return std::nullopt;
    return boost::json::object{{"used", *used}, {"max", *max}};
  }
  return std::nullopt;
}

}  // namespace ucf::connectors::salesforce
