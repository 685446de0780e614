#include "ucf/catalog/url_template.hpp"

#include "boost/url/encode.hpp"
#include "boost/url/parse.hpp"
#include "boost/url/rfc/unreserved_chars.hpp"
#include "boost/url/url_view.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::catalog {
namespace {

enum class Part { kLiteral, kHost, kPath, kQuery };

struct Segment {
  Part part = Part::kLiteral;
  std::string text;  // literal text, or the placeholder name
};

bool IsNameChar(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return first ? alpha : alpha || (c >= '0' && c <= '9');
}

absl::Status TemplateError(std::string_view reason) {
  return absl::InvalidArgumentError(core::StrCat("URL template ", reason));
}

absl::StatusOr<std::vector<Segment>> Tokenize(std::string_view tmpl) {
  std::size_t scheme_end = tmpl.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return TemplateError("must be an absolute http(s) URL");
  }
  const std::size_t authority_start = scheme_end + 3;
  std::size_t authority_end = tmpl.find_first_of("/?#", authority_start);
  if (authority_end == std::string_view::npos) authority_end = tmpl.size();
  std::size_t query_start = tmpl.find('?', authority_end);
  std::size_t fragment_start = tmpl.find('#', authority_end);
  if (query_start == std::string_view::npos || query_start > fragment_start) {
    query_start = fragment_start;
  }
  std::string_view authority = tmpl.substr(authority_start, authority_end - authority_start);
  if (authority.find('@') != std::string_view::npos) {
    return TemplateError("must not contain user info");
  }

  std::vector<Segment> out;
  std::string literal;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    if (c == '}') return TemplateError("has an unmatched '}'");
    if (c != '{') {
      literal += c;
      continue;
    }
    std::size_t close = tmpl.find('}', i);
    if (close == std::string_view::npos) return TemplateError("has an unclosed '{'");
    std::string_view name = tmpl.substr(i + 1, close - i - 1);
    if (name.empty() || !IsNameChar(name[0], true)) {
      return TemplateError("has a placeholder without a valid name");
    }
    for (char n : name) {
      if (!IsNameChar(n, false)) return TemplateError("has a placeholder without a valid name");
    }
    Part part;
    if (i < authority_start || i >= fragment_start) {
      return TemplateError(
          core::StrCat("has placeholder {", name, "} outside the host, path and query"));
    } else if (i < authority_end) {
      if (authority.substr(0, i - authority_start).find(':') != std::string_view::npos) {
        return TemplateError(core::StrCat("has placeholder {", name, "} in the port"));
      }
      part = Part::kHost;
    } else if (i < query_start) {
      part = Part::kPath;
    } else {
      part = Part::kQuery;
    }
    if (!literal.empty()) out.push_back({Part::kLiteral, std::move(literal)});
    literal.clear();
    out.push_back({part, std::string(name)});
    i = close;
  }
  if (!literal.empty()) out.push_back({Part::kLiteral, std::move(literal)});
  return out;
}

absl::Status CheckAbsoluteHttpUrl(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(boost::urls::string_view(url.data(), url.size()));
  if (!parsed) return TemplateError("does not give a valid absolute URL");
  std::string scheme = core::ToLower(std::string_view(parsed->scheme()));
  if (scheme != "https" && scheme != "http") return TemplateError("must use http or https");
  if (!parsed->has_authority() || parsed->encoded_host().empty()) {
    return TemplateError("must name a host");
  }
  return absl::OkStatus();
}

std::string EncodeComponent(std::string_view value) {
  return boost::urls::encode(boost::urls::string_view(value.data(), value.size()),
                             boost::urls::unreserved_chars);
}

}  // namespace

bool IsHostFragment(std::string_view value) {
  if (value.empty() || value.size() > 253) return false;
  for (std::string_view label : core::Split(value, '.')) {
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
  }
  return true;
}

absl::StatusOr<std::vector<std::string>> TemplatePlaceholders(std::string_view tmpl) {
  UCF_ASSIGN_OR_RETURN(std::vector<Segment> segments, Tokenize(tmpl));
  std::vector<std::string> names;
  UrlParams samples;
  for (const Segment& s : segments) {
    if (s.part == Part::kLiteral) continue;
    names.push_back(s.text);
    samples[s.text] = "sample";
  }
  UCF_RETURN_IF_ERROR(ExpandUrlTemplate(tmpl, samples).status());
  return names;
}

absl::StatusOr<std::string> ExpandUrlTemplate(std::string_view tmpl, const UrlParams& values) {
  UCF_ASSIGN_OR_RETURN(std::vector<Segment> segments, Tokenize(tmpl));
  std::string out;
  for (const Segment& s : segments) {
    if (s.part == Part::kLiteral) {
      out += s.text;
      continue;
    }
    auto it = values.find(s.text);
    if (it == values.end() || it->second.empty()) {
      return absl::InvalidArgumentError(core::StrCat("URL parameter ", s.text, " is required"));
    }
    const std::string& value = it->second;
    switch (s.part) {
      case Part::kHost:
        if (!IsHostFragment(value)) {
          return absl::InvalidArgumentError(
              core::StrCat("URL parameter ", s.text,
                           " must be a host name part (letters, digits, hyphens and dots only)"));
        }
        out += value;
        break;
      case Part::kPath:
        if (value == "." || value == "..") {
          return absl::InvalidArgumentError(
              core::StrCat("URL parameter ", s.text, " must not be a dot segment"));
        }
        out += EncodeComponent(value);
        break;
      case Part::kQuery:
      case Part::kLiteral:
        out += EncodeComponent(value);
        break;
    }
  }
  UCF_RETURN_IF_ERROR(CheckAbsoluteHttpUrl(out));
  return out;
}

absl::Status ValidateUrlParams(const ProviderSpec& spec, const UrlParams& values) {
  for (const auto& [name, value] : values) {
    const UrlParamSpec* param = spec.FindUrlParam(name);
    std::string field = core::StrCat("urlParams.", name);
    if (param == nullptr) {
      return core::InvalidField(field, core::StrCat("is not a parameter of ", spec.id));
    }
    if (value.empty()) {
      if (param->required) return core::InvalidField(field, "is required");
      continue;
    }
    if (value.size() > 255 || !param->Matches(value)) {
      std::string reason = core::StrCat("must match ", param->pattern);
      if (!param->example.empty()) core::StrAppend(&reason, " (for example ", param->example, ")");
      return core::InvalidField(field, reason);
    }
  }
  for (const UrlParamSpec& param : spec.url_params) {
    if (param.required && values.find(param.name) == values.end()) {
      return core::InvalidField(core::StrCat("urlParams.", param.name), "is required");
    }
  }
  return absl::OkStatus();
}

}  // namespace ucf::catalog
