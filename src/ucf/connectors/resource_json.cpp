#include "ucf/connectors/resource_json.hpp"

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/json_text.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors {
namespace {

boost::json::value Opt(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

boost::json::array Fields(const std::vector<FieldSpec>& fields) {
  boost::json::array out;
  for (const auto& f : fields) {
    boost::json::object o{{"name", f.name}, {"label", f.label}, {"type", f.type}, {"required", f.required}};
    if (!f.description.empty()) o["description"] = f.description;
    if (!f.example.empty()) o["example"] = f.example;
    if (f.type == "enum") o["allowed"] = Strings(f.allowed);
    if (f.type == "integer" && f.max > f.min) {
      o["min"] = f.min;
      o["max"] = f.max;
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::string OfferSummary(const ConnectorDescription& d) {
  std::string out = d.resources.empty() ? std::string("Offers connecting only: no browsing")
                                        : "Offers " + core::Join(d.resources, ", ");
  out += d.sync_models.empty() ? "; no sync models." : "; sync models: " + core::Join(d.sync_models, ", ") + ".";
  return out;
}

boost::json::object ContainerJson(const Container& c, bool raw) {
  boost::json::object o{{"id", c.id}, {"label", c.label}, {"type", c.type}, {"meta", c.meta}};
  if (raw) o["raw"] = c.raw;
  return o;
}

boost::json::object ItemJson(const Item& item, bool raw) {
  const auto& m = item.meta;
  boost::json::object meta{{"key", Opt(m.key)},           {"status", Opt(m.status)},
                           {"url", Opt(m.url)},           {"author", Opt(m.author)},
                           {"assignee", Opt(m.assignee)}, {"created", Opt(m.created)},
                           {"updated", Opt(m.updated)},   {"parentId", Opt(m.parent_id)},
                           {"version", Opt(m.version)}};
  boost::json::object o{{"id", item.id}, {"name", item.name}, {"containerId", item.container_id},
                        {"meta", std::move(meta)}};
  if (item.body) o["body"] = *item.body;
  if (raw) o["raw"] = item.raw;
  return o;
}

void AppendItemJson(std::string& out, const Item& item, bool raw) {
  auto member = [&out](std::string_view name, const std::optional<std::string>& v) {
    out += name;  // `,"key":` as a literal
    if (v) {
      core::AppendJsonString(out, *v);
    } else {
      out += "null";
    }
  };
  const auto& m = item.meta;
  out += "{\"id\":";
  core::AppendJsonString(out, item.id);
  out += ",\"name\":";
  core::AppendJsonString(out, item.name);
  out += ",\"containerId\":";
  core::AppendJsonString(out, item.container_id);
  member(",\"meta\":{\"key\":", m.key);
  member(",\"status\":", m.status);
  member(",\"url\":", m.url);
  member(",\"author\":", m.author);
  member(",\"assignee\":", m.assignee);
  member(",\"created\":", m.created);
  member(",\"updated\":", m.updated);
  member(",\"parentId\":", m.parent_id);
  member(",\"version\":", m.version);
  out += '}';
  if (item.body) member(",\"body\":", item.body);
  if (raw) {
    out += ",\"raw\":";
    out += boost::json::serialize(item.raw);
  }
  out += '}';
}

std::string ItemJsonText(const Item& item) {
  std::string out;
  out.reserve(256 + item.name.size() + (item.body ? item.body->size() : 0));
  AppendItemJson(out, item, false);
  return out;
}

boost::json::object CommentJson(const Comment& c, bool raw) {
  boost::json::object o{{"id", c.id}, {"author", Opt(c.author)}, {"text", c.text},
                        {"created", Opt(c.created)}, {"updated", Opt(c.updated)}};
  if (raw) o["raw"] = c.raw;
  return o;
}

boost::json::object ConnectorDescriptionJson(const ConnectorDescription& d,
                                             const catalog::ProviderSpec* spec) {
  static const std::vector<std::string> kNone;
  const auto& methods = spec ? spec->auth_methods : kNone;
  const auto& scopes = spec && spec->oauth ? spec->oauth->default_scopes : kNone;
  return {{"id", d.id},
          {"name", d.name},
          {"group", d.group},
          {"description", d.description.empty() ? OfferSummary(d) : d.description + " " + OfferSummary(d)},
          {"authMethods", Strings(methods)},
          {"defaultScopes", Strings(scopes)},
          {"configFields", Fields(d.config_fields)},
          {"credentialFields", Fields(d.credential_fields)},
          {"resources", Strings(d.resources)},
          {"syncModels", Strings(d.sync_models)}};
}

}  // namespace ucf::connectors
