#pragma once
// JSON of the unified shapes (DESIGN.md §5) and of connector descriptions. `raw` adds the
// provider's own object (?raw=true). Item meta always carries the fixed key set, null when unknown.

#include <string>

#include "boost/json/object.hpp"
#include "ucf/catalog/provider_spec.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/connectors/resources.hpp"

namespace ucf::connectors {

boost::json::object ContainerJson(const Container& c, bool raw);
boost::json::object ItemJson(const Item& item, bool raw);
// Appends serialize(ItemJson(item, raw)), byte for byte, without building the DOM (listings).
void AppendItemJson(std::string& out, const Item& item, bool raw);
// AppendItemJson(out, item, false) into a new string: what sync hashes and stores for each item.
std::string ItemJsonText(const Item& item);
boost::json::object CommentJson(const Comment& c, bool raw);

// "Offers containers, items, …; sync models: projects, issues." (or "Offers connecting only: no
// browsing; no sync models."), generated from `resources` and `sync_models`.
std::string OfferSummary(const ConnectorDescription& d);

// {id, name, group, description, authMethods, defaultScopes, configFields, credentialFields,
//  resources, syncModels}. authMethods and defaultScopes come from the provider's catalog entry
// (the same facts the OAuth flow uses), empty when `spec` is null. `description` is the
// connector's own text followed by OfferSummary, so it always says what the connector offers.
boost::json::object ConnectorDescriptionJson(const ConnectorDescription& d,
                                             const catalog::ProviderSpec* spec);

}  // namespace ucf::connectors
