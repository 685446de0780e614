#include "ucf/connections/connection_write_watch.hpp"

#include "ucf/storage/connection_store.hpp"

namespace ucf::connections {
namespace {

// Forwards to the transaction's own store, noting writes.
class WatchedConnections final : public storage::ConnectionStore {
 public:
  WatchedConnections(storage::ConnectionStore& inner, bool& wrote) : inner_(inner), wrote_(wrote) {}

  absl::StatusOr<storage::ConnectionRecord> Create(const storage::ConnectionRecord& c) override {
    wrote_ = true;
    return inner_.Create(c);
  }
  absl::StatusOr<storage::ConnectionUpsertResult> Upsert(const storage::ConnectionRecord& c) override {
    wrote_ = true;
    return inner_.Upsert(c);
  }
  absl::StatusOr<storage::ConnectionRecord> Get(std::string_view tenant_id, std::string_view id) override {
    return inner_.Get(tenant_id, id);
  }
  absl::StatusOr<storage::ConnectionRecord> GetByName(std::string_view tenant_id, std::string_view connector_id,
                                                      std::string_view name) override {
    return inner_.GetByName(tenant_id, connector_id, name);
  }
  absl::StatusOr<storage::Page<storage::ConnectionRecord>> List(std::string_view tenant_id,
                                                                const storage::ConnectionFilter& filter,
                                                                std::string_view cursor, int limit) override {
    return inner_.List(tenant_id, filter, cursor, limit);
  }
  absl::StatusOr<storage::Page<storage::StoredConnection>> ListStored(std::string_view tenant_id,
                                                                      const storage::ConnectionFilter& filter,
                                                                      std::string_view cursor, int limit) override {
    return inner_.ListStored(tenant_id, filter, cursor, limit);
  }
  absl::StatusOr<std::vector<storage::ConnectionCount>> CountByConnector(std::string_view tenant_id) override {
    return inner_.CountByConnector(tenant_id);
  }
  absl::StatusOr<storage::ConnectionRecord> Update(std::string_view tenant_id, std::string_view id,
                                                   const storage::ConnectionUpdate& update) override {
    wrote_ = true;
    return inner_.Update(tenant_id, id, update);
  }
  absl::Status Delete(std::string_view tenant_id, std::string_view id) override {
    wrote_ = true;
    return inner_.Delete(tenant_id, id);
  }

 private:
  storage::ConnectionStore& inner_;
  bool& wrote_;
};

// A write transaction's session; every store but connections (and tenants, noted) passes through.
class WatchedSession final : public storage::Session {
 public:
  explicit WatchedSession(storage::Session& inner) : inner_(inner), connections_(inner.connections(), wrote) {}

  storage::TenantStore& tenants() override {
    wrote = true;  // a tenant deleted or changed takes its connections along
    return inner_.tenants();
  }
  storage::ApiKeyStore& api_keys() override { return inner_.api_keys(); }
  storage::ConnectorSettingsStore& connector_settings() override {
    wrote = true;  // what the connector catalog shows (catalog_state_cache.hpp)
    return inner_.connector_settings();
  }
  storage::ConnectionStore& connections() override { return connections_; }
  storage::TokenStore& tokens() override { return inner_.tokens(); }
  storage::OAuthStateStore& oauth_states() override { return inner_.oauth_states(); }
  storage::SyncStateStore& sync_states() override { return inner_.sync_states(); }
  storage::SyncScheduleStore& sync_schedules() override { return inner_.sync_schedules(); }
  storage::AuditLogStore& audit_logs() override { return inner_.audit_logs(); }
  storage::JobStore& jobs() override { return inner_.jobs(); }
  storage::RecordStore& records() override { return inner_.records(); }
  storage::WebhookStore& webhooks() override { return inner_.webhooks(); }
  storage::WebhookSubscriptionStore& webhook_subscriptions() override { return inner_.webhook_subscriptions(); }
  storage::WebhookDeliveryStore& webhook_deliveries() override { return inner_.webhook_deliveries(); }
  storage::StatsStore& stats() override { return inner_.stats(); }
  storage::EventStore& events() override { return inner_.events(); }
  absl::Status LockKey(std::string_view key) override { return inner_.LockKey(key); }

  bool wrote = false;

 private:
  storage::Session& inner_;
  WatchedConnections connections_;
};

class WatchedDatabase final : public storage::Database {
 public:
  WatchedDatabase(std::unique_ptr<storage::Database> inner, std::function<void()> on_write)
      : inner_(std::move(inner)), on_write_(std::move(on_write)) {}

  absl::Status Transact(storage::TxMode mode, absl::FunctionRef<absl::Status(storage::Session&)> fn) override {
    if (mode == storage::TxMode::kRead) return inner_->Transact(mode, fn);
    bool wrote = false;
    absl::Status status = inner_->Transact(mode, [&](storage::Session& s) {
      WatchedSession watched(s);
      absl::Status inner_status = fn(watched);
      wrote = wrote || watched.wrote;  // a retried transaction runs fn again
      return inner_status;
    });
    if (wrote) on_write_();
    return status;
  }
  absl::Status Ping() override { return inner_->Ping(); }
  std::string_view Engine() const override { return inner_->Engine(); }
  absl::StatusOr<int> SchemaVersion() override { return inner_->SchemaVersion(); }
  int LatestSchemaVersion() const override { return inner_->LatestSchemaVersion(); }
  absl::Status Migrate() override { return inner_->Migrate(); }
  absl::StatusOr<storage::RotationReport> RotateSecrets(int batch_size) override {
    return inner_->RotateSecrets(batch_size);
  }
  // The live-events wake-up is the inner database's (it sees the commits).
  void SetEventsHook(std::function<void(const std::vector<std::string>& tenants)> hook) override {
    inner_->SetEventsHook(std::move(hook));
  }

 private:
  std::unique_ptr<storage::Database> inner_;
  std::function<void()> on_write_;
};

}  // namespace

std::unique_ptr<storage::Database> WatchConnectionWrites(std::unique_ptr<storage::Database> inner,
                                                         std::function<void()> on_write) {
  return std::make_unique<WatchedDatabase>(std::move(inner), std::move(on_write));
}

}  // namespace ucf::connections
