#include "ucf/catalog/provider_catalog.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "boost/json/parse.hpp"
#include "ucf/catalog/provider_spec_parser.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::catalog {

ProviderCatalog::ProviderCatalog(std::vector<ProviderSpec> providers) {
  for (ProviderSpec& p : providers) {
    auto it = index_.find(p.id);
    if (it != index_.end()) {
      providers_[it->second] = std::move(p);
      continue;
    }
    index_.emplace(p.id, providers_.size());
    providers_.push_back(std::move(p));
  }
}

const ProviderSpec* ProviderCatalog::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &providers_[it->second];
}

absl::StatusOr<const ProviderSpec*> ProviderCatalog::Get(std::string_view id) const {
  const ProviderSpec* spec = Find(id);
  if (spec == nullptr) return absl::NotFoundError(core::StrCat("unknown connector: ", id));
  return spec;
}

absl::StatusOr<ProviderCatalog> ParseCatalog(std::string_view json_text, std::string_view source) {
  SpecErrors errors{std::string(source)};
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(json_text, ec);
  if (ec) return errors.Error("", "", core::StrCat("malformed JSON: ", ec.message()));
  if (!doc.is_object()) return errors.Error("", "", "the document must be a JSON object");
  const boost::json::object& root = doc.as_object();
  for (const auto& field : root) {
    std::string_view key = field.key();
    if (key.starts_with("_") || key == "providers" || key == "version") continue;
    return errors.Error("", key, "is not a known field");
  }
  if (auto v = root.find("version"); v != root.end()) {
    if (!v->value().is_int64() || v->value().as_int64() != 1) {
      return errors.Error("", "version", "must be 1");
    }
  }
  auto list = root.find("providers");
  if (list == root.end() || !list->value().is_array()) {
    return errors.Error("", "providers", "must be an array of providers");
  }
  std::vector<ProviderSpec> specs;
  std::set<std::string, std::less<>> ids;
  std::size_t n = 0;
  for (const boost::json::value& entry : list->value().as_array()) {
    ++n;
    UCF_ASSIGN_OR_RETURN(ProviderSpec spec, ParseProviderSpec(entry, n, errors));
    if (!ids.insert(spec.id).second) return errors.Error(spec.id, "id", "is used twice");
    specs.push_back(std::move(spec));
  }
  return ProviderCatalog(std::move(specs));
}

absl::StatusOr<ProviderCatalog> LoadCatalog(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(core::StrCat("provider catalog ", path, ": cannot be read"));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCatalog(text.str(), path);
}

ProviderCatalog Merge(const ProviderCatalog& base, const ProviderCatalog& extra) {
  std::vector<ProviderSpec> merged = base.providers();
  for (const ProviderSpec& p : extra.providers()) merged.push_back(p);
  return ProviderCatalog(std::move(merged));  // a later duplicate replaces in place
}

absl::StatusOr<ProviderCatalog> BuiltinCatalog() {
  return ParseCatalog(BuiltinCatalogJson(), "builtin config/providers.json");
}

}  // namespace ucf::catalog
