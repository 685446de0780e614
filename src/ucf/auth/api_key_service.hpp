#pragma once
// Service API keys of a tenant: create (the key is returned once), list, revoke. Each change
// writes its audit entry in the same transaction.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/auth/authenticator.hpp"
#include "ucf/storage/api_key_record.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::auth {

struct CreatedKey {
  storage::ApiKeyRecord record;
  std::string key;  // plaintext, shown once
};

class ApiKeyService {
 public:
  ApiKeyService(storage::Database& db, Authenticator& authenticator)
      : db_(db), authenticator_(authenticator) {}

  // InvalidArgument when the name is empty or longer than 100 characters.
  absl::StatusOr<CreatedKey> Create(const audit::Actor& actor, std::string_view name,
                                    bool read_only = false);
  // last_used_at includes this instance's uses not yet flushed (Authenticator::FlushLastUsed).
  absl::StatusOr<std::vector<storage::ApiKeyRecord>> List(std::string_view tenant_id);
  // NotFound when the key is not the tenant's. Effective at once in this instance.
  absl::StatusOr<storage::ApiKeyRecord> Revoke(const audit::Actor& actor, std::string_view id);

 private:
  storage::Database& db_;
  Authenticator& authenticator_;
};

}  // namespace ucf::auth
