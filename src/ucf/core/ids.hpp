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

// A prefixed id such as "con_0193f0c2a1b4e59c1d07a2f3" (prefix + '_' + 24 hex chars): 48 bits of
// Unix milliseconds then 48 random bits, like a ULID. Ids made by one process sort (as strings, within
// one prefix) in the order they were made, even within one millisecond or when the wall clock steps
// back, so "newest first" lists have a total, stable order. Not secret: never use one as a credential.
std::string NewId(std::string_view prefix);

}  // namespace ucf::core
