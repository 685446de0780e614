#pragma once
// TlsTestServer: a minimal HTTPS responder on 127.0.0.1 (port 0) with a fresh self-signed
// certificate for "localhost", for this folder's TLS tests (header-only: tests link OpenSSL, the
// library does not need to).
//
// Serves each connection one fixed "200 ok" answer and closes it. Handshakes the client aborts
// (certificate rejected) are counted. The certificate is available as PEM, to be trusted through
// CurlHttpClientOptions::ca_file.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace ucf::http {

class TlsTestServer {
 public:
  TlsTestServer() {
    // OpenSSL writes with write(2): a client that hangs up mid-handshake must not kill the test.
    std::signal(SIGPIPE, SIG_IGN);
    key_ = EVP_EC_gen("P-256");
    cert_ = X509_new();
    if (key_ == nullptr || cert_ == nullptr) throw std::runtime_error("openssl alloc");
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 3600);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert_, name);
    X509_set_pubkey(cert_, key_);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert_, cert_, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "DNS:localhost");
    X509_add_ext(cert_, san, -1);
    X509_EXTENSION_free(san);
    X509_sign(cert_, key_, EVP_sha256());

    ssl_ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ssl_ctx_, cert_);
    SSL_CTX_use_PrivateKey(ssl_ctx_, key_);

    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        listen(listen_fd_, 16) != 0 ||
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error("tls test server could not listen");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~TlsTestServer() {
    stop_.store(true);
    shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
    thread_.join();
    close(listen_fd_);
    SSL_CTX_free(ssl_ctx_);
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }

  int port() const { return port_; }
  int served() const { return served_.load(); }
  int failed_handshakes() const { return failed_handshakes_.load(); }

  std::string CertificatePem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert_);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    return pem;
  }

 private:
  void Serve() {
    while (!stop_.load()) {
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      SSL* ssl = SSL_new(ssl_ctx_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) == 1) {
        std::string request;
        char buf[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
          int n = SSL_read(ssl, buf, sizeof buf);
          if (n <= 0) break;
          request.append(buf, static_cast<std::size_t>(n));
        }
        static constexpr char kAnswer[] =
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        SSL_write(ssl, kAnswer, sizeof kAnswer - 1);
        SSL_shutdown(ssl);
        served_.fetch_add(1);
      } else {
        failed_handshakes_.fetch_add(1);
      }
      SSL_free(ssl);
      close(fd);
      ERR_clear_error();
    }
  }

  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  SSL_CTX* ssl_ctx_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> served_{0};
  std::atomic<int> failed_handshakes_{0};
  std::thread thread_;
};

}  // namespace ucf::http
