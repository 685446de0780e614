#pragma once
// The unified response envelope of every /api response (DESIGN.md §1):
//   {"ok": true,  "data": <any>, "error": null}
//   {"ok": false, "data": null,  "error": {"code", "message", "details"}}

#include <string>
#include <string_view>

#include "boost/json/value.hpp"

namespace ucf::core {

std::string SuccessEnvelope(const boost::json::value& data);
// The same around `data` already serialised (one JSON value).
std::string SuccessEnvelope(std::string_view data_json);
// The same, written around `data_json` in its own buffer (one move of the bytes, no second
// buffer: a writer that reserved room for the envelope pays no allocation either).
std::string SuccessEnvelope(std::string&& data_json);

// `details` is null or an object.
std::string ErrorEnvelope(std::string_view code, std::string_view message,
                          const boost::json::value& details = nullptr);

}  // namespace ucf::core
