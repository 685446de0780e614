#include "ucf/storage/postgres/migrations.hpp"

namespace ucf::storage::postgres {
namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE tenants (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT COLLATE "C" NOT NULL UNIQUE,
  key_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at, id);

CREATE TABLE connector_settings (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  connector_id TEXT COLLATE "C" NOT NULL,
  extra_details BOOLEAN NOT NULL DEFAULT false,
  oauth_client_id TEXT,
  oauth_client_secret TEXT,
  scopes JSONB NOT NULL DEFAULT '[]',
  extra JSONB NOT NULL DEFAULT '{}',
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, connector_id)
);

CREATE TABLE connections (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  connector_id TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  auth_method TEXT NOT NULL,
  status TEXT NOT NULL,
  config JSONB NOT NULL DEFAULT '{}',
  secret_config TEXT,
  metadata JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  last_validated_at TIMESTAMPTZ,
  UNIQUE (tenant_id, connector_id, name),
  UNIQUE (tenant_id, id)
);
CREATE INDEX connections_tenant_created ON connections (tenant_id, created_at, id);

CREATE TABLE tokens (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL,
  connection_id TEXT COLLATE "C" NOT NULL UNIQUE,
  access_token TEXT NOT NULL,
  refresh_token TEXT,
  token_type TEXT NOT NULL,
  scopes JSONB NOT NULL DEFAULT '[]',
  expires_at TIMESTAMPTZ,
  version BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  rotated_at TIMESTAMPTZ,
  FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX tokens_tenant_connection ON tokens (tenant_id, connection_id);
CREATE INDEX tokens_expires ON tokens (expires_at);

CREATE TABLE oauth_states (
  state_hash TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  connector_id TEXT COLLATE "C" NOT NULL,
  redirect_uri TEXT NOT NULL,
  scopes JSONB NOT NULL DEFAULT '[]',
  code_verifier TEXT NOT NULL,
  connection_name TEXT,
  extra JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX oauth_states_tenant ON oauth_states (tenant_id);
CREATE INDEX oauth_states_expires ON oauth_states (expires_at);

CREATE TABLE sync_states (
  tenant_id TEXT COLLATE "C" NOT NULL,
  connection_id TEXT COLLATE "C" NOT NULL,
  model TEXT COLLATE "C" NOT NULL DEFAULT '',
  cursor TEXT,
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, connection_id, model),
  FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE audit_logs (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL,
  actor TEXT COLLATE "C" NOT NULL,
  action TEXT COLLATE "C" NOT NULL,
  target_type TEXT COLLATE "C" NOT NULL,
  target_id TEXT COLLATE "C" NOT NULL,
  outcome TEXT NOT NULL,
  request_id TEXT,
  client_address TEXT,
  details JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_logs_tenant_time ON audit_logs (tenant_id, created_at, id);
CREATE INDEX audit_logs_action ON audit_logs (tenant_id, action, created_at, id);
CREATE INDEX audit_logs_target ON audit_logs (tenant_id, target_type, target_id, created_at, id);
CREATE INDEX audit_logs_actor ON audit_logs (tenant_id, actor, created_at, id);

CREATE TABLE jobs (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL,
  connection_id TEXT COLLATE "C" NOT NULL,
  type TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  progress INTEGER NOT NULL DEFAULT 0,
  params JSONB NOT NULL DEFAULT '{}',
  counts JSONB NOT NULL DEFAULT '{}',
  error TEXT,
  attempt INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_expires_at TIMESTAMPTZ,
  cancel_requested BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL,
  started_at TIMESTAMPTZ,
  finished_at TIMESTAMPTZ,
  updated_at TIMESTAMPTZ NOT NULL,
  FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX jobs_tenant_created ON jobs (tenant_id, created_at, id);
CREATE INDEX jobs_tenant_connection ON jobs (tenant_id, connection_id, created_at, id);
CREATE INDEX jobs_claim ON jobs (status, created_at, id);

CREATE TABLE records (
  tenant_id TEXT COLLATE "C" NOT NULL,
  connection_id TEXT COLLATE "C" NOT NULL,
  model TEXT COLLATE "C" NOT NULL,
  external_id TEXT COLLATE "C" NOT NULL,
  data JSONB NOT NULL,
  hash TEXT NOT NULL,
  updated_at TIMESTAMPTZ,
  seen_at TIMESTAMPTZ NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT false,
  seq BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, connection_id, model, external_id),
  FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX records_seq ON records (tenant_id, connection_id, seq);

CREATE TABLE webhooks (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL,
  connection_id TEXT COLLATE "C" NOT NULL,
  connector_id TEXT COLLATE "C" NOT NULL,
  provider_webhook_id TEXT NOT NULL,
  secret TEXT,
  events JSONB NOT NULL DEFAULT '[]',
  callback_url TEXT NOT NULL,
  expires_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhooks_tenant ON webhooks (tenant_id, connection_id, created_at, id);
CREATE INDEX webhooks_inbound ON webhooks (connection_id, connector_id);

CREATE TABLE webhook_subscriptions (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events JSONB NOT NULL DEFAULT '[]',
  active BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMPTZ NOT NULL,
  UNIQUE (tenant_id, id)
);
CREATE INDEX webhook_subscriptions_tenant ON webhook_subscriptions (tenant_id, created_at, id);

CREATE TABLE webhook_deliveries (
  id TEXT COLLATE "C" PRIMARY KEY,
  tenant_id TEXT COLLATE "C" NOT NULL,
  subscription_id TEXT COLLATE "C" NOT NULL,
  event TEXT NOT NULL,
  payload JSONB NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ,
  last_error TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  FOREIGN KEY (tenant_id, subscription_id)
    REFERENCES webhook_subscriptions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_tenant ON webhook_deliveries (tenant_id, created_at, id);
CREATE INDEX webhook_deliveries_subscription
  ON webhook_deliveries (tenant_id, subscription_id, created_at, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
)sql";

// The connector catalog counts connections per (connector, status) on every request.
constexpr std::string_view kConnectionCountsIndex = R"sql(
CREATE INDEX connections_tenant_connector_status ON connections (tenant_id, connector_id, status);
)sql";

// Migration 3 (issue 9, hole 4): the token refresh lease. The instance refreshing a connection's
// token holds it (owner, until) while it calls the provider outside any transaction; replacing the
// token clears it.
constexpr std::string_view kTokenRefreshLease = R"sql(
ALTER TABLE tokens ADD COLUMN refresh_lease_owner TEXT COLLATE "C";
ALTER TABLE tokens ADD COLUMN refresh_lease_until TIMESTAMPTZ;
)sql";


// Issue 9, fairness between tenants. Jobs: claims pick the tenant with the fewest running jobs,
// then the one served least recently (both looked up per tenant); at most one queued or running
// job per connection and model (older duplicates are kept, later ones canceled). Webhooks: a
// keep-alive failure backs off per webhook (next_attempt_at, failures).
constexpr std::string_view kTenantFairness = R"sql(
CREATE INDEX jobs_tenant_status ON jobs (tenant_id, status, lease_expires_at);
CREATE INDEX jobs_tenant_started ON jobs (tenant_id, started_at);
UPDATE jobs SET status = 'canceled', finished_at = updated_at, lease_owner = NULL, lease_expires_at = NULL
WHERE status IN ('queued', 'running') AND (params->>'model') IS NOT NULL AND EXISTS (
  SELECT 1 FROM jobs o
  WHERE o.tenant_id = jobs.tenant_id AND o.connection_id = jobs.connection_id
    AND o.status IN ('queued', 'running')
    AND (o.params->>'model') = (jobs.params->>'model')
    AND (o.created_at < jobs.created_at OR (o.created_at = jobs.created_at AND o.id < jobs.id)));
CREATE UNIQUE INDEX jobs_one_active ON jobs (tenant_id, connection_id, (params->>'model'))
  WHERE status IN ('queued', 'running');
ALTER TABLE webhooks ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE webhooks ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
CREATE INDEX webhooks_due ON webhooks (expires_at, next_attempt_at);
)sql";

// Read-only API keys (MCP write tools disabled for them).
constexpr const char* kReadOnlyKeys = R"sql(
ALTER TABLE api_keys ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT false;
)sql";

// Issue 12, sync schedules: one per (connection, model), claimed when due (SKIP LOCKED on
// PostgreSQL) so that a fire happens once across instances.
constexpr std::string_view kSyncSchedules = R"sql(
CREATE TABLE sync_schedules (
  tenant_id TEXT COLLATE "C" NOT NULL,
  connection_id TEXT COLLATE "C" NOT NULL,
  model TEXT COLLATE "C" NOT NULL,
  every_seconds BIGINT NOT NULL,
  full_every BIGINT NOT NULL DEFAULT 0,
  runs BIGINT NOT NULL DEFAULT 0,
  next_fire_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, connection_id, model),
  FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_schedules_due ON sync_schedules (next_fire_at);
)sql";

// Migration 7 (issue 15): leader-free background work and retention. background_runs holds, per
// periodic task, when it is next due; an instance runs the task only after moving that time
// forward in one statement (storage/maintenance_store.hpp), so a fleet runs it once. The indexes
// let retention find the oldest rows without scanning.
constexpr std::string_view kFleetMaintenance = R"sql(
CREATE TABLE background_runs (
  task TEXT COLLATE "C" PRIMARY KEY,
  next_run_at TIMESTAMPTZ NOT NULL,
  last_owner TEXT,
  last_run_at TIMESTAMPTZ
);
CREATE INDEX audit_logs_created ON audit_logs (created_at);
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);
CREATE INDEX records_deleted_seen ON records (seen_at) WHERE deleted;
)sql";

