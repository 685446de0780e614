#!/usr/bin/env python3
"""Replaces one section of bench/RESULTS.md, or appends it when absent.

    write_section.py SECTION_TEXT

A section runs from its "## " heading line (the first line of SECTION_TEXT) to the next "## "
heading or the end of the file, so each bench script rewrites only its own results.
"""
import os
import sys

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "RESULTS.md")
section = sys.argv[1].rstrip() + "\n"
heading = section.splitlines()[0]
if not os.path.exists(path):
    open(path, "w").write("# Benchmark results\n\nEach section is rewritten by the script named in its heading.\n")
lines = open(path).read().splitlines(keepends=True)
if heading + "\n" in lines:
    start = lines.index(heading + "\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    # Keep the blank line that separated this section from the next one.
    tail = ["\n"] + lines[end:] if end < len(lines) else []
    lines = lines[:start] + [section] + tail
else:
    lines = ["".join(lines).rstrip() + "\n\n", section]
open(path, "w").write("".join(lines))
