// Signed cursors (connectors/cursor_codec.hpp): Decode on arbitrary text never crashes and never
// accepts what Encode did not make; Encode/Decode round-trips any provider cursor and binding, and
// a cursor bound to one connection, kind or scope is refused for another.

#include "fuzz/fuzz_input.hpp"
#include "ucf/connectors/cursor_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ucf::connectors::CursorCodec codec({std::string(32, 'k'), std::string(32, 'o')});
  ucf::fuzz::Input in(data, size);
  std::string_view connection = in.Part(), kind = in.Part(), scope = in.Part(), provider = in.Rest();
  ucf::connectors::CursorBinding binding{connection, kind, scope};
  auto decoded = codec.Decode(binding, provider);
  UCF_FUZZ_CHECK(!decoded.ok() || provider.empty());

  std::string cursor = codec.Encode(binding, provider);
  auto back = codec.Decode(binding, cursor);
  UCF_FUZZ_CHECK(back.ok() && *back == provider);
  if (cursor.empty()) return 0;  // the first page: bound to nothing
  std::string other_scope = std::string(scope) + "x";
  UCF_FUZZ_CHECK(!codec.Decode({connection, kind, other_scope}, cursor).ok());
  std::string other_connection = std::string(connection) + "x";
  UCF_FUZZ_CHECK(!codec.Decode({other_connection, kind, scope}, cursor).ok());
  return 0;
}
