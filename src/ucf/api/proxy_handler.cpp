#include "ucf/api/proxy_handler.hpp"

#include <atomic>
#include <mutex>
#include <optional>

#include "ucf/api/inline_tenant.hpp"
#include "ucf/api/proxy_rules.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::api {
namespace {

// The provider's body, passed through; holds the connection's permit until the body is done.
class ProxyBody final : public http::BodyStream, public std::enable_shared_from_this<ProxyBody> {
 public:
  ProxyBody(std::shared_ptr<http::UpstreamStream> upstream,
            std::shared_ptr<http::ConcurrencyLimiter::Permit> permit)
      : upstream_(std::move(upstream)), permit_(std::move(permit)) {}
  ~ProxyBody() override {
    if (!finished_.load()) upstream_->Cancel();
  }

  void Pull(std::function<void(Piece)> next) override {
    upstream_->Pull([self = shared_from_this(), next = std::move(next)](Piece piece) {
      if (!piece.ok() || !piece->has_value()) self->Finish();
      next(std::move(piece));
    });
  }
  void Cancel() override {
    upstream_->Cancel();
    Finish();
  }

 private:
  void Finish() {
    if (!finished_.exchange(true)) permit_.reset();  // only the first caller gets here
  }

  std::shared_ptr<http::UpstreamStream> upstream_;
  std::shared_ptr<http::ConcurrencyLimiter::Permit> permit_;
  std::atomic<bool> finished_{false};
};

// The answer to a streamed-body call, made when the provider's head arrives (or the call fails)
// on the stream engine's thread; whichever of that and the server's Await comes second delivers.
class PendingAnswer final : public http::DeferredResponse {
 public:
  void Await(std::function<void(http::Response)> ready) override {
    std::unique_lock lock(mu_);
    if (!answer_) {
      ready_ = std::move(ready);
      return;
    }
    http::Response answer = std::move(*answer_);
    lock.unlock();
    ready(std::move(answer));
  }
  void Deliver(http::Response answer) {
    std::unique_lock lock(mu_);
    if (!ready_) {
      answer_ = std::move(answer);
      return;
    }
    std::function<void(http::Response)> ready = std::move(ready_);
    lock.unlock();
    ready(std::move(answer));
  }

