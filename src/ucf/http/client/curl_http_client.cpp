#include "ucf/http/client/curl_http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <string_view>
#include <utility>

#include "boost/json/object.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/address_policy.hpp"
#include "ucf/http/client/curl_handle_pool.hpp"
#include "ucf/http/client/loggable_url.hpp"

namespace ucf::http {

struct CurlHttpClient::Impl {
  explicit Impl(CurlHttpClientOptions o) : options(std::move(o)), pool(options.max_idle_handles) {}

  const CurlHttpClientOptions options;
  CurlHandlePool pool;
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> connections_opened{0};
  std::atomic<std::uint64_t> connections_refused{0};
};

namespace {

// The state of one transfer, reachable from libcurl's callbacks through their user pointers.
struct Transfer {
  CurlHttpClient::Impl* client = nullptr;
  bool too_large = false;
  bool refused = false;
  UpstreamResponse response;
};

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t n = size * count;
  if (t->response.body.size() + n > t->client->options.max_response_bytes) {
    t->too_large = true;
    return 0;  // anything but n aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, n);
  return n;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  // Each status line starts a new header block: drop those of interim (1xx) responses.
  if (line.starts_with("HTTP/")) {
    t->response.headers = Headers();
    return n;
  }
  // Obsolete line folding (RFC 9110 §5.5 lets a recipient discard it) and the blank end line.
  if (line.empty() || line.front() == ' ' || line.front() == '\t') return n;
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  t->response.headers.Add(core::Trim(line.substr(0, colon)), core::Trim(line.substr(colon + 1)));
  return n;
}

// Called for every connection libcurl opens: the SSRF check on the address actually dialled.
curl_socket_t OnOpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (!t->client->options.allow_private_networks &&
      IsRefusedAddress(&address->addr, static_cast<socklen_t>(address->addrlen))) {
    t->refused = true;
    t->client->connections_refused.fetch_add(1, std::memory_order_relaxed);
    return CURL_SOCKET_BAD;
  }
  curl_socket_t fd = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (fd != CURL_SOCKET_BAD) t->client->connections_opened.fetch_add(1, std::memory_order_relaxed);
  return fd;
}

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar);
}

