#include "ucf/observability/request_context.hpp"

namespace ucf::observability {
namespace {
thread_local const RequestContext* current_context = nullptr;
}  // namespace

const RequestContext* CurrentRequestContext() { return current_context; }

ScopedRequestContext::ScopedRequestContext(const RequestContext& context)
    : previous_(current_context) {
  current_context = &context;
}

ScopedRequestContext::~ScopedRequestContext() { current_context = previous_; }

}  // namespace ucf::observability
