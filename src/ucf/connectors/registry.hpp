#pragma once
// ConnectorRegistry: the connectors this process offers, filled explicitly by app/ at startup (no
// static-initialisation self-registration) and read-only afterwards, so lookups need no lock.

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ucf/connectors/connector.hpp"

namespace ucf::connectors {

class ConnectorRegistry {
 public:
  // AlreadyExists when a connector with the same id was added before.
  absl::Status Add(std::unique_ptr<Connector> connector);

  // nullptr when no connector has this id.
  const Connector* Find(std::string_view id) const;

  // In registration order.
  std::vector<const Connector*> List() const;

 private:
  std::vector<std::unique_ptr<Connector>> connectors_;
};

}  // namespace ucf::connectors
