// Fernet tokens (crypto/fernet.hpp) on arbitrary input: CheckFormat, Decrypt with and without a
// TTL, ExtractTimestamp and FromKey must never crash; a forged token never opens (nothing but
// Encrypt can make a valid HMAC); and Encrypt/Decrypt round-trips any plaintext.

#include "fuzz/fuzz_input.hpp"
#include "ucf/crypto/fernet.hpp"

namespace {
const ucf::crypto::Fernet& Key() {
  static const auto* f =
      new ucf::crypto::Fernet(*ucf::crypto::Fernet::FromKey("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4="));
  return *f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto now = ucf::core::TimePoint(std::chrono::seconds(1'800'000'000));
  (void)ucf::crypto::Fernet::CheckFormat(text);
  (void)ucf::crypto::Fernet::FromKey(text);
  UCF_FUZZ_CHECK(!Key().Decrypt(text, now).ok());
  UCF_FUZZ_CHECK(!Key().Decrypt(text, now, std::chrono::seconds(60)).ok());
  UCF_FUZZ_CHECK(!Key().ExtractTimestamp(text).ok());

  std::string token = Key().Encrypt(text, now);
  UCF_FUZZ_CHECK(ucf::crypto::Fernet::CheckFormat(token).ok());
  auto opened = Key().Decrypt(token, now, std::chrono::seconds(60));
  UCF_FUZZ_CHECK(opened.ok() && *opened == text);
  if (size > 0 && !token.empty()) {  // one changed character never opens
    std::string tampered = token;
    std::size_t at = data[0] % tampered.size();
    tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
    auto t = Key().Decrypt(tampered, now);
    UCF_FUZZ_CHECK(!t.ok() || *t == text);  // base64 padding bits may decode to the same bytes
  }
  return 0;
}
