#pragma once
// The unified response envelope of every /api response (DESIGN.md §1):
//   {"ok": true,  "data": <any>, "error": null}
//   {"ok": false, "data": null,  "error": {"code", "message", "details"}}

#include <cstddef>
#include <string>
#include <string_view>

#include "boost/json/value.hpp"

namespace ucf::core {

std::string SuccessEnvelope(const boost::json::value& data);
// The same around `data` already serialised (one JSON value).
std::string SuccessEnvelope(std::string_view data_json);

// A success envelope written in place, for large answers written without a DOM (so `data` is
// never copied into an envelope afterwards): OpenSuccessEnvelope returns the envelope's head in
// a string with `capacity` reserved, the caller appends exactly one JSON value (the `data`), and
// CloseSuccessEnvelope appends the tail. The result equals SuccessEnvelope(value).
std::string OpenSuccessEnvelope(std::size_t capacity);
void CloseSuccessEnvelope(std::string& text);

// `details` is null or an object.
std::string ErrorEnvelope(std::string_view code, std::string_view message,
                          const boost::json::value& details = nullptr);

}  // namespace ucf::core
