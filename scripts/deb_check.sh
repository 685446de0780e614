#!/usr/bin/env bash
# Builds the Debian package and checks it on this machine (run as root, outside the test command
# because it installs system-wide):
#   1. cpack -G DEB in ./build (or $UCF_BUILD_DIR) → build/ucf-server_<version>_<arch>.deb
#   2. lints what is inside: binary, unit, default config, maintainer scripts; systemd-analyze verify
#   3. apt install ./ucf-server_*.deb (dependencies resolved by apt), then: the ucf user, /etc/ucf-server/ucf.env
#      (root:ucf 0640, a generated ENCRYPTION_KEY), /var/lib/ucf-server (ucf, 0750)
#   4. starts the service exactly as the unit does (systemctl when systemd runs, else the unit's
#      ExecStart as user ucf, via setpriv) on a free port, asks /healthz and /readyz, runs `ucf backup`
#   5. apt purge ucf-server (config, data and user gone) unless --keep
# Exit 0 when every check passed. It also checks that Debian's own `ucf` package (a different tool,
# owner of /usr/bin/ucf and /var/lib/ucf) is left as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${UCF_BUILD_DIR:-$PWD/build}
KEEP=${1:-}
fail() { echo "deb_check: FAIL: $*" >&2; exit 1; }
step() { echo "deb_check: $*" >&2; }
[[ $(id -u) -eq 0 ]] || fail "run as root (it installs the package)"

step "building the package"
cmake --build "$BUILD_DIR" -j2 --target ucf >/dev/null
(cd "$BUILD_DIR" && rm -f ucf-server_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$BUILD_DIR"/ucf-server_*.deb)
step "built $deb ($(du -h "$deb" | cut -f1))"

contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/ucf-server ./usr/lib/ucf-server/ucf ./usr/lib/systemd/system/ucf-server.service ./usr/share/ucf-server/ucf.env.example \
         ./usr/share/doc/ucf-server/README.md ./usr/share/doc/ucf-server/deploy.md ./usr/share/doc/ucf-server/ucf.conf; do
  grep -q " $f\( ->.*\)\?$" <<<"$contents" || fail "$f missing from the package"
done
info=$(dpkg-deb --info "$deb")
grep -q "Depends:.*libc6" <<<"$info" || fail "no shared-library dependencies computed"
for s in postinst prerm postrm; do dpkg-deb --info "$deb" "$s" >/dev/null || fail "no $s"; done
if [[ -d web/out ]]; then grep -q "./usr/share/ucf-server/web/" <<<"$contents" || fail "dashboard missing"; fi
if command -v systemd-analyze >/dev/null; then
  tmp=$(mktemp -d); dpkg-deb -x "$deb" "$tmp"
  cp "$tmp/usr/lib/systemd/system/ucf-server.service" "$tmp/ucf-server.service"
  out=$(systemd-analyze verify "$tmp/ucf-server.service" 2>&1 || true)
  if grep -v "is not executable\|No such file\|^$" <<<"$out" | grep -q .; then fail "systemd-analyze verify: $out"; fi
  rm -rf "$tmp"
fi

ucf_tool_before=$(dpkg -s ucf 2>/dev/null | grep -c "install ok installed" || true)
ucf_dir_before=$(ls -A /var/lib/ucf 2>/dev/null | wc -l)
step "apt install $deb"
if dpkg -s ucf-server >/dev/null 2>&1; then fail "ucf-server is already installed here; remove it first"; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
getent passwd ucf >/dev/null || fail "no ucf user"
[[ $(stat -c '%U:%G %a' /etc/ucf-server/ucf.env) == "root:ucf 640" ]] || fail "/etc/ucf-server/ucf.env ownership/mode"
grep -q '^ENCRYPTION_KEY=.\{40,\}' /etc/ucf-server/ucf.env || fail "no generated ENCRYPTION_KEY"
[[ $(stat -c '%U %a' /var/lib/ucf-server) == "ucf 750" ]] || fail "/var/lib/ucf-server ownership/mode"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
step "starting the service on port $port"
if [[ -d /run/systemd/system ]]; then
  mkdir -p /etc/systemd/system/ucf-server.service.d
  printf '[Service]\nEnvironment=UCF_PORT=%s UCF_PUBLIC_URL=http://127.0.0.1:%s\n' "$port" "$port" \
    > /etc/systemd/system/ucf-server.service.d/deb-check.conf
  systemctl daemon-reload && systemctl restart ucf-server
  stop_service() { systemctl stop ucf-server; rm -rf /etc/systemd/system/ucf-server.service.d; }
else
  exec_start=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/ucf-server.service)
  # $exec_start unquoted on purpose: the unit's command line, split into words.
  # shellcheck disable=SC2086
  (cd /var/lib/ucf-server && UCF_PORT=$port UCF_PUBLIC_URL=http://127.0.0.1:$port \
     exec setpriv --reuid=ucf --regid=ucf --init-groups $exec_start) >/tmp/ucf-deb-check.log 2>&1 &
  server_pid=$!
  stop_service() { kill -TERM "$server_pid"; wait "$server_pid" || fail "the service did not exit cleanly"; }
fi
ok=""
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=1; break; fi
  sleep 0.1
done
[[ -n $ok ]] || { cat /tmp/ucf-deb-check.log 2>/dev/null; fail "/healthz did not answer"; }
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || fail "/readyz"
step "/healthz and /readyz answer 200"
setpriv --reuid=ucf --regid=ucf --init-groups /usr/bin/ucf-server backup --env-file /etc/ucf-server/ucf.env -o /var/lib/ucf-server/backup.db >/dev/null \
  || fail "ucf backup"
[[ -s /var/lib/ucf-server/backup.db ]] || fail "empty backup"
step "ucf backup wrote /var/lib/ucf-server/backup.db"
stop_service

if [[ "$KEEP" != "--keep" ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ucf-server >/dev/null
  [[ ! -e /etc/ucf-server && ! -e /var/lib/ucf-server ]] || fail "purge left /etc/ucf-server or /var/lib/ucf-server"
  ! getent passwd ucf >/dev/null || fail "purge left the ucf user"
  step "purged"
fi
[[ $(dpkg -s ucf 2>/dev/null | grep -c "install ok installed" || true) == "$ucf_tool_before" && $(ls -A /var/lib/ucf 2>/dev/null | wc -l) == "$ucf_dir_before" ]] \
  || fail "Debian's ucf package changed state"
step "all checks passed"
