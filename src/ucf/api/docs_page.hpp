#pragma once
// The /docs page: a self-contained HTML reference rendered in the browser from /openapi.json.

#include <string_view>

namespace ucf::api {

std::string_view DocsPageHtml();

}  // namespace ucf::api
