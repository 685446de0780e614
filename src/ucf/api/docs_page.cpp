#include "ucf/api/docs_page.hpp"

#include <string_view>

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::api {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr std::string_view kHead = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>UCF API reference</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#F9FAFB;color:#111827;margin:0}
header{background:#fff;border-bottom:1px solid #E5E7EB;padding:16px 24px}
h1{margin:0;font-size:20px;color:#2563EB}
main{max-width:1040px;margin:24px auto;padding:0 16px}
h2{font-size:16px;margin:24px 0 4px}
details.op{background:#fff;border:1px solid #E5E7EB;border-radius:.75rem;margin:8px 0;padding:10px 14px}
summary{cursor:pointer}
.m{display:inline-block;min-width:72px;margin-right:6px;font-weight:600;color:#2563EB}
.tag{color:#6B7280;font-size:12px;margin-left:8px}
h3{font-size:13px;margin:12px 0 4px;color:#374151}
ul.s{list-style:none;margin:0;padding-left:16px;border-left:1px solid #E5E7EB}
.t{color:#6B7280}.req{color:#B91C1C}.d{color:#6B7280;font-style:italic}
code{font-family:ui-monospace,monospace}
</style></head>
<body><header><h1>Unified Connector Framework — API reference</h1>
<div>Every JSON answer is an envelope <code>{ok, data, error}</code>; the schemas below show <code>data</code>.
Send <code>Authorization: Bearer &lt;api key&gt;</code>. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</div>
</header><main>
)html";

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Text(const value* v) { return v != nullptr && v->is_string() ? std::string(v->get_string()) : ""; }

class Renderer {
 public:
  explicit Renderer(const object& doc) {
    if (const value* c = doc.if_contains("components")) {
      if (const value* s = c->as_object().if_contains("schemas")) schemas_ = &s->as_object();
    }
  }

  // A one-line type for `s`: "string", "Connection", "array of Item", "string | null", …
  std::string TypeName(const value& s) const {
    const object* o = s.if_object();
    if (o == nullptr) return "any";
    if (std::string ref = Text(o->if_contains("$ref")); !ref.empty()) return ref.substr(ref.rfind('/') + 1);
    for (const char* combinator : {"oneOf", "anyOf"}) {
      if (const value* alts = o->if_contains(combinator)) {
        std::string out;
        for (const value& a : alts->as_array()) out += (out.empty() ? "" : " | ") + TypeName(a);
        return out;
      }
    }
    if (const value* c = o->if_contains("const")) return "const " + boost::json::serialize(*c);
    std::string type;
    if (const value* t = o->if_contains("type")) {
      if (t->is_string()) {
        type = std::string(t->get_string());
      } else {
        for (const value& each : t->as_array()) type += (type.empty() ? "" : " | ") + std::string(each.get_string());
      }
    }
    if (type.rfind("array", 0) == 0) {
      if (const value* items = o->if_contains("items")) return "array of " + TypeName(*items) + type.substr(5);
    }
    if (const value* e = o->if_contains("enum")) type += " " + boost::json::serialize(*e);
    if (std::string f = Text(o->if_contains("format")); !f.empty()) type += " (" + f + ")";
    return type.empty() ? "any" : type;
  }

  // The schema as a nested list: properties with their types, named shapes expanded to `depth`.
  std::string Tree(const value& s, int depth) const {
    const object* o = Resolve(s);
    if (o == nullptr || depth <= 0) return {};
    for (const char* combinator : {"oneOf", "anyOf"}) {
      if (const value* alts = o->if_contains(combinator)) {
        std::string out = "<ul class=\"s\">";
        for (const value& a : alts->as_array()) {
          out += "<li>one of: <span class=\"t\">" + Escape(TypeName(a)) + "</span>" + Tree(a, depth - 1) + "</li>";
        }
        return out + "</ul>";
      }
    }
    if (const value* items = o->if_contains("items")) return Tree(*items, depth);
    const value* props = o->if_contains("properties");
    if (props == nullptr || !props->is_object() || props->as_object().empty()) return {};
    const value* required = o->if_contains("required");
    std::string out = "<ul class=\"s\">";
    for (const auto& [name, p] : props->as_object()) {
      bool is_required = false;
      if (required != nullptr) {
        for (const value& r : required->as_array()) is_required |= r.is_string() && r.get_string() == name;
      }
      out += "<li><code>" + Escape(name) + "</code> <span class=\"t\">" + Escape(TypeName(p)) + "</span>";
      if (is_required) out += " <span class=\"req\">required</span>";
      if (std::string d = Description(p); !d.empty()) out += " <span class=\"d\">" + Escape(d) + "</span>";
      out += Tree(p, depth - 1) + "</li>";
    }
    return out + "</ul>";
  }

 private:
  const object* Resolve(const value& s) const {
    const object* o = s.if_object();
    if (o == nullptr) return nullptr;
    std::string ref = Text(o->if_contains("$ref"));
    if (ref.empty() || schemas_ == nullptr) return o;
    const value* named = schemas_->if_contains(ref.substr(ref.rfind('/') + 1));
    return named != nullptr ? named->if_object() : nullptr;
  }

  std::string Description(const value& s) const {
    const object* o = s.if_object();
    return o == nullptr ? "" : Text(o->if_contains("description"));
  }

  const object* schemas_ = nullptr;
};

// The schema of the success body: the envelope's `data`, else the whole body.
const value* SuccessSchema(const object& response, std::string* media) {
  const value* content = response.if_contains("content");
  if (content == nullptr || content->as_object().empty()) return nullptr;
  const auto& first = *content->as_object().begin();
  *media = std::string(first.key());
  const value* schema = first.value().as_object().if_contains("schema");
  if (schema == nullptr) return nullptr;
  if (const value* props = schema->as_object().if_contains("properties")) {
    if (const value* data = props->as_object().if_contains("data")) return data;
  }
  return schema;
}

std::string OperationHtml(const Renderer& r, const object& doc, std::string_view method, std::string_view path,
                          const object& op) {
  std::string out = "<details class=\"op\" id=\"" + Escape(Text(op.if_contains("operationId"))) +
                    "\"><summary><span class=\"m\">" + Escape(std::string(method)) + "</span><code>" +
                    Escape(path) + "</code> <span class=\"tag\">" + Escape(Text(op.if_contains("x-ucf-access"))) +
                    "</span><div>" + Escape(Text(op.if_contains("summary"))) + "</div></summary>";
  std::string auth;
  if (const value* security = op.if_contains("security")) {
    for (const value& requirement : security->as_array()) {
      for (const auto& [scheme, scopes] : requirement.as_object()) auth += (auth.empty() ? "" : " or ") + std::string(scheme);
    }
  }
  out += "<h3>Authorization <span class=\"t\">" + Escape(auth.empty() ? "none" : auth) + "</span></h3>";
  if (const value* params = op.if_contains("parameters")) {
    out += "<h3>Parameters</h3><ul class=\"s\">";
    for (const value& p : params->as_array()) {
      const object& po = p.as_object();
      out += "<li><code>" + Escape(Text(po.if_contains("name"))) + "</code> <span class=\"t\">" +
             Escape(Text(po.if_contains("in"))) + ", " + Escape(r.TypeName(po.at("schema"))) + "</span>";
      if (po.at("required").as_bool()) out += " <span class=\"req\">required</span>";
      if (std::string d = Text(po.if_contains("description")); !d.empty()) out += " <span class=\"d\">" + Escape(d) + "</span>";
      out += "</li>";
    }
    out += "</ul>";
  }
  if (const value* body = op.if_contains("requestBody")) {
    const auto& content = *body->as_object().at("content").as_object().begin();
    const value& schema = content.value().as_object().at("schema");
    out += "<h3>Request body <span class=\"t\">" + Escape(content.key()) + ", " + Escape(r.TypeName(schema)) +
           (body->as_object().at("required").as_bool() ? "" : ", optional") + "</span></h3>" + r.Tree(schema, 4);
  }
  const object& responses = op.at("responses").as_object();
  std::string errors;
  for (const auto& [status, response] : responses) {
    const object& ro = response.as_object();
    if (!status.empty() && status[0] >= '4') {
      std::string ref = Text(ro.if_contains("$ref"));
      std::string description = Text(ro.if_contains("description"));
      if (!ref.empty()) {
        const value* named = doc.at("components").as_object().at("responses").as_object().if_contains(
            ref.substr(ref.rfind('/') + 1));
        if (named != nullptr) description = Text(named->as_object().if_contains("description"));
      }
      errors += "<li><code>" + Escape(status) + "</code> " + Escape(description) + "</li>";
      continue;
    }
    std::string media;
    const value* schema = SuccessSchema(ro, &media);
    out += "<h3>Response " + Escape(status) + " <span class=\"t\">" +
           Escape(media.empty() ? Text(ro.if_contains("description")) : media) +
           (schema != nullptr ? ", data: " + Escape(r.TypeName(*schema)) : "") + "</span></h3>";
    if (schema != nullptr) out += r.Tree(*schema, 4);
  }
  out += "<h3>Errors <span class=\"t\">envelope {ok: false, error: {code, message, details}}</span></h3><ul class=\"s\">" +
         errors + "</ul></details>\n";
  return out;
}

}  // namespace

std::string DocsPageHtml(const boost::json::object& openapi) {
  Renderer renderer(openapi);
  std::string out(kHead);
  const object& paths = openapi.at("paths").as_object();
  const value* tags = openapi.if_contains("tags");
  for (const value& tag : tags != nullptr ? tags->as_array() : array{}) {
    std::string name = Text(tag.as_object().if_contains("name"));
    out += "<h2>" + Escape(name) + "</h2><div class=\"d\">" + Escape(Text(tag.as_object().if_contains("description"))) +
           "</div>\n";
    for (const auto& [path, ops] : paths) {
      for (const auto& [method, op] : ops.as_object()) {
        const value* op_tags = op.as_object().if_contains("tags");
        if (op_tags == nullptr || op_tags->as_array().empty() || op_tags->as_array()[0] != value(name)) continue;
        std::string upper(method);
        for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        out += OperationHtml(renderer, openapi, upper, path, op.as_object());
      }
    }
  }
  out += "</main></body></html>\n";
  return out;
}

}  // namespace ucf::api
