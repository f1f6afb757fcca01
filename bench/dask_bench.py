"""Benchmark ``batch --engine dask`` against the single-process ``batch`` on the same files.

Usage: python bench/dask_bench.py [--rows 5000000] [--files 8] [--workers 1,2]
                                  [--repeats 1] [--format csv|parquet] [--workdir DIR]
                                  [--model DIR]

Makes (once) ``--files`` input files holding ``--rows`` messages in all, with
bench/make_messages.py (a different seed per file; Parquet is converted from those CSVs),
then runs, one after the other in this same run:
- ``batch --workers 1``: the single-process batch, the baseline;
- for each N in ``--workers``: ``batch --workers N`` (the local engine's pool of N
  processes, when N > 1) and ``batch --engine dask --workers N`` (a local Dask cluster of
  N worker processes, started and stopped inside the timed run).
All write CSV, and the script checks that they wrote the same rows in the same order
(scores equal to 1e-12: the scorer's sums can differ in the last bit with the other rows
of a chunk, and Parquet partitions cut other chunks than one process does).
With ``--repeats R`` the runs take turns R times and each row of the table is the run's
fastest round, so that a burst of other work on a shared machine hits all of them alike.
Peak memory is the largest sum of resident memory (RSS) over the command's whole process
tree (client, scheduler, workers), sampled every 0.2 s. CPU seconds are the user + system
time of the whole tree (the operating system's accounting of the command and every
process it waited for): unlike wall time, they do not depend on what else the machine is
doing, so they show what the Dask engine costs per row even on a busy machine. The load
average before each run is printed beside it.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from make_messages import corpus_digest  # this folder is on sys.path when run as a script

HERE = Path(__file__).resolve().parent


def make_inputs(rows: int, files: int, fmt: str, workdir: Path) -> list[Path]:
    """``files`` files of about ``rows / files`` messages each (made once, then reused)."""
    folder = workdir / f"dask-bench-{rows}-{files}-{fmt}-{corpus_digest()}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(files):
        count = rows // files + (1 if number < rows % files else 0)
        source = folder / f"messages-{number:03d}.csv"
        if not source.exists():
            subprocess.run([sys.executable, str(HERE / "make_messages.py"), str(count),
                            str(source), "--seed", str(100 + number)], check=True)
        if fmt == "parquet":
            import pyarrow.csv as pa_csv
            import pyarrow.parquet as parquet

            target = source.with_suffix(".parquet")
            if not target.exists():
                table = pa_csv.read_csv(source, convert_options=pa_csv.ConvertOptions(
                    column_types={"id": "string", "channel": "string", "text": "string"}))
                parquet.write_table(table, target, row_group_size=50_000)
            source = target
        paths.append(source)
    return paths


def measured(command: list[str]) -> tuple[float, float, float]:
    """Run ``command``: (seconds, CPU seconds, peak summed RSS in MB) of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    root = psutil.Process(process.pid)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        total = 0
        try:
            for member in [root, *root.children(recursive=True)]:
                try:
                    total += member.memory_info().rss
                except psutil.Error:
                    continue
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[:5]} failed with exit status {process.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, peak / 1e6


def same_row(mine: list[str], theirs: list[str], score: int) -> bool:
    """Equal rows, with scores equal to 1e-12 (relative)."""
    if mine[:score] + mine[score + 1:] != theirs[:score] + theirs[score + 1:]:
        return False
    if "" in (mine[score], theirs[score]):
        return mine[score] == theirs[score]
    return abs(float(mine[score]) - float(theirs[score])) <= 1e-12 * abs(float(mine[score]))


def rows_of(paths: list[Path]) -> Iterator[list[str]]:
    """Data rows of CSV files, each file's header skipped."""
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            yield from reader


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--workers", default="2",
                        help="worker counts to run, comma-separated (e.g. 1,2)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--model", type=Path, help="model directory (default: the shipped one)")
    args = parser.parse_args()
    inputs = make_inputs(args.rows, args.files, args.format, args.workdir)
    size_mb = sum(p.stat().st_size for p in inputs) / 1e6
    local_out = args.workdir / "dask-bench-local.csv"
    dask_out = args.workdir / "dask-bench-dask"
    command = [sys.executable, "-m", "sextortion_triage", "batch", *map(str, inputs),
               "--force", "--quiet", *(["--model", str(args.model)] if args.model else [])]
    runs = {"batch --workers 1 (one process)": [*command, "--workers", "1", "-o",
                                                str(local_out)]}
    for workers in [int(n) for n in args.workers.split(",")]:
        if workers > 1:
            runs[f"batch --workers {workers} (local engine)"] = [
                *command, "--workers", str(workers), "-o", str(local_out.with_suffix(
                    f".{workers}.csv"))]
        runs[f"batch --engine dask --workers {workers}"] = [
            *command, "--engine", "dask", "--workers", str(workers), "-o",
            str(dask_out.with_name(f"{dask_out.name}-{workers}")), "--output-format", "csv"]
    print(f"{args.rows:,} rows in {args.files} {args.format.upper()} files, {size_mb:,.0f} MB; "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
    print()
    print("| run | seconds | rows/s | CPU seconds | rows per CPU second | peak RSS (MB) "
          "| load average before |")
    print("|---|---|---|---|---|---|---|")
    best: dict[str, tuple[float, float, float, float]] = {}
    for _ in range(args.repeats):
        for name, run in runs.items():
            load = os.getloadavg()[0]
            seconds, cpu, rss = measured(run)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, cpu, rss, load)
    rates = []
    for name, (seconds, cpu, rss, load) in best.items():
        rates.append(args.rows / seconds)
        print(f"| {name} | {seconds:,.1f} | {args.rows / seconds:,.0f} | {cpu:,.1f} | "
              f"{args.rows / cpu:,.0f} | {rss:,.0f} | {load:.1f} |", flush=True)
    print()
    for name, rate in zip(list(runs)[1:], rates[1:], strict=True):
        print(f"{name}: {rate / rates[0]:.2f}x the one-process throughput")
    outputs = [Path(run[run.index("-o") + 1]) for run in runs.values()]
    with outputs[0].open(encoding="utf-8", newline="") as handle:
        score = next(csv.reader(handle)).index("score")
    for other in outputs[1:]:
        files = sorted(other.glob("part-*.csv")) if other.is_dir() else [other]
        compared = 0
        for compared, (mine, theirs) in enumerate(zip(rows_of([outputs[0]]), rows_of(files),
                                                      strict=True), 1):
            if not same_row(mine, theirs, score):
                raise SystemExit(f"row {compared:,} of {other} differs from {outputs[0]}")
        if compared != args.rows:
            raise SystemExit(f"{other}: {compared:,} rows written, {args.rows:,} expected")
    print(f"every run wrote the same {args.rows:,} rows in the same order")
    for output in outputs:
        if output.is_dir():
            for part in output.iterdir():
                part.unlink()
            output.rmdir()
        else:
            output.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
