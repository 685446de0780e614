#pragma once
// The statements with which SqlRecordStore::UpsertBatch finds the connection's last seq and reads
// and touches a page's stored records (sql_record_store.cpp). They are here, not in the .cpp, so that a contract test
// can check their plans (RecordsPagesProbeThePrimaryKeyOnPostgres).
//
// Both take the page's ids as one JSON array of strings and probe the primary key once per id,
// whatever the planner believes about the table: a LATERAL subquery with LIMIT is never flattened
// into a join, and the only other index on (tenant_id, connection_id) — records_seq — is partial
// (`WHERE seq >= 0`, migration 9), so statements that do not say `seq >= 0` cannot use it. With
// `external_id IN (…)` and no statistics yet (a connection's first sync), PostgreSQL answered each
// page by a scan of every record of the connection: O(N²) for a first sync of N records.

namespace ucf::storage::sql {

// $1 tenant, $2 connection, $3 model, $4 ids → (external_id, hash, deleted) of those stored.
inline constexpr const char* kPgStoredHashes =
    "SELECT r.external_id, r.hash, r.deleted FROM jsonb_array_elements_text($4) AS ids(id), "
    "LATERAL (SELECT external_id, hash, deleted FROM records WHERE tenant_id = $1 AND connection_id = $2 "
    "AND model = $3 AND external_id = ids.id LIMIT 1) r";

// $1 tenant, $2 connection, $3 model, $4 seen_at, $5 ids: moves seen_at of those stored. The rows
// are found by the same probes and updated by ctid, stable here: the connection's records lock
// (SqlRecordStore::BeginChanges) is held until the transaction ends.
inline constexpr const char* kPgTouchSeen =
    "UPDATE records SET seen_at = $4 WHERE ctid = ANY(ARRAY(SELECT r.ctid FROM "
    "jsonb_array_elements_text($5) AS ids(id), LATERAL (SELECT ctid FROM records WHERE tenant_id = $1 "
    "AND connection_id = $2 AND model = $3 AND external_id = ids.id LIMIT 1) r))";

// Both engines. $1 tenant, $2 connection → the connection's newest seq (no row: none yet): the
// newest entry of records_seq, read backwards. Not MAX(seq): without statistics PostgreSQL
// aggregates over every record of the connection instead (measured: 65 ms per page at 50,000).
inline constexpr const char* kLastSeq =
    "SELECT seq FROM records WHERE tenant_id = $1 AND connection_id = $2 AND seq >= 0 "
    "ORDER BY seq DESC LIMIT 1";

}  // namespace ucf::storage::sql
