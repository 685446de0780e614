#include "ucf/app/storage_setup.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/crypto/key_source.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::app {

absl::StatusOr<OpenedStorage> OpenStorage(const config::Config& config, const core::Clock& clock,
                                          bool migrate) {
  OpenedStorage out;
  bool production = config.env == config::Environment::kProduction;
  UCF_ASSIGN_OR_RETURN(std::string keys,
                       crypto::ResolveEncryptionKeys(config.encryption_key, config.data_dir,
                                                     production, &out.key_warning));
  UCF_ASSIGN_OR_RETURN(out.key_ring, crypto::KeyRing::FromList(keys, clock));
  storage::DatabaseOptions options;
  options.url = config.database_url;
  options.data_dir = config.data_dir.string();
  options.migrate = migrate;
  UCF_ASSIGN_OR_RETURN(out.db, storage::OpenDatabase(options, *out.key_ring, clock));
  return out;
}

}  // namespace ucf::app
