#pragma once
// Identifiers and random tokens from the OS CSPRNG (OpenSSL RAND_bytes).

#include <cstddef>
#include <string>
#include <string_view>

namespace ucf::core {

// A random RFC 4122 version-4 UUID in lowercase canonical form.
std::string NewUuid();

// `bytes` random bytes, URL-safe base64 without padding.
std::string RandomToken(std::size_t bytes);

// A random version-4 UUID from a per-thread PRNG seeded from the CSPRNG: unique and cheap, but
// predictable to an observer of many ids — for request ids only, never for anything secret.
std::string NewRequestId();

// A prefixed random id such as "con_3f9c…" (prefix + '_' + 24 hex chars).
std::string NewId(std::string_view prefix);

}  // namespace ucf::core
