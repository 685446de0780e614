// A bare Boost.Beast HTTP/1.1 server: N threads, keep-alive, TCP_NODELAY, one fixed JSON body for
// every request. No routing, logging or middleware: the throughput ceiling for ucf. With a body
// file it serves exactly those bytes (bench/http_bench.sh captures ucf's answer to a route and
// serves it from here, so a ratio measures ucf's work, not the answer's size).
//
//   bare_hello_server <port> [threads] [body-file]

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <memory>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::string g_body = R"({"ok":true,"data":"hello","e":null})";

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket s) : stream_(std::move(s)) {
    stream_.socket().set_option(tcp::no_delay(true));
  }
  void Read() {
    req_ = {};
    http::async_read(stream_, buffer_, req_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return;
                       self->Write();
                     });
  }

 private:
  void Write() {
    auto res = std::make_shared<http::response<http::string_body>>(http::status::ok, 11);
    res->set(http::field::content_type, "application/json");
    res->keep_alive(req_.keep_alive());
    res->body() = g_body;
    res->prepare_payload();
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                        if (ec || !res->keep_alive()) return;
                        self->Read();
                      });
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
};

void Accept(tcp::acceptor& acceptor, net::io_context& ioc) {
  acceptor.async_accept(net::make_strand(ioc), [&](beast::error_code ec, tcp::socket s) {
    if (!ec) std::make_shared<Session>(std::move(s))->Read();
    Accept(acceptor, ioc);
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bare_hello_server <port> [threads] [body-file]\n";
    return 2;
  }
  int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  if (argc > 3) {
    std::ifstream file(argv[3], std::ios::binary);
    if (!file) {
      std::cerr << "cannot read " << argv[3] << "\n";
      return 2;
    }
    std::ostringstream bytes;
    bytes << file.rdbuf();
    g_body = bytes.str();
  }
  net::io_context ioc(threads);
  tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"),
                               static_cast<unsigned short>(std::atoi(argv[1]))});
  Accept(acceptor, ioc);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  return 0;
}
