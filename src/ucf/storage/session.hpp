#pragma once
// The table stores of one open transaction.

#include <string_view>

#include "absl/status/status.h"
#include "ucf/storage/stats_store.hpp"
#include "ucf/storage/api_key_store.hpp"
#include "ucf/storage/audit_log_store.hpp"
#include "ucf/storage/connection_store.hpp"
#include "ucf/storage/connector_settings_store.hpp"
#include "ucf/storage/event_store.hpp"
#include "ucf/storage/job_store.hpp"
#include "ucf/storage/oauth_state_store.hpp"
#include "ucf/storage/record_store.hpp"
#include "ucf/storage/sync_schedule_store.hpp"
#include "ucf/storage/sync_state_store.hpp"
#include "ucf/storage/tenant_store.hpp"
#include "ucf/storage/token_store.hpp"
#include "ucf/storage/webhook_delivery_store.hpp"
#include "ucf/storage/webhook_store.hpp"
#include "ucf/storage/webhook_subscription_store.hpp"

namespace ucf::storage {

// Handed to the function given to Database::Transact; valid only during that call, and used only
// by the thread running it (not thread-safe). Every store it returns works inside the same
// transaction, owned by the session.
//
// Secrets: stores encrypt SECRET fields with the database's SecretCipher on write and decrypt them
// on read; a value that cannot be decrypted is DataLoss naming the table and column.
//
// Errors: NotFound / AlreadyExists / Aborted / FailedPrecondition / InvalidArgument from a store
// describe the request. Any other error comes from the database and poisons the transaction:
// later calls fail too, and Transact rolls back even if the function returns OK.
class Session {
 public:
  virtual ~Session() = default;

  virtual TenantStore& tenants() = 0;
  virtual ApiKeyStore& api_keys() = 0;
  virtual ConnectorSettingsStore& connector_settings() = 0;
  virtual ConnectionStore& connections() = 0;
  virtual TokenStore& tokens() = 0;
  virtual OAuthStateStore& oauth_states() = 0;
  virtual SyncStateStore& sync_states() = 0;
  virtual SyncScheduleStore& sync_schedules() = 0;
  virtual AuditLogStore& audit_logs() = 0;
  virtual JobStore& jobs() = 0;
  virtual RecordStore& records() = 0;
  virtual WebhookStore& webhooks() = 0;
  virtual WebhookSubscriptionStore& webhook_subscriptions() = 0;
  virtual WebhookDeliveryStore& webhook_deliveries() = 0;
  virtual StatsStore& stats() = 0;
  virtual EventStore& events() = 0;

  // Blocks until this transaction holds the exclusive lock named `key`; released at commit or
  // rollback. Use it to make one writer act at a time across instances (e.g. one token refresh
  // per connection): lock, re-read, act. PostgreSQL: pg_advisory_xact_lock(hashtextextended(key,
  // 0)) — distinct keys may rarely share a hash, which only serialises them. SQLite: a no-op,
  // because kWrite transactions (BEGIN IMMEDIATE) already exclude each other. Meaningless in a
  // kRead transaction.
  virtual absl::Status LockKey(std::string_view key) = 0;
};

}  // namespace ucf::storage
