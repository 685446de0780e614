#!/usr/bin/env bash
# Runs every test: installs and builds what is needed (scripts/setup.sh), starts the test peers
# the suites need (a throwaway PostgreSQL 15 cluster, …), runs ctest, and stops the peers again
# even when tests fail. Extra arguments go to ctest (e.g. -L unit, -R Fernet).
#
# UCF_TEST_SANITIZE=1 (default): the suites are built and run only in ./build-asan (ASan + UBSan
# + LSan, -O0 -g1, a unity build, ccache; no benchmarks): every sanitizer report fails, in the test
# processes and in the `ucf` children the suites start; of ./build only the `ucf` binary is built.
# Cold on a fresh 2-core machine the whole command takes about 35 minutes (bench/RESULTS.md,
# "Sanitizers by default").
# UCF_TEST_SANITIZE=0: the suites are built and run in ./build (plain -O2), e.g. to check a change
# against the optimised binary the benchmarks use.
# UCF_TEST_FUZZ=1 (default, only without extra arguments): a few seconds of every libFuzzer target
# (scripts/fuzz.sh smoke, its own clang build in ./build-fuzz: the fuzzed sources only) after ctest.
# Timings, cold and warm: bench/RESULTS.md, section "Proven".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SANITIZE=${UCF_TEST_SANITIZE:-1}
if [[ "$SANITIZE" == 1 ]]; then
  TEST_DIR=$ROOT/build-asan
  UCF_BUILD_DIR=$TEST_DIR UCF_CMAKE_ARGS="-DUCF_SANITIZE=ON -DUCF_BUILD_BENCH=OFF" bash scripts/setup.sh
  # The optimised `ucf` that scripts/start.sh serves is built too (only it: ./build), so that what
  # gcc -O2 alone warns about (-Werror) fails here and not on a new user's first command.
  UCF_BUILD_TARGETS=ucf bash scripts/setup.sh
  # Every finding fails: UBSan stops at the first report, LSan checks at exit (also in the ucf
  # processes the integration suites start: they inherit these, tests/support/subprocess.cpp).
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/scripts/lsan.supp:print_suppressions=0}
else
  bash scripts/setup.sh
  TEST_DIR=$ROOT/build
fi

PEERS_DIR=$(mktemp -d /tmp/ucf-test-peers-XXXXXX)
chmod 0755 "$PEERS_DIR"  # the PostgreSQL cluster runs as user postgres below it
cleanup() {
  if [[ -x scripts/pg_cluster.sh && -d "$PEERS_DIR/pg" ]]; then
    bash scripts/pg_cluster.sh stop "$PEERS_DIR/pg" >/dev/null 2>&1 || true
  fi
  rm -rf "$PEERS_DIR"
}
trap cleanup EXIT INT TERM

if [[ -f scripts/pg_cluster.sh ]]; then
  export UCF_TEST_POSTGRES_URL
  UCF_TEST_POSTGRES_URL=$(bash scripts/pg_cluster.sh start "$PEERS_DIR/pg")
  echo "[test] PostgreSQL test cluster at ${UCF_TEST_POSTGRES_URL}" >&2
fi

cd "$TEST_DIR"
ctest --output-on-failure -j2 --timeout 600 "$@"
if [[ $# -eq 0 && "${UCF_TEST_FUZZ:-1}" == 1 ]]; then
  bash "$ROOT/scripts/fuzz.sh" smoke
fi
