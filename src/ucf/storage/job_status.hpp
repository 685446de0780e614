#pragma once
// The lifecycle state of a sync job, stored as text.

#include <optional>
#include <string_view>

namespace ucf::storage {

enum class JobStatus { kQueued, kRunning, kSucceeded, kFailed, kCanceled };

// "queued", "running", "succeeded", "failed", "canceled".
constexpr std::string_view JobStatusName(JobStatus status) {
  switch (status) {
    case JobStatus::kQueued:
      return "queued";
    case JobStatus::kRunning:
      return "running";
    case JobStatus::kSucceeded:
      return "succeeded";
    case JobStatus::kFailed:
      return "failed";
    case JobStatus::kCanceled:
      return "canceled";
  }
  return "failed";
}

// The status named `name`, or nullopt for an unknown name.
constexpr std::optional<JobStatus> ParseJobStatus(std::string_view name) {
  for (JobStatus s : {JobStatus::kQueued, JobStatus::kRunning, JobStatus::kSucceeded,
                      JobStatus::kFailed, JobStatus::kCanceled}) {
    if (JobStatusName(s) == name) return s;
  }
  return std::nullopt;
}

// Succeeded, failed and canceled jobs never change again.
constexpr bool IsFinal(JobStatus status) {
  return status == JobStatus::kSucceeded || status == JobStatus::kFailed ||
         status == JobStatus::kCanceled;
}

}  // namespace ucf::storage
