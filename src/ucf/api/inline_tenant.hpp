#pragma once
// The tenant of a request that may run on a network thread (a route's runs_inline,
// http/router/route.hpp): its API key was validated recently, so authenticating it reads no
// storage (`fresh_tenant`: auth::Authenticator::FreshTenant), and X-Tenant-Id, when sent, names
// that same tenant (another is refused by authentication — on the worker, as before). nullopt
// otherwise, or without `fresh_tenant`. From memory only.

#include <functional>
#include <optional>
#include <string>

#include "ucf/http/request.hpp"

namespace ucf::api {

using FreshTenantFn = std::function<std::optional<std::string>(const http::Request&)>;

std::optional<std::string> InlineTenant(const FreshTenantFn& fresh_tenant, const http::Request& request);

}  // namespace ucf::api
