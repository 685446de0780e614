#pragma once
// AheadWorker: one helper thread that runs one task at a time for its owner, so that a sync run
// can fetch (and prepare) its next provider page while the current one is being stored, without
// starting a thread per page.
//
// Contract: Start() hands over a task; Wait() blocks until that task has returned. Start() is only
// called when no task is pending (the owner waits for each task before giving the next). The
// destructor waits for a pending task, then stops and joins the thread. A task must not throw.
// Start/Wait are called from one owner thread; the task runs on the helper thread, so whatever it
// touches must not be used by the owner until Wait() returns.

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace ucf::sync {

class AheadWorker {
 public:
  AheadWorker();
  ~AheadWorker();
  AheadWorker(const AheadWorker&) = delete;
  AheadWorker& operator=(const AheadWorker&) = delete;

  void Start(std::function<void()> task);
  void Wait();
  // Whether a task was started and not yet waited for.
  bool pending() const { return pending_; }

 private:
  void Loop(std::stop_token stop);

  std::mutex mu_;
  std::condition_variable_any cv_;
  std::function<void()> task_;  // set by Start, cleared by the helper when it takes it
  bool done_ = true;            // the last task has returned
  bool pending_ = false;        // owner side: started and not waited for
  std::jthread thread_;         // last: started once the state above exists
};

}  // namespace ucf::sync
