"""Benchmark ``sextortion-triage batch`` on a large CSV, side by side with baselines.

Usage: python bench/batch_bench.py [--rows 1000000] [--workdir DIR]

Makes (once) a CSV of realistic messages with bench/make_messages.py, then runs, one
after the other in this same run so that machine noise hits all of them alike:
- ``batch``: the real command, CSV in, CSV out;
- ``copy``: read and write the same CSV with Python's csv module (the I/O floor);
- ``tokenise``: lower-case and regex-tokenise the same texts in one process (the floor
  that issue 7 measures against).
Each runs in its own process; the table gives wall time, rows per second and peak
resident memory (RSS, from the operating system's accounting of that child process).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_messages import messages_file  # this folder is on sys.path when run as a script

HERE = Path(__file__).resolve().parent
COPY = """
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as src, \\
        open(sys.argv[2], "w", encoding="utf-8", newline="") as dst:
    writer = csv.writer(dst)
    for row in csv.reader(src):
        writer.writerow(row)
"""
TOKENISE = """
import csv, re, sys
word = re.compile(r"\\w+")
count = 0
with open(sys.argv[1], encoding="utf-8", newline="") as src:
    for row in csv.DictReader(src):
        count += len(word.findall(row["text"].lower()))
"""


def measured(command: list[str]) -> tuple[float, float]:
    """Run ``command`` in a fresh process: (seconds, peak RSS in MB of that process)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"{command[:3]} failed with exit status {status}")
    return seconds, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    source = messages_file(args.rows, args.workdir)
    size_mb = source.stat().st_size / 1e6
    out = args.workdir / "bench-out.csv"
    runs = {
        "batch (sextortion-triage)": [sys.executable, "-m", "sextortion_triage", "batch",
                                      str(source), "-o", str(out), "--force", "--quiet"],
        "copy (csv module, I/O floor)": [sys.executable, "-c", COPY, str(source), str(out)],
        "tokenise (lower + regex, one process)": [sys.executable, "-c", TOKENISE, str(source)],
    }
    print(f"{args.rows:,} rows, {size_mb:,.0f} MB CSV; Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}")
    print()
    print("| run | seconds | rows/s | peak RSS (MB) |")
    print("|---|---|---|---|")
    for name, command in runs.items():
        seconds, rss = measured(command)
        print(f"| {name} | {seconds:,.1f} | {args.rows / seconds:,.0f} | {rss:,.0f} |",
              flush=True)
    out.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
