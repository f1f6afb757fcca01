"""Each part of a batch row's scoring against the tokenise floor, in one process.

Usage: python bench/budget.py [--messages 20480] [--rounds 5] [--workdir DIR]

Issue 7 asks a batch on two cores for at least 40% of the floor's rows a second (the
floor: lower-casing and ``\\w+``-tokenising the same texts in one process, as
``run.py`` measures it). That allows 2 / 0.4 = 5.0 times the floor's time a row for all
of a row's work. This script shows where that budget goes: the floor and each part of
scoring (normalising, Hyperscan's pass over the signal stand-ins alone, the signals in
all, each text block's shares, ``scores_and_names`` whole), timed on the same bench
messages in the 512-message slices a batch scores, every part on each slice in turn (the
machine's slow spells then fall on all alike), in CPU time after a warm-up that builds
what a batch worker builds once. It prints each part's median over the rounds, in
microseconds a message and as a multiple of the floor.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_messages import messages_file  # this folder is on sys.path as a script
from parts import SLICE, WARM_UP, read_messages

REPO = Path(__file__).resolve().parent.parent
#: the tokenise floor's own pattern (run.py's TOKENISE)
WORD = re.compile(r"\w+")


def parts(texts: list[str]) -> tuple[dict[str, Callable[[int], object]], int]:
    """Each part as a run over slice number ``k``, and how many slices there are."""
    sys.path.insert(0, str(REPO / "src"))
    from sextortion_triage import fastscan, parallel
    from sextortion_triage import signal_batch as signals
    from sextortion_triage.block_score import block_shares
    from sextortion_triage.model import load_model
    from sextortion_triage.normalise import normalise

    bundle = load_model(REPO / "models")
    signals.prepare()
    parallel.collect_garbage_less_often()
    bundle.scores_and_names(texts[:WARM_UP])
    slices = [texts[start : start + SLICE] for start in range(WARM_UP, len(texts), SLICE)]
    views = [[normalise(text) for text in part] for part in slices]
    normalised = [[view.text for view in part] for part in views]
    stand_ins, _ = fastscan._hyperscan_set(signals._scan_patterns()[1])
    if stand_ins is None:
        raise SystemExit("Hyperscan is not installed (pip install 'sextortion-triage[fast]')")
    pieces = [[text.encode("utf-8", "surrogatepass") for text in part] for part in normalised]
    blocks = {block.name: block for block in bundle.text_blocks}

    def shares(name: str) -> Callable[[int], object]:
        block = blocks[name]
        return lambda k: block_shares(block.counter, normalised[k], block.idf, block.coef)

    runs: dict[str, Callable[[int], object]] = {
        "tokenise floor": lambda k: sum(len(WORD.findall(text.lower())) for text in slices[k]),
        "normalise": lambda k: [normalise(text) for text in slices[k]],
        "hyperscan pass": lambda k: stand_ins.matching(pieces[k]),
        "signals (all)": lambda k: signals.signal_spans_many(slices[k], views[k]),
        "words shares": shares("words"),
        "chars shares": shares("chars"),
        "scores_and_names": lambda k: bundle.scores_and_names(slices[k]),
    }
    return runs, len(slices)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_480)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    source = messages_file(100_000, args.workdir)
    texts = read_messages(source, WARM_UP + args.messages)
    runs, slices = parts(texts)
    messages = len(texts) - WARM_UP
    rounds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        spent = dict.fromkeys(runs, 0.0)
        for k in range(slices):
            for name, run in runs.items():
                started = time.process_time()
                run(k)
                spent[name] += time.process_time() - started
        for name, total in spent.items():
            rounds[name].append(total / messages * 1e6)
    median = {name: statistics.median(values) for name, values in rounds.items()}
    floor = median["tokenise floor"]
    print(f"CPU microseconds a message, median of {args.rounds} rounds over {messages:,} "
          "bench messages; 40% of the floor on two cores allows 5.0x the floor a row")
    for name, value in median.items():
        print(f"{name:<18} {value:7.1f}  {value / floor:4.1f}x the floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
