#!/usr/bin/python3
"""Parses a Prometheus text exposition with Debian's python3-prometheus-client and checks it.

Usage: check_metrics.py FILE FAMILY...   (exit 0 when valid and every FAMILY is present)
The parser raises on any malformed line; on top of it this checks that every family has HELP and
TYPE, that no series appears twice, and that counters and gauges hold finite numbers.
"""
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    helped, typed = set(), set()
    for line in text.splitlines():
        if line.startswith("# HELP "):
            helped.add(line.split(" ")[2])
        elif line.startswith("# TYPE "):
            typed.add(line.split(" ")[2])
    families = {}
    seen = set()
    for family in text_string_to_metric_families(text):
        families[family.name] = family
        for sample in family.samples:
            key = (sample.name, tuple(sorted(sample.labels.items())))
            if key in seen:
                raise SystemExit(f"duplicate series {key}")
            seen.add(key)
            if family.type in ("counter", "gauge") and not math.isfinite(sample.value):
                raise SystemExit(f"non-finite value in {key}")
    for name, family in families.items():
        raw = name + "_total" if family.type == "counter" and name + "_total" in typed else name
        if raw not in helped or raw not in typed:
            raise SystemExit(f"{raw}: HELP and TYPE required")
    missing = [f for f in sys.argv[2:] if f not in families]
    if missing:
        raise SystemExit(f"missing families: {missing}; have {sorted(families)}")
    print(f"METRICS OK {len(families)} families, {len(seen)} series")


if __name__ == "__main__":
    main()
