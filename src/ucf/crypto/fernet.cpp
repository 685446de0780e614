#include "ucf/crypto/fernet.hpp"

#include "ucf/core/strings.hpp"
#include "ucf/crypto/hmac.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <memory>
#include <utility>

#include "ucf/core/status_macros.hpp"
#include "ucf/crypto/base64url.hpp"

namespace ucf::crypto {
namespace {

constexpr std::uint8_t kVersion = 0x80;
constexpr std::size_t kTimestampSize = 8;
constexpr std::size_t kIvSize = 16;
constexpr std::size_t kBlockSize = 16;
constexpr std::size_t kHmacSize = 32;
constexpr std::size_t kHeaderSize = 1 + kTimestampSize + kIvSize;
// An empty plaintext still pads to one block.
constexpr std::size_t kMinTokenSize = kHeaderSize + kBlockSize + kHmacSize;
// EVP_*Update take int lengths; larger inputs go through in chunks of this size.
constexpr std::size_t kMaxChunk = std::size_t{1} << 30;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// The OpenSSL calls guarded by this fail only without memory or entropy; nothing sensible can go on
// (the same policy as core::ids).
void Require(bool ok) {
  if (!ok) std::abort();
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

absl::Status Invalid(std::string_view why) {
  return absl::InvalidArgumentError(std::string("Fernet token ") + std::string(why));
}

std::uint64_t UnixSeconds(core::TimePoint t) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch());
  return static_cast<std::uint64_t>(std::max<std::int64_t>(0, seconds.count()));
}

std::uint64_t ReadTimestamp(std::string_view raw) {
  std::uint64_t ts = 0;
  for (std::size_t i = 1; i <= kTimestampSize; ++i) ts = (ts << 8) | Bytes(raw)[i];
  return ts;
}

// AES-128-CBC, fetched once for the process rather than implicitly on every EVP_*Init.
const EVP_CIPHER* Aes128Cbc() {
  static EVP_CIPHER* const cipher = EVP_CIPHER_fetch(nullptr, "AES-128-CBC", nullptr);
  Require(cipher != nullptr);
  return cipher;
}

// Base64, version and length checks: everything that needs no key.
absl::StatusOr<std::string> DecodeLayout(std::string_view token) {
  std::optional<std::string> raw = Base64UrlDecode(token);
  if (!raw.has_value()) return Invalid("is not URL-safe base64");
  if (raw->empty() || static_cast<std::uint8_t>((*raw)[0]) != kVersion) {
    return Invalid("has an unknown version");
  }
  if (raw->size() < kMinTokenSize) return Invalid("is too short");
  if ((raw->size() - kHeaderSize - kHmacSize) % kBlockSize != 0) {
    return Invalid("ciphertext is not a whole number of AES blocks");
  }
  return std::move(*raw);
}

absl::Status CheckAge(std::uint64_t timestamp, core::TimePoint now, std::chrono::seconds ttl) {
  // 128-bit arithmetic: the timestamp is attacker-chosen and may be near 2^64.
  const __int128 ts = timestamp;
  const __int128 now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (ts + ttl.count() < now_s) return Invalid("has expired");
  if (now_s + Fernet::kMaxClockSkew.count() < ts) {
    return Invalid("timestamp is too far in the future");
  }
  return absl::OkStatus();
}

// Runs EVP_{Encrypt,Decrypt}Update over `in` in int-sized chunks; returns the bytes written.
template <typename Update>
std::size_t UpdateChunked(EVP_CIPHER_CTX* ctx, Update update, std::string_view in,
                          unsigned char* out) {
  std::size_t written = 0;
  for (std::size_t off = 0; off < in.size(); off += kMaxChunk) {
    const std::size_t n = std::min(kMaxChunk, in.size() - off);
    int len = 0;
    Require(update(ctx, out + written, &len, Bytes(in) + off, static_cast<int>(n)) == 1);
    written += static_cast<std::size_t>(len);
  }
  return written;
}

}  // namespace

absl::StatusOr<Fernet> Fernet::FromKey(std::string_view key_b64) {
  std::optional<std::string> raw = Base64UrlDecode(key_b64);
  if (!raw.has_value() || raw->size() != 2 * sizeof(Key)) {
    if (raw.has_value()) OPENSSL_cleanse(raw->data(), raw->size());
    return absl::InvalidArgumentError("not a valid Fernet key (32 bytes, URL-safe base64)");
  }
  Key signing, encryption;
  std::copy_n(Bytes(*raw), signing.size(), signing.begin());
  std::copy_n(Bytes(*raw) + signing.size(), encryption.size(), encryption.begin());
  OPENSSL_cleanse(raw->data(), raw->size());
  Fernet fernet(signing, encryption);
  OPENSSL_cleanse(signing.data(), signing.size());
  OPENSSL_cleanse(encryption.data(), encryption.size());
  return fernet;
}

std::string Fernet::GenerateKey() {
  std::array<unsigned char, 32> raw;
  Require(RAND_bytes(raw.data(), static_cast<int>(raw.size())) == 1);
  std::string key =
      Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
  OPENSSL_cleanse(raw.data(), raw.size());
  return key;
}