// Migration 8 (issue 12, live events across a fleet): every tenant's job and connection events,
// written in the transaction of the change they report. event_streams holds each tenant's last id:
// appending locks that row until commit, so a tenant's ids commit in order with no gap, and it
// keeps counting when retention deletes old events (a Last-Event-ID never points backwards).
constexpr std::string_view kLiveEvents = R"sql(
CREATE TABLE event_streams (
  tenant_id TEXT COLLATE "C" PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  last_id BIGINT NOT NULL
);
CREATE TABLE events (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id BIGINT NOT NULL,
  type TEXT NOT NULL,
  job_id TEXT COLLATE "C" NOT NULL DEFAULT '',
  data JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_created ON events (created_at);
)sql";

// Migration 9 (issue 12, sync throughput): the change-feed index becomes partial (every seq is ≥ 1),
// so only statements that say `seq >= 0` (the feed, the last seq: sql_record_store.cpp) can use it.
// Before, a page's primary-key lookups of a connection whose rows the planner under-estimated (no
// statistics yet: a first sync) were answered through this smaller index on (tenant, connection)
// and a filter over every record of the connection — a first sync of 100,000 records took 60 s.
constexpr std::string_view kRecordsFeedIndexPartial = R"sql(
DROP INDEX records_seq;
CREATE INDEX records_seq ON records (tenant_id, connection_id, seq) WHERE seq >= 0;
)sql";

constexpr sql::Migration kMigrations[] = {
    {1, "initial schema", kInitialSchema},
    {2, "connection counts index", kConnectionCountsIndex},
    {3, "token refresh lease", kTokenRefreshLease},
    {4, "tenant fairness: job claims, one active job per model, webhook backoff", kTenantFairness},
    {5, "read-only API keys", kReadOnlyKeys},
    {6, "sync schedules", kSyncSchedules},
    {7, "fleet: background run claims, retention indexes", kFleetMaintenance},
    {8, "live events shared by the fleet", kLiveEvents},
    {9, "records: the change-feed index only for feed reads", kRecordsFeedIndexPartial},
};

}  // namespace

absl::Span<const sql::Migration> PostgresMigrations() { return kMigrations; }

}  // namespace ucf::storage::postgres
