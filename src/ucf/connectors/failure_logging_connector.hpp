#pragma once
// WithFailureLog: wraps a Connector so that every call ending in an error that would be a 500
// (Internal, Unknown, DataLoss: e.g. a provider answer the mapping cannot read) writes one warn
// line saying why: logger "ucf.connector", message "connector call failed", fields connector,
// operation, connectionId and error (the status message, which names the provider and the field
// path, e.g. "jira: response field 'issues[2]' is not an object"; provider bodies are never in
// it). Client-side errors (4xx) and provider errors already described to the caller are not
// logged here. Such a server fault is then answered as the provider's: Unavailable (503) whose
// message starts "<connector>: the provider's answer could not be used: …"; Unavailable and
// DeadlineExceeded messages that do not name the connector get "<connector>: " in front (issue 14:
// every upstream failure names the provider). Everything else passes through unchanged.
// Thread-safe as the wrapped connector.

#include <memory>

#include "ucf/connectors/connector.hpp"
#include "ucf/observability/logger.hpp"

namespace ucf::connectors {

// `logger` must outlive the returned connector.
std::unique_ptr<Connector> WithFailureLog(std::unique_ptr<Connector> inner,
                                          const observability::Logger& logger);

}  // namespace ucf::connectors
