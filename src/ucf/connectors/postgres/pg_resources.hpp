#pragma once
// The browser's results in the unified shapes (resources.hpp), for the PostgreSQL connector
// (postgres_connector.hpp; it replaces the item id with the unified <container>:<row> id):
//   container {id: "schema.table", label: "schema.table", type: kind,
//              meta: {schema, name, estimatedRows (null when unknown)}}
//   item      {id: row id, name: the row's "name" or "title" text column when it has one, else
//              the id, containerId, meta.key: row id, raw: {"values": {column: JSON},
//              "omitted": [columns left out by the byte cap]}}

#include <string_view>

#include "ucf/connectors/postgres/pg_browser.hpp"
#include "ucf/connectors/resources.hpp"

namespace ucf::connectors::postgres {

Container ToContainer(const PgContainer& container);
Item ToItem(const PgRow& row, std::string_view container_id);

}  // namespace ucf::connectors::postgres