bool HasLineBreakOrNul(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

absl::Status ValidateRequest(const UpstreamRequest& request) {
  if (!IsToken(request.method)) {
    return absl::InvalidArgumentError("upstream request method is not a valid HTTP token");
  }
  std::string scheme = core::ToLower(request.url.substr(0, request.url.find("://")));
  if ((scheme != "http" && scheme != "https") || request.url.find("://") == std::string::npos) {
    return absl::InvalidArgumentError(fmt::format(
        "upstream URL '{}' must be absolute http:// or https://", LoggableUrl(request.url)));
  }
  if (HasLineBreakOrNul(request.url)) {
    return absl::InvalidArgumentError("upstream URL contains a line break");
  }
  for (const auto& [name, value] : request.headers) {
    if (!IsToken(name)) return absl::InvalidArgumentError("upstream header name is not a token");
    if (HasLineBreakOrNul(value)) {
      return absl::InvalidArgumentError(
          fmt::format("upstream header '{}' contains a line break", name));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Slist> BuildHeaderList(const UpstreamRequest& request) {
  Slist list;
  auto append = [&list](const std::string& line) {
    curl_slist* head = curl_slist_append(list.get(), line.c_str());
    if (head == nullptr) return false;
    list.release();
    list.reset(head);
    return true;
  };
  bool ok = true;
  for (const auto& [name, value] : request.headers) {
    if (core::EqualsIgnoreCase(name, "Expect")) continue;
    // "Name;" is libcurl's spelling of a header sent with an empty value.
    ok = ok && append(value.empty() ? name + ";" : fmt::format("{}: {}", name, value));
  }
  ok = ok && append("Expect:");
  if (!request.headers.Has("Content-Type")) ok = ok && append("Content-Type:");
  if (!ok) return absl::InternalError("out of memory building upstream request headers");
  return list;
}

void SetMethodAndBody(CURL* h, const UpstreamRequest& request) {
  const std::string& method = request.method;
  if (method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    return;
  }
  if (method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    return;
  }
  if (method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  bool body_expected = method == "POST" || method == "PUT" || method == "PATCH";
  if (!request.body.empty() || body_expected) {
    // POSTFIELDS does not copy: `request` outlives curl_easy_perform.
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  }
}

void SetOptions(CURL* h, const CurlHttpClientOptions& o, const UpstreamRequest& request,
                Transfer* transfer, curl_slist* headers) {
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  // Explicitly libcurl's default: "/./" and "/../" in a path are resolved here, never sent on.
  // Connectors percent-encode every id segment and refuse ids like "..", so no caller value can
  // add or remove a path segment either way (issue 9, hole 8).
  curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 0L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROXY, "");  // ignore http_proxy & co.: the SSRF check needs the peer
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, o.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
  curl_easy_setopt(h, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  // A zero timeout means "none" to libcurl; never let a caller's 0 turn the limit off.
  auto total = std::max<std::chrono::milliseconds::rep>(
      1, request.timeout.value_or(o.total_timeout).count());
  auto connect = std::max<std::chrono::milliseconds::rep>(1, o.connect_timeout.count());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(total));
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, transfer);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, transfer);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  SetMethodAndBody(h, request);
}

absl::Status TransportError(CURLcode code, const Transfer& t, const UpstreamRequest& request,
                            std::size_t max_body) {
  std::string where = fmt::format("upstream {} {}", request.method, LoggableUrl(request.url));
  std::string_view reason = curl_easy_strerror(code);
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      if (t.refused) {
        return absl::PermissionDeniedError(
            fmt::format("{}: refused, the host resolves to a loopback, private or reserved address "
                        "(set UCF_ALLOW_PRIVATE_UPSTREAMS=true to allow)",
                        where));
      }
      return absl::UnavailableError(fmt::format("{}: {}", where, reason));
    case CURLE_OPERATION_TIMEDOUT:
      return absl::DeadlineExceededError(fmt::format("{}: timed out", where));
    case CURLE_WRITE_ERROR:
      if (t.too_large) {
        boost::json::object details{{"reason", "response_too_large"},
                                    {"limitBytes", static_cast<std::uint64_t>(max_body)}};
        return core::WithDetails(absl::ResourceExhaustedError(fmt::format(
                                     "{}: response body larger than {} bytes", where, max_body)),
                                 details);
      }
      return absl::InternalError(fmt::format("{}: {}", where, reason));
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return absl::InvalidArgumentError(fmt::format("{}: {}", where, reason));
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return absl::FailedPreconditionError(
          fmt::format("{}: TLS certificate verification failed: {}", where, reason));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP_RETURNED_ERROR:
      return absl::UnavailableError(fmt::format("{}: {}", where, reason));
    default:
      return absl::InternalError(fmt::format("{}: {}", where, reason));
  }
}

void DropDecodedEncodingHeaders(Headers& headers) {
  std::optional<std::string_view> encoding = headers.Get("Content-Encoding");
  if (!encoding || core::EqualsIgnoreCase(core::Trim(*encoding), "identity")) return;
  headers.Remove("Content-Encoding");
  headers.Remove("Content-Length");
}

}  // namespace

CurlHttpClient::CurlHttpClient(CurlHttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

CurlHttpClient::~CurlHttpClient() = default;

absl::StatusOr<UpstreamResponse> CurlHttpClient::Send(const UpstreamRequest& request) {
  if (absl::Status valid = ValidateRequest(request); !valid.ok()) return valid;
  absl::StatusOr<Slist> headers = BuildHeaderList(request);
  if (!headers.ok()) return headers.status();
  absl::StatusOr<CurlHandlePool::Lease> lease = impl_->pool.Acquire();
  if (!lease.ok()) return lease.status();
  CURL* h = lease->get();

  Transfer transfer;
  transfer.client = impl_.get();
  // Options go back to defaults; live connections, DNS and TLS caches stay with the handle.
  curl_easy_reset(h);
  SetOptions(h, impl_->options, request, &transfer, headers->get());
  impl_->requests.fetch_add(1, std::memory_order_relaxed);
  CURLcode code = curl_easy_perform(h);
  // The handle must not keep pointers into this frame once it is back in the pool.
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  if (code != CURLE_OK) {
    return TransportError(code, transfer, request, impl_->options.max_response_bytes);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  transfer.response.status = static_cast<int>(status);
  DropDecodedEncodingHeaders(transfer.response.headers);
  return std::move(transfer.response);
}

CurlHttpClientStats CurlHttpClient::stats() const {
  return {.requests = impl_->requests.load(std::memory_order_relaxed),
          .connections_opened = impl_->connections_opened.load(std::memory_order_relaxed),
          .connections_refused = impl_->connections_refused.load(std::memory_order_relaxed)};
}

}  // namespace ucf::http
