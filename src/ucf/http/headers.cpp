#include "ucf/http/headers.hpp"

#include "ucf/core/strings.hpp"

#include <algorithm>


namespace ucf::http {

std::optional<std::string_view> Headers::Get(std::string_view name) const {
  for (const Field& f : fields_) {
    if (core::EqualsIgnoreCase(f.first, name)) return f.second;
  }
  return std::nullopt;
}

void Headers::Set(std::string_view name, std::string_view value) {
  Remove(name);
  Add(name, value);
}

void Headers::Add(std::string_view name, std::string_view value) {
  fields_.emplace_back(std::string(name), std::string(value));
}

void Headers::Remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return core::EqualsIgnoreCase(f.first, name); });
}

}  // namespace ucf::http
