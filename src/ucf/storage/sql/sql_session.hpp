#pragma once
// The Session of the SQL engines: every store, bound to one transaction's executor.

#include "ucf/storage/session.hpp"
#include "ucf/storage/sql/sql_api_key_store.hpp"
#include "ucf/storage/sql/sql_audit_log_store.hpp"
#include "ucf/storage/sql/sql_connection_store.hpp"
#include "ucf/storage/sql/sql_connector_settings_store.hpp"
#include "ucf/storage/sql/sql_event_store.hpp"
#include "ucf/storage/sql/sql_job_store.hpp"
#include "ucf/storage/sql/sql_oauth_state_store.hpp"
#include "ucf/storage/sql/sql_record_store.hpp"
#include "ucf/storage/sql/sql_stats_store.hpp"
#include "ucf/storage/sql/sql_sync_schedule_store.hpp"
#include "ucf/storage/sql/sql_sync_state_store.hpp"
#include "ucf/storage/sql/sql_tenant_store.hpp"
#include "ucf/storage/sql/sql_token_store.hpp"
#include "ucf/storage/sql/sql_webhook_delivery_store.hpp"
#include "ucf/storage/sql/sql_webhook_store.hpp"
#include "ucf/storage/sql/sql_webhook_subscription_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

// Cheap to build (no allocation, no I/O): one per transaction. The context's executor must
// outlive the session.
class SqlSession final : public Session {
 public:
  explicit SqlSession(StoreContext ctx)
      : ctx_(ctx),
        tenants_(ctx),
        api_keys_(ctx),
        connector_settings_(ctx),
        connections_(ctx),
        tokens_(ctx),
        oauth_states_(ctx),
        sync_states_(ctx),
        sync_schedules_(ctx),
        audit_logs_(ctx),
        jobs_(ctx),
        records_(ctx),
        webhooks_(ctx),
        webhook_subscriptions_(ctx),
        webhook_deliveries_(ctx),
        stats_(ctx),
        events_(ctx) {}

  TenantStore& tenants() override { return tenants_; }
  ApiKeyStore& api_keys() override { return api_keys_; }
  ConnectorSettingsStore& connector_settings() override { return connector_settings_; }
  ConnectionStore& connections() override { return connections_; }
  TokenStore& tokens() override { return tokens_; }
  OAuthStateStore& oauth_states() override { return oauth_states_; }
  SyncStateStore& sync_states() override { return sync_states_; }
  SyncScheduleStore& sync_schedules() override { return sync_schedules_; }
  AuditLogStore& audit_logs() override { return audit_logs_; }
  JobStore& jobs() override { return jobs_; }
  RecordStore& records() override { return records_; }
  WebhookStore& webhooks() override { return webhooks_; }
  WebhookSubscriptionStore& webhook_subscriptions() override { return webhook_subscriptions_; }
  WebhookDeliveryStore& webhook_deliveries() override { return webhook_deliveries_; }
  StatsStore& stats() override { return stats_; }
  EventStore& events() override { return events_; }
  // The tenants whose event streams this transaction appended to.
  const std::vector<std::string>& appended_event_tenants() const { return events_.appended(); }

  absl::Status LockKey(std::string_view key) override { return ctx_.db.LockKey(key); }

 private:
  StoreContext ctx_;
  SqlTenantStore tenants_;
  SqlApiKeyStore api_keys_;
  SqlConnectorSettingsStore connector_settings_;
  SqlConnectionStore connections_;
  SqlTokenStore tokens_;
  SqlOAuthStateStore oauth_states_;
  SqlSyncStateStore sync_states_;
  SqlSyncScheduleStore sync_schedules_;
  SqlAuditLogStore audit_logs_;
  SqlJobStore jobs_;
  SqlRecordStore records_;
  SqlWebhookStore webhooks_;
  SqlWebhookSubscriptionStore webhook_subscriptions_;
  SqlWebhookDeliveryStore webhook_deliveries_;
  SqlStatsStore stats_;
  SqlEventStore events_;
};

}  // namespace ucf::storage::sql
