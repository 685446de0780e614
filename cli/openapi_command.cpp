#include "openapi_command.hpp"

#include <fstream>
#include <iostream>
#include <memory>

#include "config_flags.hpp"
#include "ucf/api/openapi.hpp"
#include "ucf/api/routes.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::cli {
namespace {

// Exit codes: 0 written, 1 the file could not be written, 2 bad configuration.
int WriteOpenApi(const CommonFlags& flags, const std::string& out) {
  auto config = LoadFromFlags(flags);
  if (!config.ok()) {
    std::cerr << "ucf: configuration error: " << config.status().message() << "\n";
    return 2;
  }
  // The route table only: no handler is called, so no service behind it is needed.
  observability::MetricsRegistry metrics;
  api::ApiDeps deps{.config = &*config, .metrics = &metrics};
  std::string text = api::OpenApiFileText(api::BuildOpenApi(*config, api::BuildRoutes(deps)));
  if (out.empty() || out == "-") {
    std::cout << text;
    return 0;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    std::cerr << "ucf: cannot write " << out << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void RegisterOpenApiCommand(CLI::App& app) {
  auto flags = std::make_shared<CommonFlags>();
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("openapi", "Write the OpenAPI 3.1 document of the API (as /openapi.json)");
  AddCommonFlags(*cmd, *flags);
  cmd->add_option("-o,--out", *out, "Output file (default: stdout)");
  cmd->callback([flags, out] { throw CLI::RuntimeError(WriteOpenApi(*flags, *out)); });
}

}  // namespace ucf::cli
