#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm packages of the test peers and the dashboard) and
# builds the project into ./build. Idempotent: with nothing missing and nothing changed it only
# checks and returns in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

log() { printf '[setup] %s\n' "$*" >&2; }

missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done < scripts/packages.txt
# Machines with NodeSource's nodejs already have npm; Debian's nodejs needs the npm package too.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (test peers, dashboard): `npm ci` only when the lock file changed since last time.
for dir in tests/peers web; do
  if [[ -f "$dir/package-lock.json" ]]; then
    stamp="$dir/node_modules/.ucf-lock-stamp"
    if [[ ! -f "$stamp" ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
      log "npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      cp "$dir/package-lock.json" "$stamp"
    fi
  fi
done

# The dashboard's static export (web/out, served by `ucf serve` at /ui/): rebuilt only when a
# source of it changed since the last build (a hash of its files in web/.build-stamp).
if [[ -f web/package-lock.json ]]; then
  web_sources=()
  for p in app components lib public package.json package-lock.json next.config.mjs postcss.config.mjs tsconfig.json; do
    [[ -e "web/$p" ]] && web_sources+=("$p")
  done
  web_hash=$(cd web && find "${web_sources[@]}" -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
  if [[ ! -f web/out/index.html || ! -f web/.build-stamp || "$(cat web/.build-stamp)" != "$web_hash" ]]; then
    log "building the dashboard (web/out)"
    (cd web && NEXT_TELEMETRY_DISABLED=1 npm run build --silent >/dev/null)
    echo "$web_hash" > web/.build-stamp
  fi
fi

BUILD_DIR=${UCF_BUILD_DIR:-$ROOT/build}
BUILD_TYPE=${UCF_BUILD_TYPE:-RelWithDebInfo}
# UCF_CMAKE_ARGS (space-separated): extra options when configuring, e.g. scripts/test.sh's sanitizer
# build. A build folder configured with other options than these is configured again.
configured="$BUILD_TYPE ${UCF_CMAKE_ARGS:-}"
if [[ ! -f "$BUILD_DIR/build.ninja" || "$(cat "$BUILD_DIR/.ucf-configured" 2>/dev/null)" != "$configured" ]]; then
  log "configuring $BUILD_DIR ($configured)"
  # shellcheck disable=SC2086
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${UCF_CMAKE_ARGS:-} >/dev/null
  echo "$configured" > "$BUILD_DIR/.ucf-configured"
fi
# UCF_BUILD_TARGETS (space-separated) limits the build to those targets, e.g. "ucf".
targets=()
for t in ${UCF_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
log "building (ninja -j2) ${UCF_BUILD_TARGETS:-all}"
cmake --build "$BUILD_DIR" -j2 "${targets[@]}"
