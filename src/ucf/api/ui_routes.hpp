#pragma once
// The dashboard's routes: GET /ui/{path...} serves the static export (http/static_files; public:
// the pages hold no data, every API call they make carries its own credentials), GET /ui redirects
// to /ui/, GET /ui.txt is the home page's client payload (index.txt), and GET / asked by a browser
// (Accept: text/html) redirects to /ui/ while API clients keep getting the health envelope.

#include <vector>

#include "ucf/http/router/route.hpp"

namespace ucf::http {
class StaticSite;
}

namespace ucf::api {

// `ui` null (export not built or not found): the pages answer 404 saying how to build it.
std::vector<http::Route> UiRoutes(const http::StaticSite* ui);

// Wraps the handler of GET /: a request whose Accept names text/html is sent to /ui/.
http::Handler RedirectBrowsersToUi(http::Handler root);

}  // namespace ucf::api
