#include "ucf/connectors/postgres/pg_resources.hpp"

#include "boost/json/array.hpp"

namespace ucf::connectors::postgres {

Container ToContainer(const PgContainer& container) {
  Container out;
  out.id = container.id;
  out.label = container.id;
  out.type = container.kind;
  out.meta["schema"] = container.relation.schema;
  out.meta["name"] = container.relation.name;
  if (container.estimated_rows) {
    out.meta["estimatedRows"] = *container.estimated_rows;
  } else {
    out.meta["estimatedRows"] = nullptr;
  }
  out.raw = out.meta;
  return out;
}

Item ToItem(const PgRow& row, std::string_view container_id) {
  Item out;
  out.id = row.id;
  out.name = row.id;
  for (const char* column : {"name", "title"}) {
    if (const boost::json::value* v = row.values.if_contains(column); v != nullptr && v->is_string()) {
      out.name = std::string(v->get_string());
      break;
    }
  }
  out.container_id = std::string(container_id);
  if (!row.id.empty()) out.meta.key = row.id;
  boost::json::array omitted;
  for (const std::string& column : row.omitted) omitted.emplace_back(column);
  out.raw = boost::json::object{{"values", row.values}, {"omitted", std::move(omitted)}};
  return out;
}

}  // namespace ucf::connectors::postgres