absl::Status Fernet::CheckFormat(std::string_view token) { return DecodeLayout(token).status(); }

Fernet::~Fernet() {
  OPENSSL_cleanse(signing_key_.data(), signing_key_.size());
  OPENSSL_cleanse(encryption_key_.data(), encryption_key_.size());
}

std::string Fernet::Encrypt(std::string_view plaintext, core::TimePoint now) const {
  Iv iv;
  Require(RAND_bytes(iv.data(), static_cast<int>(iv.size())) == 1);
  return Encrypt(plaintext, now, iv);
}

std::string Fernet::Encrypt(std::string_view plaintext, core::TimePoint now, const Iv& iv) const {
  std::string token;
  token.reserve(kHeaderSize + plaintext.size() + kBlockSize + kHmacSize);
  token.push_back(static_cast<char>(kVersion));
  const std::uint64_t ts = UnixSeconds(now);
  for (int shift = 56; shift >= 0; shift -= 8) token.push_back(static_cast<char>(ts >> shift));
  token.append(reinterpret_cast<const char*>(iv.data()), iv.size());

  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  Require(ctx != nullptr);
  Require(EVP_EncryptInit_ex2(ctx.get(), Aes128Cbc(), encryption_key_.data(), iv.data(),
                              nullptr) == 1);
  token.resize(kHeaderSize + plaintext.size() + kBlockSize);
  auto* out = reinterpret_cast<unsigned char*>(token.data()) + kHeaderSize;
  std::size_t written = UpdateChunked(ctx.get(), &EVP_EncryptUpdate, plaintext, out);
  int final_len = 0;
  Require(EVP_EncryptFinal_ex(ctx.get(), out + written, &final_len) == 1);
  token.resize(kHeaderSize + written + static_cast<std::size_t>(final_len));

  const HmacSha256Key::Mac mac = signer_.Sign(token);
  token.append(reinterpret_cast<const char*>(mac.data()), mac.size());
  return Base64UrlEncode(token);
}

absl::StatusOr<std::string> Fernet::DecodeAndVerify(std::string_view token, core::TimePoint now,
                                                    std::optional<std::chrono::seconds> ttl) const {
  UCF_ASSIGN_OR_RETURN(std::string raw, DecodeLayout(token));
  if (ttl.has_value()) UCF_RETURN_IF_ERROR(CheckAge(ReadTimestamp(raw), now, *ttl));
  const std::string_view signed_part = std::string_view(raw).substr(0, raw.size() - kHmacSize);
  const HmacSha256Key::Mac expected = signer_.Sign(signed_part);
  if (CRYPTO_memcmp(expected.data(), Bytes(raw) + signed_part.size(), kHmacSize) != 0) {
    return Invalid("signature does not match the key");
  }
  return raw;
}

absl::StatusOr<std::string> Fernet::Decrypt(std::string_view token, core::TimePoint now,
                                            std::optional<std::chrono::seconds> ttl) const {
  UCF_ASSIGN_OR_RETURN(const std::string raw, DecodeAndVerify(token, now, ttl));
  const std::string_view ciphertext =
      std::string_view(raw).substr(kHeaderSize, raw.size() - kHeaderSize - kHmacSize);

  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  Require(ctx != nullptr);
  Require(EVP_DecryptInit_ex2(ctx.get(), Aes128Cbc(), encryption_key_.data(),
                              Bytes(raw) + 1 + kTimestampSize, nullptr) == 1);
  std::string plaintext(ciphertext.size() + kBlockSize, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
  std::size_t written = UpdateChunked(ctx.get(), &EVP_DecryptUpdate, ciphertext, out);
  int final_len = 0;
  // Reached only with a valid HMAC, so a padding failure here reveals nothing to a forger.
  if (EVP_DecryptFinal_ex(ctx.get(), out + written, &final_len) != 1) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return Invalid("padding is invalid");
  }
  plaintext.resize(written + static_cast<std::size_t>(final_len));
  return plaintext;
}

absl::StatusOr<core::TimePoint> Fernet::ExtractTimestamp(std::string_view token) const {
  UCF_ASSIGN_OR_RETURN(const std::string raw, DecodeAndVerify(token, core::TimePoint{}, {}));
  const std::uint64_t ts = ReadTimestamp(raw);
  constexpr auto kMaxSeconds =
      std::chrono::duration_cast<std::chrono::seconds>(core::TimePoint::duration::max()).count();
  if (ts > static_cast<std::uint64_t>(kMaxSeconds)) {
    return Invalid("timestamp is beyond the representable range");
  }
  return core::TimePoint(std::chrono::seconds(static_cast<std::int64_t>(ts)));
}

std::string Fernet::DeriveKey(std::string_view label) const {
  std::string key(reinterpret_cast<const char*>(signing_key_.data()), signing_key_.size());
  key.append(reinterpret_cast<const char*>(encryption_key_.data()), encryption_key_.size());
  return HmacSha256(key, core::StrCat("ucf-derived-key:", label));
}

}  // namespace ucf::crypto
