"""Issue 7's figures, each measured next to its baseline in this same run, with pass/fail.

Usage: python bench/run.py [--rows 1000000] [--repeats 5] [--workdir DIR] [--without-hyperscan]

| figure | how it is measured | baseline, measured in the same run |
|---|---|---|
| cold check | wall time of ``sextortion-triage check`` (a new process, shipped model, a
  300-character message) until it exits, median of ``--repeats`` | ``python -c "import
  sklearn.linear_model"``, interleaved with it |
| batch | ``batch`` CSV to CSV over ``--rows`` realistic messages (bench/make_messages.py)
  with a worker per core; peak memory is the sum over the process and its workers,
  sampled from /proc | lower-casing and regex-tokenising the same texts in one process |
| score_many | messages per second of one ``score_many`` call | ``score`` in a loop |
| model size | bytes of the shipped model files | (target only) |
| accuracy | test-split figures of ``evaluate`` now | the figures in the model card |
| same scores | largest difference between ``score``, ``score_many``, ``batch`` and the CLI |
  (target only) |

``--without-hyperscan`` measures the package as installed without its ``fast`` extra
(``bench/no_hyperscan`` first on the path, so ``import hyperscan`` fails).

Machines are noisy: read ratios, not absolute numbers, and run it when nothing else runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from make_messages import messages_file  # this folder is on sys.path when run as a script

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: first on the path, this folder makes ``import hyperscan`` fail
NO_HYPERSCAN = HERE / "no_hyperscan"
MESSAGE = ("hey so i have ur nudes and screenshots of all ur followers. send $300 on cash app "
           "in the next hour or i post everything to ur story and dm it to ur family and your "
           "school. dont tell anyone and dont block me or it goes out right now. i'm not "
           "joking, the timer started when you read this. pay and it all gets deleted, ok?")
TOKENISE = """
import csv, re, sys, time
word = re.compile(r"\\w+")
with open(sys.argv[1], encoding="utf-8", newline="") as src:
    texts = [row["text"] for row in csv.DictReader(src)]
