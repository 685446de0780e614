// Provider URL templates (catalog/url_template.hpp): arbitrary templates never crash
// TemplatePlaceholders / ExpandUrlTemplate, and whatever values a tenant sends, a filled-in
// template keeps its host suffix, its path segment count and its query keys.

#include <boost/url/parse.hpp>

#include "fuzz/fuzz_input.hpp"
#include "ucf/catalog/url_template.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ucf::fuzz::Input in(data, size);
  std::string_view domain = in.Part(), segment = in.Part(), query = in.Part(), tmpl = in.Rest();
  ucf::catalog::UrlParams values{{"myDomain", std::string(domain)},
                                 {"tenant", std::string(segment)},
                                 {"q", std::string(query)}};
  if (auto names = ucf::catalog::TemplatePlaceholders(tmpl); names.ok()) {
    (void)ucf::catalog::ExpandUrlTemplate(tmpl, values);
  }
  (void)ucf::catalog::IsHostFragment(domain);

  auto url = ucf::catalog::ExpandUrlTemplate(
      "https://{myDomain}.example.com/t/{tenant}/token?x={q}", values);
  if (!url.ok()) return 0;
  auto parsed = boost::urls::parse_absolute_uri(*url);
  UCF_FUZZ_CHECK(parsed.has_value());
  std::string host = parsed->host();
  UCF_FUZZ_CHECK(host.size() > 12 && host.ends_with(".example.com"));
  UCF_FUZZ_CHECK(!parsed->has_port() && !parsed->has_userinfo() && !parsed->has_fragment());
  UCF_FUZZ_CHECK(parsed->encoded_segments().size() == 3);
  UCF_FUZZ_CHECK(parsed->params().size() == 1);
  return 0;
}
