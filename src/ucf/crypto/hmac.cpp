#include "ucf/crypto/hmac.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace ucf::crypto {
namespace {

// Fetched once for the process; OpenSSL keeps fetched algorithms valid until they are freed.
EVP_MAC* HmacAlgorithm() {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

using MacCtx = std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)>;

MacCtx NewKeyedContext(std::string_view key) {
  MacCtx ctx(HmacAlgorithm() == nullptr ? nullptr : EVP_MAC_CTX_new(HmacAlgorithm()),
             &EVP_MAC_CTX_free);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  if (ctx == nullptr ||
      EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                   params) != 1) {
    throw std::runtime_error("HMAC-SHA256 key setup failed in OpenSSL");
  }
  return ctx;
}

void Finish(EVP_MAC_CTX* ctx, std::string_view data, unsigned char* out) {
  std::size_t len = 0;
  if (EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
      EVP_MAC_final(ctx, out, &len, 32) != 1 || len != 32) {
    throw std::runtime_error("HMAC-SHA256 failed in OpenSSL");
  }
}

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string mac(32, '\0');
  Finish(NewKeyedContext(key).get(), data, reinterpret_cast<unsigned char*>(mac.data()));
  return mac;
}

struct HmacSha256Key::Prepared {
  MacCtx keyed{nullptr, &EVP_MAC_CTX_free};
};

HmacSha256Key::HmacSha256Key(std::string_view key) {
  auto prepared = std::make_shared<Prepared>();
  prepared->keyed = NewKeyedContext(key);
  prepared_ = std::move(prepared);
}

HmacSha256Key::Mac HmacSha256Key::Sign(std::string_view data) const {
  // Each message works on a copy of the keyed context, so concurrent signers share nothing mutable.
  MacCtx ctx(EVP_MAC_CTX_dup(prepared_->keyed.get()), &EVP_MAC_CTX_free);
  if (ctx == nullptr) throw std::runtime_error("HMAC-SHA256 context copy failed in OpenSSL");
  Mac mac;
  Finish(ctx.get(), data, mac.data());
  return mac;
}

std::string Sha256(std::string_view data) {
  // The algorithm fetched once and one context per thread, reset per call: the one-shot SHA256()
  // fetches the algorithm (under a lock) and allocates a context on every call, which cost more
  // than hashing a synced record itself (bench/RESULTS.md, "Sync: analysis").
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                                      &EVP_MD_CTX_free);
  std::string digest(32, '\0');
  unsigned int size = 0;
  if (algorithm == nullptr || context == nullptr || EVP_DigestInit_ex2(context.get(), algorithm, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), reinterpret_cast<unsigned char*>(digest.data()), &size) != 1 || size != 32) {
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  }
  return digest;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ucf::crypto
