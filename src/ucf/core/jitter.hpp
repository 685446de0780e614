#pragma once
// Jitter for retries and schedules: uniform doubles in [0, 1) from a per-thread generator seeded
// by std::random_device. Not for secrets (crypto/ has the secure source); components whose tests
// pin the jitter take an http::RandomSource instead.

namespace ucf::core {

double JitterUnit();

}  // namespace ucf::core
