"""Two commits' speed, like for like: whole ``batch`` runs taking turns (A B B A ...).

Usage: python bench/ab.py BASE [HEAD] [--rows 200000] [--pairs 4] [--in-process]
                          [--without-hyperscan]

This machine's speed wanders by a third within minutes, so two sessions' tables of
``run.py`` do not compare commits. This script checks both commits out side by side (git
worktrees in a temporary folder, each with its C extension built in place), and runs each
on the same input with the same model (this checkout's ``models/``), taking turns, so
that a slow spell hits both alike. It prints each run's wall and CPU seconds (the batch
and its workers, and of those the batch's own process: reading, handing out and writing
rows) and its peak memory (summed over them, sampled from /proc as ``run.py``
does), the means, and whether the two outputs are byte for byte the same.
``--without-hyperscan`` runs both as installed without the ``fast`` extra.
``--in-process`` times ``scores_and_names`` over the input's first 20,000 messages in one
process instead (microseconds a message, CPU time), leaving out start-up and the CSV.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from make_messages import messages_file  # this folder is on sys.path when run as a script
from run import NO_HYPERSCAN, run_sampling_memory

REPO = Path(__file__).resolve().parent.parent
IN_PROCESS = """
import csv, sys, time
from sextortion_triage.model import load_model
bundle = load_model()
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    rows = csv.DictReader(handle)
    texts = [next(rows)["text"] for _ in range(20000)]
bundle.scores_and_names(texts[:2000])  # set-up (stand-ins, twins, counters) not timed
started = time.process_time()
for start in range(0, len(texts), 512):
    bundle.scores_and_names(texts[start:start + 512])
print((time.process_time() - started) / len(texts) * 1e6)
"""


def checkout(revision: str, folder: Path) -> Path:
    """``revision`` in a worktree at ``folder``, its C extension built in place."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-f", str(folder),
                    revision], check=True, capture_output=True)
    subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=folder,
                   check=True, capture_output=True)
    return folder / "src"


@contextlib.contextmanager
def worktrees(*revisions: str) -> Iterator[list[Path]]:
    """Each of ``revisions`` checked out (``checkout``) in a temporary folder: their
    ``src`` folders. The worktrees are removed however the block ends."""
    with tempfile.TemporaryDirectory() as scratch:
        folders = [Path(scratch) / f"tree-{number}" for number in range(len(revisions))]
        try:
            yield [checkout(revision, folder) for revision, folder in zip(revisions, folders,
                                                                          strict=True)]
        finally:
            for folder in folders:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                                str(folder)], capture_output=True)


class Run(NamedTuple):
    """One whole batch: wall and CPU seconds (the batch and its workers), the CPU seconds
    of the batch's own process, which reads, hands out and writes the rows, and peak MB."""

    wall: float
    cpu: float
    parent_cpu: float
    peak: float


def batch_run(source: Path, environment: dict[str, str], out: Path) -> Run:
    """One whole batch with the package on ``environment``'s path."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak, parent_cpu = run_sampling_memory(
        [sys.executable, "-m", "sextortion_triage", "batch", str(source), "-o", str(out),
         "--force", "--quiet", "--model", str(REPO / "models")], environment)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, parent_cpu, peak)


def in_process_run(source: Path, environment: dict[str, str]) -> float:
    """Microseconds a message, scoring in one process with the package on
    ``environment``'s path."""
    done = subprocess.run([sys.executable, "-c", IN_PROCESS, str(source)], env=environment,
                          check=True, capture_output=True, text=True)
    return float(done.stdout)


def _environment(code: Path, without_hyperscan: bool) -> dict[str, str]:
    """This environment, with ``code`` (and ``NO_HYPERSCAN`` before it) on the path."""
    path = [str(NO_HYPERSCAN)] if without_hyperscan else []
    return {**os.environ, "PYTHONPATH": os.pathsep.join([*path, str(code)])}


def revisions_parser(description: str) -> argparse.ArgumentParser:
    """A command line of two revisions (the second HEAD if left out) and the ``--workdir``
    where the benchmark input is kept."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="HEAD")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    return parser


def main() -> int:
    parser = revisions_parser(__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--without-hyperscan", action="store_true")
    args = parser.parse_args()
    source = messages_file(args.rows, args.workdir)
    with worktrees(args.base, args.head) as codes, tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        environments = {side: _environment(code, args.without_hyperscan)
                        for side, code in zip("AB", codes, strict=True)}
        results: dict[str, list[Run]] = {"A": [], "B": []}
        for pair in range(args.pairs):
            for side in ("AB" if pair % 2 == 0 else "BA"):
                if args.in_process:
                    result = Run(in_process_run(source, environments[side]), 0.0, 0.0, 0.0)
                    print(f"{side} {result.wall:.1f} us a message", flush=True)
                else:
                    result = batch_run(source, environments[side],
                                       folder / f"out-{side}.csv")
                    print(f"{side} wall {result.wall:.1f} s, CPU {result.cpu:.1f} s "
                          f"(parent {result.parent_cpu:.1f}), peak {result.peak:.0f} MB",
                          flush=True)
                results[side].append(result)
        for side, name in (("A", args.base), ("B", args.head)):
            runs = results[side]
            unit = "us a message" if args.in_process else "s wall"
            extra = "" if args.in_process else (
                f", CPU {statistics.mean(r.cpu for r in runs):.1f} s "
                f"(parent {statistics.mean(r.parent_cpu for r in runs):.1f}), "
                f"peak {max(r.peak for r in runs):.0f} MB")
            print(f"{side} = {name}: mean {statistics.mean(r.wall for r in runs):.1f} "
                  f"{unit}{extra}")
        if not args.in_process:
            same = filecmp.cmp(folder / "out-A.csv", folder / "out-B.csv", shallow=False)
            print("outputs byte-identical" if same else "OUTPUTS DIFFER")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
