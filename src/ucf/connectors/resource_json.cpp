#include "ucf/connectors/resource_json.hpp"

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors {
namespace {

boost::json::value Opt(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// A JSON string as boost::json::serialize writes it: only '"', '\\' and control characters are
// escaped, so text without them is copied between quotes and the rest is left to Boost.
void AppendString(std::string& out, std::string_view s) {
  bool plain = true;
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == '\\') {
      plain = false;
      break;
    }
  }
  if (!plain) {
    out += boost::json::serialize(boost::json::string_view(s.data(), s.size()));
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

void AppendField(std::string& out, std::string_view key, std::string_view value) {
  out += '"';
  out += key;  // our own keys: plain
  out += "\":";
  AppendString(out, value);
}

void AppendField(std::string& out, std::string_view key, const std::optional<std::string>& value) {
  if (value) return AppendField(out, key, std::string_view(*value));
  out += '"';
  out += key;
  out += "\":null";
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

std::string ItemJsonText(const Item& item) {
  const auto& m = item.meta;
  std::string out;
  out.reserve(256 + item.name.size() + (item.body ? item.body->size() : 0));
  out += '{';
  AppendField(out, "id", std::string_view(item.id));
  out += ',';
  AppendField(out, "name", std::string_view(item.name));
  out += ',';
  AppendField(out, "containerId", std::string_view(item.container_id));
  out += ",\"meta\":{";
  AppendField(out, "key", m.key);
  out += ',';
  AppendField(out, "status", m.status);
  out += ',';
  AppendField(out, "url", m.url);
  out += ',';
  AppendField(out, "author", m.author);
  out += ',';
  AppendField(out, "assignee", m.assignee);
  out += ',';
  AppendField(out, "created", m.created);
  out += ',';
  AppendField(out, "updated", m.updated);
  out += ',';
  AppendField(out, "parentId", m.parent_id);
  out += ',';
  AppendField(out, "version", m.version);
  out += '}';
  if (item.body) {
    out += ',';
    AppendField(out, "body", std::string_view(*item.body));
  }
  out += '}';
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
