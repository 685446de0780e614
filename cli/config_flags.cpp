#include "config_flags.hpp"

#include "ucf/config/loader.hpp"

namespace ucf::cli {
namespace {

void AddVarFlag(CLI::App& app, CommonFlags& flags, const std::string& flag,
                const std::string& var, const std::string& help) {
  app.add_option_function<std::string>(
      flag, [&flags, var](const std::string& v) { flags.values[var] = v; }, help + " (" + var + ")");
}

}  // namespace

void AddCommonFlags(CLI::App& app, CommonFlags& flags) {
  app.add_option("--env-file", flags.env_file, "Read variables from this .env file")
      ->capture_default_str();
  AddVarFlag(app, flags, "--data-dir", "UCF_DATA_DIR", "Data directory");
  AddVarFlag(app, flags, "--database-url", "DATABASE_URL", "postgresql:// URL; empty = SQLite");
  AddVarFlag(app, flags, "--log-level", "LOG_LEVEL", "debug|info|warning|error");
  AddVarFlag(app, flags, "--log-json", "LOG_JSON", "true for JSON log lines");
  AddVarFlag(app, flags, "--host", "UCF_HOST", "Listen address");
  AddVarFlag(app, flags, "--port", "UCF_PORT", "Listen port, 0 = any free port");
}

absl::StatusOr<config::Config> LoadFromFlags(const CommonFlags& flags) {
  config::EnvSource source;
  source.flags = flags.values;
  source.environment = config::ProcessEnvironment();
  auto dotenv = config::ReadDotenv(flags.env_file);
  if (!dotenv.ok()) return dotenv.status();
  source.dotenv = std::move(*dotenv);
  return config::LoadConfig(source);
}

}  // namespace ucf::cli