started = time.perf_counter()
count = sum(len(word.findall(text.lower())) for text in texts)
print(time.perf_counter() - started)
"""


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, from /proc (0 when gone)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines()
                              if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration):
            continue
    return total / 1024


class Sampled(NamedTuple):
    """What ``run_sampling_memory`` saw of a command."""

    seconds: float      # wall time
    peak_mb: float      # peak RSS of the command and its descendants, summed
    parent_cpu: float   # CPU seconds of the command's own process, not its workers (as
                        # last sampled: up to one sampling interval short)


def _own_cpu_seconds(pid: int) -> float | None:
    """User and system CPU seconds of ``pid`` alone, from /proc (None when gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_sampling_memory(command: list[str], env: dict[str, str] | None = None) -> Sampled:
    """Wall seconds, peak summed RSS in MB and the parent's own CPU seconds of ``command``
    and the processes it starts, sampled from /proc every 50 ms."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    peak = parent_cpu = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss_mb(process.pid))
        parent_cpu = _own_cpu_seconds(process.pid) or parent_cpu
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed with exit code {process.returncode}")
    return Sampled(seconds, peak, parent_cpu)


def cold_check(repeats: int) -> tuple[float, float]:
    """Median seconds of a cold ``check`` and of importing scikit-learn, interleaved."""
    check = [sys.executable, "-m", "sextortion_triage", "check", "--no-color", MESSAGE]
    sklearn = [sys.executable, "-c", "import sklearn.linear_model"]
    _seconds(check), _seconds(sklearn)  # warm the disk cache for both alike
    checks, imports = [], []
    for _ in range(repeats):
        checks.append(_seconds(check))
        imports.append(_seconds(sklearn))
    return statistics.median(checks), statistics.median(imports)


def batch_throughput(rows: int, workdir: Path) -> tuple[float, float, tuple[float, float]]:
    """(batch rows/s with every core, peak MB, tokenise-floor rows/s just before and just
    after the batch: the machine's speed can change during a two-minute run)."""
    source = messages_file(rows, workdir)
    out = workdir / "bench-out.csv"
    before = _tokenise_floor(source, rows)
    seconds, peak, _ = run_sampling_memory(
        [sys.executable, "-m", "sextortion_triage", "batch", str(source), "-o", str(out),
         "--force", "--quiet"])
    out.unlink(missing_ok=True)
    return rows / seconds, peak, (before, _tokenise_floor(source, rows))


def _tokenise_floor(source: Path, rows: int) -> float:
    """Rows/s of lower-casing and regex-tokenising the texts in one process."""
    floor = subprocess.run([sys.executable, "-c", TOKENISE, str(source)], check=True,
                           capture_output=True, text=True)
    return rows / float(floor.stdout)


def score_many_speedup(count: int = 2000, rounds: int = 3) -> tuple[float, float]:
    """(score_many messages/s, score-in-a-loop messages/s) on corpus messages, each the
    fastest of ``rounds`` interleaved runs."""
    from sextortion_triage import score, score_many

    with (REPO / "data" / "messages.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row["text"] for row in csv.DictReader(handle)]
    texts = rows[:: max(1, len(rows) // count)][:count]  # every family, not the first few
    # Both sides warmed up first: the model loaded, and the one-off set-up of a large
    # batch (compiling the RE2 stand-ins of the signal patterns) paid before timing.
    score_many(texts)
    score(texts[0])
    many = loop = 0.0
    for _ in range(rounds):  # taking turns, so a slow spell of the machine hits both
        started = time.perf_counter()
        score_many(texts)
        many = max(many, count / (time.perf_counter() - started))
        started = time.perf_counter()
        for text in texts:
            score(text)
        loop = max(loop, count / (time.perf_counter() - started))
    return many, loop


def model_size_mb() -> float:
    from sextortion_triage.model import shipped_model_dir

    return sum(p.stat().st_size for p in shipped_model_dir().iterdir()
               if p.name in ("model.json", "weights.npz", "model_card.json")) / 1e6


def accuracy_drift() -> float:
    """Largest difference, in points, between test figures now and in the model card."""
    from sextortion_triage.evaluate import evaluate
    from sextortion_triage.model import CARD_NAME, shipped_model_dir

    card = json.loads((shipped_model_dir() / CARD_NAME).read_text(encoding="utf-8"))
    recorded = card["metrics"]["test"]
    now = evaluate(REPO / "data" / "messages.csv", split="test")
    keys = ("roc_auc", "pr_auc")
    diffs = [abs(now[k] - recorded[k]) * 100 for k in keys]
    for level in ("medium", "high"):
        for measure in ("precision", "recall", "false_positive_rate"):
            diffs.append(abs(now["levels"][level][measure]
                             - recorded["levels"][level][measure]) * 100)
    return max(diffs)


def path_agreement(workdir: Path, count: int = 300) -> float:
    """Largest score difference between score, score_many, batch and the CLI."""
    from sextortion_triage import score, score_many

    with (REPO / "data" / "messages.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][::29][:count]
    single = [score(text).score for text in texts]
    many = [result.score for result in score_many(texts)]
    source, out = workdir / "paths.csv", workdir / "paths-out.jsonl"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["text"], *([t] for t in texts)])
    subprocess.run([sys.executable, "-m", "sextortion_triage", "batch", str(source), "-o",
                    str(out), "--force", "--quiet", "--chunk-size", "50"], check=True)
    batch = [json.loads(line)["score"] for line in out.read_text().splitlines()]
    cli = [json.loads(subprocess.run(
        [sys.executable, "-m", "sextortion_triage", "check", "--json", text],
        check=True, capture_output=True, text=True).stdout)["score"] for text in texts[:20]]
    return max(max(abs(a - b) for a, b in zip(single, other, strict=False))
               for other in (many, batch, cli))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--without-hyperscan", action="store_true")
    args = parser.parse_args()
    if args.without_hyperscan:  # for this process and every one it starts
        sys.path.insert(0, str(NO_HYPERSCAN))
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(NO_HYPERSCAN), os.environ.get("PYTHONPATH")]))
    rows: list[tuple[str, str, str, str, str, bool]] = []

    check, sklearn = cold_check(args.repeats)
    rows.append(("cold `check` (s, median)", f"{check:.2f}", f"import sklearn {sklearn:.2f}",
                 f"{check / sklearn:.2f}", "≤ baseline and < 1.0",
                 check <= sklearn and check < 1.0))
    rate, peak, (before, after) = batch_throughput(args.rows, args.workdir)
    floor = (before + after) / 2
    rows.append((f"batch CSV→CSV, {args.rows:,} rows (rows/s)", f"{rate:,.0f}",
                 f"tokenise floor {floor:,.0f} (before {before:,.0f}, after {after:,.0f})",
                 f"{rate / floor:.2f}",
                 "≥ 20,000 and ≥ 0.40", rate >= 20_000 and rate / floor >= 0.40))
    rows.append(("batch peak memory, all processes (MB)", f"{peak:,.0f}", "–", "–", "< 500",
                 peak < 500))
    many, loop = score_many_speedup()
    rows.append(("`score_many` (messages/s)", f"{many:,.0f}", f"`score` loop {loop:,.0f}",
                 f"{many / loop:.1f}×", "≥ 10×", many / loop >= 10))
    size = model_size_mb()
    rows.append(("model files (MB)", f"{size:.1f}", "–", "–", "< 20", size < 20))
    drift = accuracy_drift()
    rows.append(("test figures vs model card (largest difference, points)", f"{drift:.3f}",
                 "model card", "–", "≤ 0.2", drift <= 0.2))
    agreement = path_agreement(args.workdir)
    rows.append(("same score from score/score_many/batch/CLI (largest difference)",
                 f"{agreement:.1e}", "–", "–", "≤ 1e-6", agreement <= 1e-6))

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; {time.strftime('%Y-%m-%d')}"
          + ("; Hyperscan hidden" if args.without_hyperscan else ""))
    print()
    print("| figure | measured | baseline (same run) | ratio | target | result |")
    print("|---|---|---|---|---|---|")
    for name, value, baseline, ratio, target, passed in rows:
        print(f"| {name} | {value} | {baseline} | {ratio} | {target} | "
              f"{'pass' if passed else '**fail**'} |")
    return 0 if all(row[-1] for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
