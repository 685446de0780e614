#include "ucf/connectors/registry.hpp"

#include <algorithm>

#include "ucf/core/strings.hpp"

namespace ucf::connectors {

absl::Status ConnectorRegistry::Add(std::unique_ptr<Connector> connector) {
  if (Find(connector->Describe().id) != nullptr) {
    return absl::AlreadyExistsError(core::StrCat("connector ", connector->Describe().id, " is registered twice"));
  }
  connectors_.push_back(std::move(connector));
  return absl::OkStatus();
}

const Connector* ConnectorRegistry::Find(std::string_view id) const {
  for (const auto& c : connectors_) {
    if (c->Describe().id == id) return c.get();
  }
  return nullptr;
}

std::vector<std::string> DefaultConnectorOrder() {
  return {"postgres", "salesforce", "jira", "confluence", "github"};
}

std::vector<const Connector*> ConnectorRegistry::List() const {
  std::vector<const Connector*> out;
  out.reserve(connectors_.size());
  for (const std::string& id : order_) {
    if (const Connector* c = Find(id)) out.push_back(c);
  }
  for (const auto& c : connectors_) {
    if (std::find(order_.begin(), order_.end(), c->Describe().id) == order_.end()) out.push_back(c.get());
  }
  return out;
}

}  // namespace ucf::connectors
