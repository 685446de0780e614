#include "ucf/http/client/curl_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "boost/json/object.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/loggable_url.hpp"
#include "ucf/observability/request_context.hpp"
#include "ucf/observability/trace_context.hpp"

namespace ucf::http::curl {
namespace {

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

}  // namespace

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
  // Tracing: the request being served (if any) names this call — its request id, and its trace
  // with a new span id — unless the caller set those itself.
  if (const observability::RequestContext* ctx = observability::CurrentRequestContext()) {
    if (!request.headers.Has("X-Request-Id") && !ctx->request_id.empty()) {
      ok = ok && append("X-Request-Id: " + ctx->request_id);
    }
    if (!request.headers.Has("traceparent") && !ctx->trace_id.empty()) {
      ok = ok && append("traceparent: " + observability::FormatTraceParent(
                                              {ctx->trace_id, observability::NewSpanId(), ctx->trace_flags}));
    }
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

void ApplyTransportPolicy(CURL* h, const UpstreamRequest& request, const std::string& ca_file,
                          std::chrono::milliseconds connect_timeout, curl_slist* headers) {
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
  // And no_proxy: set, libcurl no longer reads (getenv) and matches it on every transfer.
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  auto connect = std::max<std::chrono::milliseconds::rep>(1, connect_timeout.count());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
}

HeaderLine AddHeaderLine(std::string_view line, Headers& headers, int* status) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    headers = Headers();
    if (status != nullptr) {
      std::size_t space = line.find(' ');
      *status = 0;
      for (std::size_t i = space + 1; space != std::string_view::npos && i < line.size() && i < space + 4; ++i) {
        if (line[i] < '0' || line[i] > '9') break;
        *status = *status * 10 + (line[i] - '0');
      }
    }
    return HeaderLine::kStatusLine;
  }
  if (line.empty()) return HeaderLine::kEnd;
  // Obsolete line folding (RFC 9110 §5.5 lets a recipient discard it).
  if (line.front() == ' ' || line.front() == '\t') return HeaderLine::kField;
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return HeaderLine::kField;
  headers.Add(core::Trim(line.substr(0, colon)), core::Trim(line.substr(colon + 1)));
  return HeaderLine::kField;
}

absl::Status TransportError(CURLcode code, bool refused, bool too_large,
                            const UpstreamRequest& request, std::size_t max_body) {
  std::string where = fmt::format("upstream {} {}", request.method, LoggableUrl(request.url));
  std::string_view reason = curl_easy_strerror(code);
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      if (refused) {
        return absl::PermissionDeniedError(
            fmt::format("{}: refused, the host resolves to a loopback, private or reserved address "
                        "(set UCF_ALLOW_PRIVATE_UPSTREAMS=true to allow)",
                        where));
      }
      return absl::UnavailableError(fmt::format("{}: {}", where, reason));
    case CURLE_OPERATION_TIMEDOUT:
      return absl::DeadlineExceededError(fmt::format("{}: timed out", where));
    case CURLE_WRITE_ERROR:
      if (too_large) {
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

}  // namespace ucf::http::curl
