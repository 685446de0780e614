// Google Benchmark of the per-row hot paths of listing stored data: opening a Fernet-sealed secret,
// base64url, RFC 3339 formatting. Each has a baseline in the same binary: the straightforward
// OpenSSL one-shot / fmt way (what ucf did before), so one run compares the two on one machine.
//
//   build/bench/crypto_bench      (bench/micro_bench.sh records it in bench/RESULTS.md)

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <chrono>
#include <ctime>
#include <string>

#include "ucf/core/clock.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/crypto/base64url.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/crypto/key_ring.hpp"

namespace {

using ucf::crypto::Base64UrlDecode;

const std::string kKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
// A connection's secret config as ucf stores it: a small JSON object.
const std::string kSecret = R"({"apiKey":"ATATT3xFfGF0-example-api-token-0123456789abcdef","email":"ops@acme.test"})";

const ucf::crypto::Fernet& Key() {
  static const ucf::crypto::Fernet key = ucf::crypto::Fernet::FromKey(kKey).value();
  return key;
}

const std::string& Token() {
  static const std::string token = Key().Encrypt(kSecret, std::chrono::system_clock::now());
  return token;
}

void BM_FernetDecrypt(benchmark::State& state) {
  const auto now = std::chrono::system_clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(Key().Decrypt(Token(), now));
}
BENCHMARK(BM_FernetDecrypt);

void BM_KeyRingDecrypt(benchmark::State& state) {
  ucf::core::SystemClock clock;
  auto ring = ucf::crypto::KeyRing::FromList(kKey, clock).value();
  for (auto _ : state) benchmark::DoNotOptimize(ring->Decrypt(Token()));
}
BENCHMARK(BM_KeyRingDecrypt);

// Baseline: the spec done with OpenSSL's one-shot calls, which look the algorithms up every time.
std::string BaselineDecrypt(std::string_view token) {
  std::string raw = *Base64UrlDecode(token);
  std::string key = *Base64UrlDecode(kKey);
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  std::array<unsigned char, 32> mac;
  std::size_t mac_len = 0;
  EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), 16, bytes, raw.size() - 32,
            mac.data(), mac.size(), &mac_len);
  if (CRYPTO_memcmp(mac.data(), bytes + raw.size() - 32, 32) != 0) return {};
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex2(ctx, EVP_aes_128_cbc(),
                      reinterpret_cast<const unsigned char*>(key.data()) + 16, bytes + 9, nullptr);
  std::string out(raw.size(), '\0');
  int len = 0, final_len = 0;
  EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(out.data()), &len, bytes + 25,
                    static_cast<int>(raw.size() - 25 - 32));
  EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(out.data()) + len, &final_len);
  EVP_CIPHER_CTX_free(ctx);
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

void BM_FernetDecrypt_Baseline(benchmark::State& state) {
  if (BaselineDecrypt(Token()) != kSecret) state.SkipWithError("baseline does not decrypt");
  for (auto _ : state) benchmark::DoNotOptimize(BaselineDecrypt(Token()));
}
BENCHMARK(BM_FernetDecrypt_Baseline);

void BM_FernetEncrypt(benchmark::State& state) {
  const auto now = std::chrono::system_clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(Key().Encrypt(kSecret, now));
}
BENCHMARK(BM_FernetEncrypt);

void BM_Base64UrlDecode(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Base64UrlDecode(Token()));
}
BENCHMARK(BM_Base64UrlDecode);

// Baseline: OpenSSL's decoder (standard alphabet, so the URL-safe characters are mapped first).
void BM_Base64UrlDecode_Baseline(benchmark::State& state) {
  for (auto _ : state) {
    std::string text = Token();
    for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
    std::string out(text.size() / 4 * 3, '\0');
    benchmark::DoNotOptimize(EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                             reinterpret_cast<const unsigned char*>(text.data()),
                                             static_cast<int>(text.size())));
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_Base64UrlDecode_Baseline);

void BM_FormatRfc3339(benchmark::State& state) {
  auto t = std::chrono::system_clock::now();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ucf::core::FormatRfc3339(t));
    t += std::chrono::milliseconds(1);
  }
}
BENCHMARK(BM_FormatRfc3339);

// Baseline: gmtime_r + fmt::format.
void BM_FormatRfc3339_Baseline(benchmark::State& state) {
  auto t = std::chrono::system_clock::now();
  for (auto _ : state) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    time_t secs = static_cast<time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    benchmark::DoNotOptimize(fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                                         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                                         tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000)));
    t += std::chrono::milliseconds(1);
  }
}
BENCHMARK(BM_FormatRfc3339_Baseline);

}  // namespace

BENCHMARK_MAIN();
