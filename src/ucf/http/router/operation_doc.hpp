#pragma once
// What the OpenAPI document says about one route beyond its method, path and access class: the
// JSON Schema of its request body, its query parameters, the schema of the `data` of its success
// envelope, and the error statuses it can answer beyond those its access class, execution mode,
// body and path parameters already imply (api/openapi.cpp derives those). Schemas are plain JSON
// Schema 2020-12 values; `{"$ref": "#/components/schemas/X"}` names a shared piece
// (api/api_schemas.hpp). Data only: nothing here affects how a request is served.

#include <string>
#include <vector>

#include "boost/json/value.hpp"

namespace ucf::http {

struct QueryParam {
  std::string name;
  boost::json::value schema;
  std::string description;
  bool required = false;
};

struct OperationDoc {
  boost::json::value request = nullptr;   // schema of the JSON body; null = the route takes none
  bool request_optional = false;          // an empty body is accepted too
  std::string request_media_type;         // "" = application/json
  std::vector<QueryParam> query;
  boost::json::value response = nullptr;  // schema of the success envelope's `data`; null = no envelope
  int status = 200;                       // status of a success
  std::string media_type;                 // a success that is no envelope: its media type (and
                                          // `response`, if set, the schema of the whole body)
  std::string stream_type;                // offered next to the envelope (text/event-stream)
  std::vector<int> statuses;              // further statuses: < 400 redirects, >= 400 error envelopes
};

}  // namespace ucf::http
