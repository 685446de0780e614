#pragma once
// ConnectorRegistry: the connectors this process offers, filled explicitly by app/ at startup (no
// static-initialisation self-registration) and read-only afterwards, so lookups need no lock.
//
// The listing order (GET /api/connectors) is a property of the registry, not of the order app/
// adds connectors in: the ids in `order` come first, in that order, then every other connector in
// registration order. The default is the original system's catalog order followed by GitHub:
// postgres, salesforce, jira, confluence, github.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ucf/connectors/connector.hpp"

namespace ucf::connectors {

std::vector<std::string> DefaultConnectorOrder();

class ConnectorRegistry {
 public:
  explicit ConnectorRegistry(std::vector<std::string> order = DefaultConnectorOrder())
      : order_(std::move(order)) {}

  // AlreadyExists when a connector with the same id was added before.
  absl::Status Add(std::unique_ptr<Connector> connector);

  // nullptr when no connector has this id.
  const Connector* Find(std::string_view id) const;

  // In listing order (above).
  std::vector<const Connector*> List() const;

 private:
  std::vector<std::string> order_;
  std::vector<std::unique_ptr<Connector>> connectors_;
};

}  // namespace ucf::connectors
