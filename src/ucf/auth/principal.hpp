#pragma once
// The authenticated caller of a request.

#include <string>

namespace ucf::auth {

struct Principal {
  enum class Kind { kAdmin, kTenantKey };
  Kind kind = Kind::kTenantKey;
  std::string tenant_id;  // the key's tenant; empty for the admin
  std::string key_id;     // the api key id; empty for the admin
  bool read_only = false; // a read-only API key (ApiKeyRecord::read_only)

  bool is_admin() const { return kind == Kind::kAdmin; }
  // The actor name written to audit entries.
  std::string actor() const { return is_admin() ? "admin" : key_id; }
};

}  // namespace ucf::auth
