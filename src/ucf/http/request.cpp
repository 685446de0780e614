#include "ucf/http/request.hpp"

#include "boost/url/params_view.hpp"
#include "boost/url/parse_path.hpp"
#include "boost/url/parse_query.hpp"

namespace ucf::http {

bool Request::SplitTarget() {
  std::string_view t = target;
  size_t q = t.find('?');
  std::string_view raw_path = t.substr(0, q);
  query = q == std::string_view::npos ? std::string() : std::string(t.substr(q + 1));
  if (raw_path.empty() || raw_path.front() != '/') return false;
  auto parsed = boost::urls::parse_path(raw_path);
  if (!parsed) return false;
  path.clear();
  for (auto segment : *parsed) {
    path += '/';
    path += segment.decode();
  }
  if (path.empty() || (raw_path.size() > 1 && raw_path.back() == '/')) path += '/';
  return true;
}

std::optional<std::string> Request::Query(std::string_view key) const {
  if (query.empty()) return std::nullopt;
  auto parsed = boost::urls::parse_query(query);
  if (!parsed) return std::nullopt;
  for (auto param : *parsed) {
    if (param.key.decode() == key) return param.has_value ? param.value.decode() : std::string();
  }
  return std::nullopt;
}

std::optional<std::string> Request::OversizedParameter(std::size_t max_bytes) const {
  for (const auto& [name, value] : path_params) {
    if (value.size() > max_bytes) return name;
  }
  if (query.size() <= max_bytes) return std::nullopt;
  auto parsed = boost::urls::parse_query(query);
  if (!parsed) return std::nullopt;
  for (auto param : *parsed) {
    if (param.key.decoded_size() > max_bytes) return std::string("query");
    if (param.value.decoded_size() > max_bytes) return param.key.decode();
  }
  return std::nullopt;
}

std::string_view Request::PathParam(std::string_view name) const {
  auto it = path_params.find(name);
  return it == path_params.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace ucf::http
