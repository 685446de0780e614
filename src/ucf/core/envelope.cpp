#include "ucf/core/envelope.hpp"

#include "boost/json/object.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::core {

std::string SuccessEnvelope(const boost::json::value& data) {
  std::string out = R"({"ok":true,"data":)";
  out += boost::json::serialize(data);
  out += R"(,"error":null})";
  return out;
}

std::string ErrorEnvelope(std::string_view code, std::string_view message,
                          const boost::json::value& details) {
  boost::json::object error{{"code", code}, {"message", message}, {"details", details}};
  boost::json::object env{{"ok", false}, {"data", nullptr}, {"error", std::move(error)}};
  return boost::json::serialize(env);
}

}  // namespace ucf::core
