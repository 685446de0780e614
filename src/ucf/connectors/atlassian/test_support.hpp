#pragma once
// Helpers for the Atlassian connector unit tests only (header-only; nothing in the libraries
// includes it): read a testdata file, split a recorded request URL into path and decoded query,
// read the field named by an InvalidArgument status.

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "boost/json/parse.hpp"
#include "boost/url/parse.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::connectors::atlassian::testing {

// The contents of `path`; throws (failing the test) when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct RequestUrl {
  std::string origin;                        // "https://acme.atlassian.net"
  std::string path;                          // encoded, e.g. "/rest/api/3/issue/A%20B"
  std::map<std::string, std::string> query;  // decoded ('+' stays '+')
  std::string encoded_query;
};

inline RequestUrl ParseUrl(std::string_view url) {
  RequestUrl out;
  auto parsed = boost::urls::parse_absolute_uri(boost::urls::string_view(url.data(), url.size()));
  if (!parsed) throw std::runtime_error("not an absolute URL: " + std::string(url));
  out.origin = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
  out.path = std::string(parsed->encoded_path());
  out.encoded_query = std::string(parsed->encoded_query());
  boost::urls::encoding_opts opts;
  opts.space_as_plus = false;
  for (auto param : parsed->params(opts)) out.query[param.key] = param.value;
  return out;
}

inline std::string FieldOf(const absl::Status& status) {
  auto details = core::GetDetails(status);
  if (!details || !details->contains("field") || !details->at("field").is_string()) return "";
  return std::string(details->at("field").as_string());
}

inline boost::json::value ParseJson(std::string_view text) { return boost::json::parse(text); }

}  // namespace ucf::connectors::atlassian::testing
