#pragma once
// A URL reduced to what is safe in logs and error messages.

#include <string>
#include <string_view>

namespace ucf::http {

// "https://user:pw@host:8443/a/b?token=x#f" → "https://host:8443/a/b": user info, query and
// fragment removed (they are where credentials hide). Input that is not scheme://authority...
// yields "<invalid url>". Pure; never fails.
std::string LoggableUrl(std::string_view url);

}  // namespace ucf::http
