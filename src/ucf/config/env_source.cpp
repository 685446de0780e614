#include "ucf/config/env_source.hpp"

#include "ucf/core/strings.hpp"

#include <fstream>


extern char** environ;

namespace ucf::config {

std::optional<std::string> EnvSource::Get(std::string_view name) const {
  for (const VarMap* layer : {&flags, &environment, &dotenv}) {
    auto it = layer->find(name);
    if (it != layer->end()) return it->second;
  }
  return std::nullopt;
}

absl::StatusOr<VarMap> ReadDotenv(const std::filesystem::path& path) {
  VarMap out;
  std::ifstream in(path);
  if (!in) return out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view text = core::Trim(line);
    if (text.empty() || text.front() == '#') continue;
    if (core::StartsWith(text, "export ")) text = core::Trim(text.substr(7));
    size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return absl::InvalidArgumentError(
          core::StrCat(path.string(), ":", number, ": expected KEY=VALUE"));
    }
    std::string_view key = core::Trim(text.substr(0, eq));
    std::string_view value = core::Trim(text.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (size_t hash = value.find(" #"); hash != std::string_view::npos) {
      value = core::Trim(value.substr(0, hash));
    }
    out[std::string(key)] = std::string(value);
  }
  return out;
}

VarMap ProcessEnvironment() {
  VarMap out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    out[std::string(entry.substr(0, eq))] = std::string(entry.substr(eq + 1));
  }
  return out;
}

}  // namespace ucf::config
