#include "ucf/api/ui_routes.hpp"

#include "ucf/core/strings.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/http/static_files/static_site.hpp"

namespace ucf::api {
namespace {

http::Response Redirect(std::string location) {
  http::Response r = http::Response::Text(302, "See /ui/\n", "text/plain; charset=utf-8");
  r.headers.Set("Location", location);
  r.headers.Set("Cache-Control", "no-cache");
  return r;
}

}  // namespace

std::vector<http::Route> UiRoutes(const http::StaticSite* ui) {
  return {
      // Next.js asks the home page's payload with the base path as its name (/ui.txt).
      {"GET", "/ui.txt",
       [ui](http::Request&) {
         return ui == nullptr ? http::MakeError(404, "not_found", "the dashboard is not built")
                              : ui->Serve("index.txt");
       },
       "The dashboard home page's client payload", http::Access::kPublic, http::Execution::kWorker,
       "Dashboard", {.media_type = "text/plain", .statuses = {404}}},
      {"GET", "/ui/{path...}",
       [ui](http::Request& r) {
         if (r.path == "/ui") {  // relative links of the pages need the trailing slash
           return Redirect(r.query.empty() ? "/ui/" : core::StrCat("/ui/?", r.query));
         }
         if (ui == nullptr) {
           return http::MakeError(404, "not_found",
                                  "the dashboard is not built: run `bash scripts/setup.sh` (it builds "
                                  "web/out) or set UCF_UI_DIR to the export folder");
         }
         return ui->Serve(r.PathParam("path"));
       },
       "The dashboard (static files; deep links answer their page)", http::Access::kPublic,
       http::Execution::kWorker, "Dashboard", {.media_type = "text/html", .statuses = {302, 404}}},
  };
}

http::Handler RedirectBrowsersToUi(http::Handler root) {
  return [root = std::move(root)](http::Request& r) {
    std::string_view accept = r.headers.Get("Accept").value_or("");
    if (core::Contains(core::ToLower(accept), "text/html")) return Redirect("/ui/");
    return root(r);
  };
}

}  // namespace ucf::api
