#pragma once
// The provider catalog: every provider's auth facts, read from data (config/providers.json, its
// format in config/providers.md) so that a new OAuth provider is a data change.
//
// Startup (the composition root):
//   UCF_ASSIGN_OR_RETURN(ProviderCatalog catalog, BuiltinCatalog());
//   if (UCF_PROVIDERS_FILE is set) {
//     UCF_ASSIGN_OR_RETURN(ProviderCatalog extra, LoadCatalog(path));
//     catalog = Merge(catalog, extra);
//   }
// A ProviderCatalog is immutable after construction; const access is thread-safe.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/catalog/provider_spec.hpp"

namespace ucf::catalog {

class ProviderCatalog {
 public:
  ProviderCatalog() = default;
  // `providers` must have distinct ids (ParseCatalog guarantees it); a later duplicate wins.
  explicit ProviderCatalog(std::vector<ProviderSpec> providers);

  // The provider `id`, or nullptr.
  const ProviderSpec* Find(std::string_view id) const;
  // The provider `id`; NotFound "unknown connector: <id>" when absent.
  absl::StatusOr<const ProviderSpec*> Get(std::string_view id) const;

  // In file order (base entries first after a Merge).
  const std::vector<ProviderSpec>& providers() const { return providers_; }
  std::size_t size() const { return providers_.size(); }

 private:
  std::vector<ProviderSpec> providers_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// Parses a catalog document. `source` names it in error messages (a path, or "builtin").
// InvalidArgument "provider catalog <source>: provider \"<id>\": <field>: <reason>" with details
// {"file", "provider", "field", "reason"} for the first problem: malformed JSON, an unknown or
// mistyped field (fields starting with "_" are comments and ignored), a missing required field, a
// URL template that is not an absolute http(s) URL or uses an undeclared placeholder, an invalid
// pattern, a duplicate id.
absl::StatusOr<ProviderCatalog> ParseCatalog(std::string_view json_text, std::string_view source);

// Reads and parses the catalog file at `path`. NotFound when it cannot be read; otherwise as
// ParseCatalog.
absl::StatusOr<ProviderCatalog> LoadCatalog(const std::string& path);

// `base` with every provider of `extra` added; an `extra` provider whose id is already in `base`
// replaces that entry as a whole (at its position).
ProviderCatalog Merge(const ProviderCatalog& base, const ProviderCatalog& extra);

// The checked-in config/providers.json as compiled into this binary, parsed.
absl::StatusOr<ProviderCatalog> BuiltinCatalog();

// The raw text of that file.
std::string_view BuiltinCatalogJson();

}  // namespace ucf::catalog
