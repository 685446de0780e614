// Upstream fairness in the dispatcher and the worker pool: per-tenant caps taken before queueing,
// confirmed after authentication, and round-robin lanes. Real pools and threads; the "provider"
// is a handler that hangs until the test releases it.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "ucf/http/error_response.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/server/dispatcher.hpp"
#include "ucf/http/server/worker_pool.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;

// Stands in for authentication: the tenant named by X-Test-Tenant.
class FakeAuth final : public Middleware {
 public:
  Response Handle(Request& request, Next next) const override {
    request.context.tenant_id = std::string(request.headers.Get("X-Test-Tenant").value_or(""));
    return next(request);
  }
};

// A latch the hanging handler waits on.
class Gate {
 public:
  void Wait() {
    std::unique_lock lock(mu_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [this] { return open_; });
    --waiting_;
  }
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool AwaitWaiting(int n, milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return waiting_ >= n; });
  }
  int waiting() {
    std::lock_guard lock(mu_);
    return waiting_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
  int waiting_ = 0;
};

class DispatcherFairnessTest : public ::testing::Test {
 protected:
  DispatcherFairnessTest()
      : router_({{"GET", "/browse",
                  [this](Request& r) {
                    // Tenant A's provider accepts and never answers (until the gate opens).
                    if (r.context.tenant_id == "A") gate_.Wait();
                    return EnvelopeResponse(boost::json::value("ok"));
                  },
                  "", Access::kTenant, Execution::kUpstream}}),
        pipeline_(Chain()),
        pool_(2, 64),
        upstream_(4, 64),
        dispatcher_(router_, pipeline_, pool_, &upstream_,
                    UpstreamFairness{.max_per_tenant = 2, .tenant_hint = [](const Request& r) {
                                       return std::string(r.headers.Get("X-Hint").value_or(""));
                                     }}) {}

  ~DispatcherFairnessTest() override {
    gate_.Open();
    upstream_.Stop();
    pool_.Stop();
  }

  static std::vector<std::unique_ptr<Middleware>> Chain() {
    std::vector<std::unique_ptr<Middleware>> chain;
    chain.push_back(std::make_unique<FakeAuth>());
    return chain;
  }

  // Dispatches GET /browse; the future holds the answer.
  std::future<Response> Browse(const std::string& tenant, const std::string& hint) {
    Request r;
    r.method = "GET";
    r.target = "/browse";
    r.SplitTarget();
    r.headers.Set("X-Test-Tenant", tenant);
    if (!hint.empty()) r.headers.Set("X-Hint", hint);
    auto promise = std::make_shared<std::promise<Response>>();
    std::future<Response> answer = promise->get_future();
    dispatcher_.Dispatch(std::move(r), [promise](Response response) { promise->set_value(std::move(response)); });
    return answer;
  }

  Gate gate_;
  Router router_;
  Pipeline pipeline_;
  WorkerPool pool_;
  WorkerPool upstream_;
  Dispatcher dispatcher_;
};

TEST_F(DispatcherFairnessTest, TenantOverItsCapIsRefusedBeforeQueueingAndOthersFlow) {
  std::vector<std::future<Response>> flood;
  for (int i = 0; i < 6; ++i) flood.push_back(Browse("A", "A"));
  ASSERT_TRUE(gate_.AwaitWaiting(2, milliseconds(2000)));
  // Everything over the cap was answered at once, on the dispatching thread.
  int refused = 0;
  for (auto& f : flood) {
    if (f.wait_for(milliseconds(0)) != std::future_status::ready) continue;
    Response r = f.get();
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.headers.Get("Retry-After"), "1");
    EXPECT_NE(r.body.find("rate_limited"), std::string::npos);
    EXPECT_NE(r.body.find("UCF_UPSTREAM_MAX_PER_TENANT"), std::string::npos);
    ++refused;
  }
  EXPECT_EQ(refused, 4);
  EXPECT_EQ(gate_.waiting(), 2);  // A holds two upstream threads, no more

  // Tenant B: every call answered promptly while A's hang.
  for (int i = 0; i < 20; ++i) {
    auto start = std::chrono::steady_clock::now();
    std::future<Response> b = Browse("B", "B");
    ASSERT_EQ(b.wait_for(milliseconds(1000)), std::future_status::ready) << "call " << i;
    EXPECT_EQ(b.get().status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1000));
  }
  gate_.Open();
}

TEST_F(DispatcherFairnessTest, AuthenticatedTenantIsCountedWhateverTheHintSaid) {
  std::vector<std::future<Response>> held;
  held.push_back(Browse("A", "A"));
  held.push_back(Browse("A", "A"));
  ASSERT_TRUE(gate_.AwaitWaiting(2, milliseconds(2000)));
  // A third call of A with a credential the hint does not know (e.g. a fresh API key) is queued
  // in the shared "unverified" group, then refused once authentication names tenant A.
  std::future<Response> fresh_key = Browse("A", "");
  ASSERT_EQ(fresh_key.wait_for(milliseconds(2000)), std::future_status::ready);
  EXPECT_EQ(fresh_key.get().status, 429);
  EXPECT_EQ(gate_.waiting(), 2);
  // Unknown credentials of another tenant still get through.
  std::future<Response> b = Browse("B", "");
  ASSERT_EQ(b.wait_for(milliseconds(2000)), std::future_status::ready);
  EXPECT_EQ(b.get().status, 200);
  gate_.Open();
}

TEST(WorkerPoolLanesTest, LanesAreServedInTurn) {
  WorkerPool pool(1, 64);
  Gate gate;
  std::mutex mu;
  std::vector<std::string> order;
  ASSERT_TRUE(pool.TrySubmit([&] { gate.Wait(); }, "first"));
  ASSERT_TRUE(gate.AwaitWaiting(1, milliseconds(2000)));
  auto record = [&](std::string name) {
    return [&, name] {
      std::lock_guard lock(mu);
      order.push_back(name);
    };
  };
  for (const char* name : {"a1", "a2", "a3"}) ASSERT_TRUE(pool.TrySubmit(record(name), "tenant:a"));
  ASSERT_TRUE(pool.TrySubmit(record("b1"), "tenant:b"));
  gate.Open();
  pool.Stop();
  // A FIFO would run b1 last, behind all of a's backlog.
  EXPECT_EQ(order, (std::vector<std::string>{"a1", "b1", "a2", "a3"}));
}

TEST(WorkerPoolLanesTest, CapacityCountsEveryLane) {
  WorkerPool pool(1, 2);
  Gate gate;
  ASSERT_TRUE(pool.TrySubmit([&] { gate.Wait(); }));
  ASSERT_TRUE(gate.AwaitWaiting(1, milliseconds(2000)));
  EXPECT_TRUE(pool.TrySubmit([] {}, "a"));
  EXPECT_TRUE(pool.TrySubmit([] {}, "b"));
  EXPECT_FALSE(pool.TrySubmit([] {}, "c"));
  gate.Open();
}

}  // namespace
}  // namespace ucf::http
