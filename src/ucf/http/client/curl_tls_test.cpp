// CurlHttpClient's TLS verification against a local HTTPS server with a self-signed certificate.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "ucf/http/client/curl_http_client.hpp"
#include "ucf/http/client/tls_test_server.hpp"

namespace ucf::http {
namespace {

TEST(CurlTlsTest, UntrustedCertificateIsRefused) {
  TlsTestServer server;
  CurlHttpClient client(CurlHttpClientOptions{.allow_private_networks = true});
  auto response = client.Send({.url = "https://localhost:" + std::to_string(server.port()) + "/"});
  EXPECT_EQ(response.status().code(), absl::StatusCode::kFailedPrecondition) << response.status();
  EXPECT_EQ(server.served(), 0);
}

TEST(CurlTlsTest, TrustedCertificateWorksAndHostnameIsChecked) {
  TlsTestServer server;
  std::string ca_path = ::testing::TempDir() + "ucf_tls_test_ca.pem";
  std::ofstream(ca_path) << server.CertificatePem();
  CurlHttpClient client(CurlHttpClientOptions{.allow_private_networks = true, .ca_file = ca_path});

  auto response = client.Send({.url = "https://localhost:" + std::to_string(server.port()) + "/"});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "ok");

  // Same certificate and server, but the name asked for (an IP) is not in the certificate.
  auto wrong_name =
      client.Send({.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/"});
  EXPECT_EQ(wrong_name.status().code(), absl::StatusCode::kFailedPrecondition)
      << wrong_name.status();
  std::remove(ca_path.c_str());
}

}  // namespace
}  // namespace ucf::http