 private:
  std::mutex mu_;
  std::optional<http::Response> answer_;
  std::function<void(http::Response)> ready_;
};

// The client's Content-Length, when it is a plain decimal number.
std::optional<std::uint64_t> DeclaredLength(const http::Headers& headers) {
  std::optional<std::string_view> text = headers.Get("Content-Length");
  if (!text || text->empty() || text->size() > 18) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : *text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

std::string_view StatusClass(int status) {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  if (status >= 300) return "3xx";
  return "2xx";
}

}  // namespace

std::function<bool(const http::Request&)> ProxyRunsInline(
    const connections::ConnectorManager* manager,
    std::function<std::optional<std::string>(const http::Request&)> fresh_tenant) {
  if (manager == nullptr || !fresh_tenant) return nullptr;
  return [manager, fresh = std::move(fresh_tenant)](const http::Request& r) {
    std::optional<std::string> tenant = InlineTenant(fresh, r);
    return tenant && manager->DirectInMemory(*tenant, r.PathParam("connectionId"));
  };
}

ProxyHandler::ProxyHandler(Services services) : deps_(services) {
  if (deps_.metrics != nullptr) {
    requests_ = &deps_.metrics->Counter("ucf_proxy_requests_total",
                                        "Passthrough proxy calls by connector and outcome "
                                        "(the provider's status class, refused, or error)",
                                        {"connector", "outcome"});
  }
}

http::Response ProxyHandler::Forward(http::Request& request) const {
  std::string connector = "unknown";
  absl::StatusOr<http::Response> response = Attempt(request, connector);
  if (response.ok() && response->deferred) return std::move(*response);  // counted when answered
  return Finish(std::move(response), connector);
}

http::Response ProxyHandler::Finish(absl::StatusOr<http::Response> response, const std::string& connector) const {
  std::string_view outcome = !response.ok()                               ? "error"
                             : response->stream == nullptr               ? "refused"
                                                                          : StatusClass(response->status);
  if (!response.ok() && response.status().code() == absl::StatusCode::kInvalidArgument) outcome = "refused";
  if (requests_ != nullptr) requests_->Increment({connector, outcome});
  if (!response.ok()) return http::ErrorFromStatus(response.status());
  return std::move(*response);
}

absl::StatusOr<http::Response> ProxyHandler::Attempt(http::Request& request, std::string& connector) const {
  std::string_view connection_id = request.PathParam("connectionId");
  UCF_ASSIGN_OR_RETURN(connections::DirectTarget target,
                       deps_.manager->ResolveDirect(request.context.tenant_id, connection_id));
  connector = target.connector_id;
  UCF_ASSIGN_OR_RETURN(std::string url, ProxyUpstreamUrl(target.target.base_url, request.target));

  http::UpstreamRequest upstream;
  upstream.method = request.method;
  upstream.url = std::move(url);
  upstream.headers = ForwardedRequestHeaders(request.headers);
  // X-Request-Id and traceparent are added by the transfer (curl_common.hpp) from the context.
  upstream.body = std::move(request.body);
  UCF_ASSIGN_OR_RETURN(std::string authorization, target.credentials.Current());
  upstream.headers.Set("Authorization", authorization);
  // Static credentials (and bodies that can be sent only once) need no retry after a 401: the
  // answer is deferred to the provider's head and no thread waits for it.
  if (request.body_stream || !target.credentials.Refreshable()) {
    return Deferred(std::move(upstream), request, std::move(target));
  }
  UCF_ASSIGN_OR_RETURN(std::shared_ptr<http::UpstreamStream> stream, deps_.streams->Open(upstream));
  if (stream->status() == 401 && target.credentials.Refreshable()) {
    // The token was rejected before its expiry: one forced refresh, one retry (the body is ours).
    stream->Cancel();
    UCF_ASSIGN_OR_RETURN(authorization, target.credentials.AfterRejected(authorization));
    upstream.headers.Set("Authorization", authorization);
    UCF_ASSIGN_OR_RETURN(stream, deps_.streams->Open(upstream));
  }
  return Passed(std::move(stream), target);
}

http::Response ProxyHandler::Passed(std::shared_ptr<http::UpstreamStream> stream,
                                    connections::DirectTarget& target) {
  if (stream->status() >= 300 && stream->status() < 400) {
    std::optional<std::string_view> location = stream->headers().Get("Location");
    if (location && !RedirectStaysOnOrigin(*location, target.target.base_url)) {
      stream->Cancel();
      return http::MakeError(502, "upstream_redirect_refused",
                             core::StrCat(target.target.provider,
                                          " redirected outside the connection's API origin; not followed"));
    }
  }
  http::Response response;
  response.status = stream->status();
  response.headers = ReturnedResponseHeaders(stream->headers());
  response.stream = std::make_shared<ProxyBody>(std::move(stream), std::move(target.permit));
  return response;
}

http::Response ProxyHandler::Deferred(http::UpstreamRequest upstream, http::Request& request,
                                      connections::DirectTarget target) const {
  if (request.body_stream) {
    upstream.body_stream = std::move(request.body_stream);
    upstream.body_length = DeclaredLength(request.headers);
  }
  auto pending = std::make_shared<PendingAnswer>();
  auto shared_target = std::make_shared<connections::DirectTarget>(std::move(target));
  deps_.streams->OpenAsync(
      upstream, [this, pending, shared_target](absl::StatusOr<std::shared_ptr<http::UpstreamStream>> stream) {
        absl::StatusOr<http::Response> answer =
            stream.ok() ? absl::StatusOr<http::Response>(Passed(std::move(*stream), *shared_target))
                        : absl::StatusOr<http::Response>(stream.status());
        pending->Deliver(Finish(std::move(answer), shared_target->connector_id));
      });
  http::Response placeholder;
  placeholder.status = 0;
  placeholder.deferred = std::move(pending);
  return placeholder;
}

}  // namespace ucf::api
