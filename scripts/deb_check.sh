#!/usr/bin/env bash
# Builds the Debian package and checks it on this machine (run as root, outside the test command
# because it installs system-wide):
#   1. cpack -G DEB in ./build (or $UCF_BUILD_DIR) → build/ucf_<version>_<arch>.deb
#   2. lints what is inside: binary, unit, default config, maintainer scripts; systemd-analyze verify
#   3. apt install ./ucf_*.deb (dependencies resolved by apt), then: the ucf user, /etc/ucf/ucf.env
#      (root:ucf 0640, a generated ENCRYPTION_KEY), /var/lib/ucf (ucf, 0750)
#   4. starts the service exactly as the unit does (systemctl when systemd runs, else the unit's
#      ExecStart as user ucf) on a free port, asks /healthz and /readyz, runs `ucf backup`
#   5. apt purge ucf (config, data and user gone) unless --keep
# Exit 0 when every check passed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${UCF_BUILD_DIR:-$PWD/build}
KEEP=${1:-}
fail() { echo "deb_check: FAIL: $*" >&2; exit 1; }
step() { echo "deb_check: $*" >&2; }
[[ $(id -u) -eq 0 ]] || fail "run as root (it installs the package)"

step "building the package"
cmake --build "$BUILD_DIR" -j2 --target ucf >/dev/null
(cd "$BUILD_DIR" && rm -f ucf_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$BUILD_DIR"/ucf_*.deb)
step "built $deb ($(du -h "$deb" | cut -f1))"

contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/ucf ./lib/systemd/system/ucf.service ./usr/share/ucf/ucf.env.example \
         ./usr/share/doc/ucf/README.md ./usr/share/doc/ucf/ucf.conf; do
  grep -q " $f\$" <<<"$contents" || fail "$f missing from the package"
done
dpkg-deb --info "$deb" | grep -q "Depends:.*libc6" || fail "no shared-library dependencies computed"
for s in postinst prerm postrm; do dpkg-deb --info "$deb" "$s" >/dev/null || fail "no $s"; done
if [[ -d web/out ]]; then grep -q "./usr/share/ucf/web/" <<<"$contents" || fail "dashboard missing"; fi
if command -v systemd-analyze >/dev/null; then
  tmp=$(mktemp -d); dpkg-deb -x "$deb" "$tmp"
  out=$(systemd-analyze verify --root="$tmp" "$tmp/lib/systemd/system/ucf.service" 2>&1 || true)
  grep -v "is not executable\|No such file\|^$" <<<"$out" | grep . && fail "systemd-analyze verify: $out"
  rm -rf "$tmp"
fi

step "apt install $deb"
if dpkg -s ucf >/dev/null 2>&1; then fail "ucf is already installed here; remove it first"; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
getent passwd ucf >/dev/null || fail "no ucf user"
[[ $(stat -c '%U:%G %a' /etc/ucf/ucf.env) == "root:ucf 640" ]] || fail "/etc/ucf/ucf.env ownership/mode"
grep -q '^ENCRYPTION_KEY=.\{40,\}' /etc/ucf/ucf.env || fail "no generated ENCRYPTION_KEY"
[[ $(stat -c '%U %a' /var/lib/ucf) == "ucf 750" ]] || fail "/var/lib/ucf ownership/mode"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
step "starting the service on port $port"
if [[ -d /run/systemd/system ]]; then
  mkdir -p /etc/systemd/system/ucf.service.d
  printf '[Service]\nEnvironment=UCF_PORT=%s UCF_PUBLIC_URL=http://127.0.0.1:%s\n' "$port" "$port" \
    > /etc/systemd/system/ucf.service.d/deb-check.conf
  systemctl daemon-reload && systemctl restart ucf
  stop_service() { systemctl stop ucf; rm -rf /etc/systemd/system/ucf.service.d; }
else
  exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/ucf.service)
  (cd /var/lib/ucf && UCF_PORT=$port UCF_PUBLIC_URL=http://127.0.0.1:$port \
     runuser -u ucf -- $exec_start >/tmp/ucf-deb-check.log 2>&1 &)
  stop_service() { pkill -TERM -u ucf -x ucf || true; sleep 1; }
fi
ok=""
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=1; break; fi
  sleep 0.1
done
[[ -n $ok ]] || { cat /tmp/ucf-deb-check.log 2>/dev/null; fail "/healthz did not answer"; }
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || fail "/readyz"
step "/healthz and /readyz answer 200"
runuser -u ucf -- /usr/bin/ucf backup --env-file /etc/ucf/ucf.env -o /var/lib/ucf/backup.db >/dev/null \
  || fail "ucf backup"
[[ -s /var/lib/ucf/backup.db ]] || fail "empty backup"
step "ucf backup wrote /var/lib/ucf/backup.db"
stop_service

if [[ "$KEEP" != "--keep" ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ucf >/dev/null
  [[ ! -e /etc/ucf && ! -e /var/lib/ucf ]] || fail "purge left /etc/ucf or /var/lib/ucf"
  ! getent passwd ucf >/dev/null || fail "purge left the ucf user"
  step "purged"
fi
step "all checks passed"
