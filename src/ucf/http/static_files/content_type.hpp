#pragma once
// The Content-Type of a static file, from its name's extension (lower-cased); unknown extensions
// are application/octet-stream (never sniffed, never text/html).

#include <string_view>

namespace ucf::http {

std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace ucf::http
