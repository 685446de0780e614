#include "ucf/core/envelope.hpp"

#include "boost/json/object.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/utf8.hpp"

namespace ucf::core {

std::string SuccessEnvelope(const boost::json::value& data) {
  std::string out = R"({"ok":true,"data":)";
  out += boost::json::serialize(data);
  out += R"(,"error":null})";
  return out;
}

namespace {
constexpr std::string_view kHead = R"({"ok":true,"data":)";
constexpr std::string_view kTail = R"(,"error":null})";
}  // namespace

std::string SuccessEnvelope(std::string&& data_json) {
  data_json.insert(0, kHead);
  data_json.append(kTail);
  return std::move(data_json);
}

std::string SuccessEnvelope(std::string_view data_json) {
  std::string out;
  out.reserve(kHead.size() + data_json.size() + kTail.size());
  out.append(kHead).append(data_json).append(kTail);
  return out;
}

std::string ErrorEnvelope(std::string_view code, std::string_view message,
                          const boost::json::value& details) {
  // Messages and details may echo request bytes (a path, a parameter name): JSON must be UTF-8.
  boost::json::object error{{"code", ValidUtf8(code)}, {"message", ValidUtf8(message)}, {"details", details}};
  if (auto* fields = error["details"].if_object()) {
    for (auto& [key, value] : *fields) {
      if (value.is_string()) value = ValidUtf8(value.get_string());
    }
  }
  boost::json::object env{{"ok", false}, {"data", nullptr}, {"error", std::move(error)}};
  return boost::json::serialize(env);
}

}  // namespace ucf::core
