#pragma once
// GenericOAuthConnector: the connector of a catalog provider that has no dedicated connector, so
// that adding an OAuth provider stays a data change (config/providers.json or UCF_PROVIDERS_FILE).
// It offers onboarding (OAuth 2.0, stored tokens with refresh, revocation), credential checks and
// the passthrough of the connection's API, but no unified browsing (its `resources` is empty and
// the listing methods answer Unimplemented).
//
// CheckCredentials: GET the provider's userinfo URL when the catalog names one without
// placeholders, else GET the connection's API base URL; any 2xx proves the token. The account is
// read from the usual userinfo claims (sub/id, name/login, email) when the answer is a JSON object.

#include <memory>

#include "ucf/catalog/provider_spec.hpp"
#include "ucf/connectors/connector.hpp"

namespace ucf::connectors {

std::unique_ptr<Connector> MakeGenericOAuthConnector(const catalog::ProviderSpec& spec);

}  // namespace ucf::connectors
