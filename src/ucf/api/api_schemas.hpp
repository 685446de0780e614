#pragma once
// The small reusable JSON Schema pieces the route table describes its routes with (routes.cpp,
// OperationDoc), and the named shapes every handler's JSON builder produces (connection_json,
// job_json, tenancy_json, connectors/resource_json, …). The OpenAPI document puts the named shapes
// under components/schemas; a route names one with Ref("Connection"). Objects list every
// property their builder writes: the conformance suite rejects a property a schema does not name
// (tests/openapi/validate_responses.mjs), so a new field must be documented here.

#include <initializer_list>
#include <string_view>
#include <vector>

#include "boost/json/object.hpp"
#include "boost/json/value.hpp"
#include "ucf/http/router/operation_doc.hpp"

namespace ucf::api::schema {

using boost::json::value;

value Str(std::string_view description = {});
value Int(std::string_view description = {});
value Bool(std::string_view description = {});
value Time();                 // an RFC 3339 timestamp
value Nullable(value s);      // s or null
value Arr(value items);
value Strs();                 // an array of strings
value Enum(std::initializer_list<std::string_view> values);
value Any(std::string_view description = {});         // any JSON value
value FreeObject(std::string_view description = {});  // an object of any properties
value Ref(std::string_view name);                     // #/components/schemas/<name>
value OneOf(std::initializer_list<value> alternatives);

// One property of an object: required unless made with Opt.
struct Prop {
  std::string_view name;
  value schema;
  bool required = true;
};
Prop Opt(std::string_view name, value schema);
value Obj(std::initializer_list<Prop> props);
// A copy of object schema `base` (a named piece's function, not a Ref) with more properties.
value With(value base, std::initializer_list<Prop> props);
// A listing page {items: [item], next: cursor|null}.
value Page(value item);

// Query parameters shared by many routes.
http::QueryParam Query(std::string name, value schema, std::string description);
http::QueryParam Cursor();  // the opaque `next` of the previous page
http::QueryParam Limit();   // 1..200, default 50
http::QueryParam Raw();     // true: add the provider's own object as `raw`

// Named shapes (also under components/schemas by these names).
value Connection();
value Job();
value ApiKey();
value ConnectorDescription();
value Connector();
value Subscription();
value ConnectorSettings();
value ConnectionStatus();
value Events();
value Revocation();  // a revoked connection and what the provider said
value Validation();  // a connection's credentials checked with the provider
value JsonRpc(std::string_view description);  // one JSON-RPC 2.0 message (MCP)

// Every named shape by name, for components/schemas.
boost::json::object Components();

}  // namespace ucf::api::schema
