#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers and checks that take untrusted input (fuzz/, libFuzzer).
#   scripts/fuzz.sh smoke [seconds]          every target for a few seconds (default 5): run by
#                                            scripts/test.sh; fails on any crash, leak or invariant
#   scripts/fuzz.sh run <target|all> [secs]  a long run (default 600 s each); new inputs are kept in
#                                            build-fuzz/corpus/<target>, crashes in build-fuzz/artifacts
# Builds ./build-fuzz with clang (clang++-15, else clang++-14: any with the libFuzzer runtime) and
# ccache. The checked-in seeds (fuzz/corpus/<target>/) are read, never written: copy a crash input
# there (and add a unit test beside the code) to keep it as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=${1:-smoke}

CXX_FUZZ=""
for v in 15 14; do
  if command -v "clang++-$v" >/dev/null 2>&1 &&
     compgen -G "/usr/lib/llvm-$v/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
    CXX_FUZZ=clang++-$v
    break
  fi
done
if [[ -z "$CXX_FUZZ" ]]; then
  echo "[fuzz] no clang with libFuzzer (install clang-15 libfuzzer-15-dev: scripts/packages.txt)" >&2
  exit 1
fi

BUILD=$ROOT/build-fuzz
if [[ ! -f "$BUILD/build.ninja" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
    -DUCF_FUZZ=ON -DUCF_BUILD_TESTS=OFF -DUCF_BUILD_BENCH=OFF >/dev/null
fi
echo "[fuzz] building the fuzz targets with $CXX_FUZZ in $BUILD" >&2
cmake --build "$BUILD" -j2 --target ucf_fuzzers

TARGETS=()
for dir in "$ROOT"/fuzz/corpus/*/; do TARGETS+=("$(basename "$dir")"); done
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

run_one() {  # target seconds corpus-dir
  local target=$1 secs=$2 corpus=$3
  mkdir -p "$corpus" "$BUILD/artifacts"
  echo "[fuzz] $target for ${secs}s" >&2
  # -timeout: one input taking over 5 s is a hang (a finding); -rss_limit_mb: a memory blow-up is too.
  "$BUILD/fuzz/$target" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target-" \
    "$corpus" "$ROOT/fuzz/corpus/$target" 2>"$BUILD/$target.log" ||
    { tail -60 "$BUILD/$target.log" >&2; echo "[fuzz] $target FAILED (log: $BUILD/$target.log)" >&2; return 1; }
  grep -E "^stat::(number_of_executed_units|new_units_added)" "$BUILD/$target.log" | tr '\n' ' ' >&2
  echo >&2
}

case "$MODE" in
  smoke)
    secs=${2:-5}
    failed=0
    for t in "${TARGETS[@]}"; do
      scratch=$(mktemp -d /tmp/ucf-fuzz-XXXXXX)
      run_one "$t" "$secs" "$scratch" || failed=1
      rm -rf "$scratch"
    done
    exit $failed
    ;;
  run)
    which=${2:-all}
    secs=${3:-600}
    failed=0
    for t in "${TARGETS[@]}"; do
      [[ "$which" == all || "$which" == "$t" ]] || continue
      run_one "$t" "$secs" "$BUILD/corpus/$t" || failed=1
    done
    exit $failed
    ;;
  *)
    echo "usage: scripts/fuzz.sh smoke [seconds] | run <target|all> [seconds]" >&2
    exit 2
    ;;
esac
