#pragma once
// `ucf openapi [--out FILE]`: write the OpenAPI document the server serves at /openapi.json (built
// from the route table with the same configuration flags as `ucf serve`) to FILE, or to stdout.
// docs/openapi.json is this output with the default configuration; a test fails when they differ.

#include "CLI/CLI.hpp"

namespace ucf::cli {

void RegisterOpenApiCommand(CLI::App& app);

}  // namespace ucf::cli
