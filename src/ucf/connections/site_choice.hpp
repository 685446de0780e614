#pragma once
// ChooseSite: finishes an OAuth connection that is pending because the account reaches several
// Atlassian sites and none was named at connect time (post_connect.hpp). The chosen site's
// cloudId, siteUrl and siteName go into the connection config, the catalog's apiBaseUrl template
// is expanded with them, and the connection becomes connected — in one transaction with the audit
// entry "connection.updated" (details.siteChosen). Choosing again later switches the site.
//
// Errors: NotFound (not this tenant's connection); FailedPrecondition when the connection lists no
// sites to choose from; InvalidArgument (field "site") naming the sites when none matches.
// Thread-safe.

#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

absl::StatusOr<storage::ConnectionRecord> ChooseSite(storage::Database& db,
                                                     const catalog::ProviderCatalog& catalog,
                                                     const audit::Actor& actor,
                                                     std::string_view connection_id,
                                                     std::string_view site);

}  // namespace ucf::connections
