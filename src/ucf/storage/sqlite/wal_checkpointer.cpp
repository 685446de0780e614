#include "ucf/storage/sqlite/wal_checkpointer.hpp"

#include <utility>

#include "ucf/core/status_macros.hpp"

namespace ucf::storage::sqlite {

absl::StatusOr<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path,
                                                                        std::chrono::milliseconds busy_timeout,
                                                                        WalCheckpointerOptions options) {
  UCF_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> conn,
                       SqliteConnection::Open(path, ConnectionRole::kWriter, busy_timeout));
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(std::move(conn), options));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<SqliteConnection> conn, WalCheckpointerOptions options)
    : options_(options), conn_(std::move(conn)), thread_([this](std::stop_token stop) { Loop(stop); }) {}

WalCheckpointer::~WalCheckpointer() {
  thread_.request_stop();
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WalCheckpointer::Attach(SqliteConnection& writer) {
  writer.OnWalCommit([this](SqliteConnection& conn, int pages) { AfterCommit(conn, pages); });
}

void WalCheckpointer::AfterCommit(SqliteConnection& writer, int pages) {
  if (pages >= options_.inline_at) {
    // A failed (busy) checkpoint is retried at the next commit, as SQLite's own would be.
    if (writer.CheckpointPassive().ok()) {
      std::lock_guard lock(mu_);
      ++inline_;
    }
    return;
  }
  if (pages < options_.background_at) return;
  {
    std::lock_guard lock(mu_);
    if (wanted_) return;
    wanted_ = true;
  }
  cv_.notify_one();
}

void WalCheckpointer::Loop(std::stop_token stop) {
  std::unique_lock lock(mu_);
  while (cv_.wait(lock, stop, [this] { return wanted_; })) {
    wanted_ = false;
    lock.unlock();
    // Busy (another checkpoint running) or an I/O error: the next commit past the mark asks again.
    bool done = conn_->CheckpointPassive().ok();
    lock.lock();
    if (done) ++background_;
  }
}

std::uint64_t WalCheckpointer::background_checkpoints() const {
  std::lock_guard lock(mu_);
  return background_;
}

std::uint64_t WalCheckpointer::inline_checkpoints() const {
  std::lock_guard lock(mu_);
  return inline_;
}

}  // namespace ucf::storage::sqlite
