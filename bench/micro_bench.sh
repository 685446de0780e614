#!/usr/bin/env bash
# Google Benchmark of per-row hot paths (Fernet, base64url, RFC 3339) against the baselines built
# into the same binary, in one run on this machine. Writes bench/RESULTS.md (section "Micro").
#
#   bash bench/micro_bench.sh [repetitions]     (needs a build: bash scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-5}
BUILD=${UCF_BUILD_DIR:-$PWD/build}
JSON=$(mktemp /tmp/ucf-micro-XXXXXX.json)
trap 'rm -f "$JSON"' EXIT
"$BUILD/bench/crypto_bench" --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$JSON" --benchmark_out_format=json >/dev/null

SECTION=$(/usr/bin/python3 - "$JSON" "$REPS" <<'PY'
import json, sys, datetime, os
data = json.load(open(sys.argv[1]))
median = {b["run_name"]: b["cpu_time"] for b in data["benchmarks"] if b.get("aggregate_name") == "median"}
ctx = data["context"]
rows = []
for name, ns in median.items():
    if name.endswith("_Baseline"):
        continue
    base = median.get(name + "_Baseline")
    rows.append(f"| `{name}` | {ns:.0f} | " + (f"{base:.0f} | {base / ns:.1f}x |" if base else "| |"))
now = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%MZ")
print(f"""## Micro (bench/micro_bench.sh)

Measured {now} on {ctx['num_cpus']} cores ({ctx['mhz_per_cpu']} MHz). Command: `bash bench/micro_bench.sh {sys.argv[2]}`
(`build/bench/crypto_bench`, Google Benchmark, median CPU time of {sys.argv[2]} repetitions). The baseline of each
row is built into the same binary: Fernet with OpenSSL's one-shot `EVP_Q_mac` and implicitly fetched
AES (ucf's code before it prepared the key once), OpenSSL's base64 decoder, `gmtime_r` + `fmt::format`.

| benchmark | ucf (ns) | baseline (ns) | speed-up |
|---|---|---|---|
""" + "\n".join(rows))
PY
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
