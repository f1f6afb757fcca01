"""Two commits' scoring, part by part, side by side in one process.

Usage: python bench/parts.py BASE [HEAD] [--messages 20000] [--rounds 10]

A change worth a few per cent cannot be seen in whole runs here (``ab.py``): the
machine's speed wanders by a fifth within minutes, and whole runs of the same code
differ by more than such a change. This script loads both commits' packages into one
process (each checked out in a worktree with its C extension built, and imported under
a name of its own: ``side_a``, ``side_b``), and times each part of scoring on the same
bench messages: normalising, finding the signals, the word block's shares with each
message's top terms (as ``predict`` finds them), each block's shares of the decisions
(counted and weighed at once, as a batch does), and ``scores_and_names`` whole (which
adds the Python between the parts). The messages are taken in the 512-message slices
a batch scores, and each slice is scored by both sides in turn, the first side
changing from slice to slice and round to round, so that the machine's slow spells,
which last longer than a slice, fall on both alike. Times are CPU time, after a warm-up
that builds what a batch worker builds once (the signal patterns' stand-ins and twins,
the n-gram memo), with the garbage collector set as a batch worker sets it (the second
commit's ``parallel.collect_garbage_less_often``, which this needs).

It prints, for each part and side, the median and the fastest round in microseconds a
message, and B's median over A's; and whether the two commits give the same
probabilities and signal names for every message. ``parts.py HEAD HEAD`` shows how far
apart the same code comes out (session 14: within 1% a part, 2% whole).
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from ab import revisions_parser, worktrees  # this folder is on sys.path as a script
from make_messages import messages_file

REPO = Path(__file__).resolve().parent.parent
#: messages scored before timing: the stand-ins, twins and memo are built on them
WARM_UP = 2_000
#: messages a batch worker scores together (``engine.PREDICT_SLICE``)
SLICE = 512
#: probabilities this close are the same sums added in another order, not a change
SUMMED_APART = 1e-12


def load_package(name: str, source: Path) -> ModuleType:
    """The package in ``source`` (a ``sextortion_triage`` folder), imported as ``name``:
    its modules import each other relatively, so two commits' copies live side by side."""
    spec = importlib.util.spec_from_file_location(name, source / "__init__.py",
                                                  submodule_search_locations=[str(source)])
    if spec is None or spec.loader is None:
        raise ImportError(f"no package in {source}")
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return package


class Side:
    """One commit's package, its model, and each part of scoring as a callable over the
    slices of messages (inputs worked out beforehand, by this side's own code)."""

    def __init__(self, name: str, source: Path, slices: Sequence[list[str]]) -> None:
        load_package(name, source)
        model = importlib.import_module(f"{name}.model")
        self.normalise = importlib.import_module(f"{name}.normalise").normalise
        self.signals = importlib.import_module(f"{name}.signal_batch").signal_spans_many
        block_score = importlib.import_module(f"{name}.block_score")
        self.block_shares = block_score.block_shares
        self.block_share = block_score.block_share
        # since session 23; before, predict counted the word block's entries for them
        self.block_shares_and_top = getattr(block_score, "block_shares_and_top", None)
        self.bundle = model.load_model(REPO / "models")
        self.slices = slices
        self.views = [[self.normalise(text) for text in part] for part in slices]
        self.texts = [[view.text for view in views] for views in self.views]

    def parts(self) -> dict[str, Callable[[int], object]]:
        """Each part, as a run over slice number ``k``."""
        parts: dict[str, Callable[[int], object]] = {
            "normalise": lambda k: [self.normalise(text) for text in self.slices[k]],
            "signals": lambda k: self.signals(self.slices[k], self.views[k]),
        }
        for block in self.bundle.text_blocks:
            if block.name == "words":
                parts["words top terms"] = self._top_terms(block)
            parts[f"{block.name} shares"] = self._shares(block)
        parts["scores_and_names"] = lambda k: self.bundle.scores_and_names(self.slices[k])
        return parts

    def _top_terms(self, block: Any) -> Callable[[int], object]:
        """``block``'s shares and five top terms for slice ``k``, as this side's ``predict``
        finds them: from priced columns, or (before session 23) from counted entries."""
        if self.block_shares_and_top is not None:
            find = self.block_shares_and_top
            return lambda k: find(block.counter, self.texts[k], block.idf, block.coef, 5)
        return lambda k: self.block_share(block.counter.count(self.texts[k]), block.idf,
                                          block.coef, len(self.texts[k]), 5)

    def _shares(self, block: Any) -> Callable[[int], object]:
        """``block``'s share of each decision in slice ``k``, counted and weighed at once
        (what a batch row needs)."""
        return lambda k: self.block_shares(block.counter, self.texts[k], block.idf, block.coef)

    def scores(self) -> list[Any]:
        return [self.bundle.scores_and_names(part) for part in self.slices]


def timed_round(runs: dict[str, Callable[[int], object]], slices: int, first: str,
                messages: int) -> dict[str, float]:
    """One round of a part: each slice scored by both sides in turn (``first`` first on
    even slices), so that the machine's slow spells, which last longer than a slice,
    fall on both alike. CPU microseconds a message, per side."""
    spent = dict.fromkeys(runs, 0.0)
    second = "B" if first == "A" else "A"
    for k in range(slices):
        for side in ((first, second) if k % 2 == 0 else (second, first)):
            started = time.process_time()
            runs[side](k)
            spent[side] += time.process_time() - started
    return {side: total / messages * 1e6 for side, total in spent.items()}


def compare(a: Side, b: Side) -> str:
    """Whether the two sides give every message the same probability and signal names."""
    first = [row for part in a.scores() for row in part]
    second = [row for part in b.scores() for row in part]
    names = sum(x[1] != y[1] for x, y in zip(first, second, strict=True))
    largest = max((abs(x[0] - y[0]) for x, y in zip(first, second, strict=True)), default=0.0)
    if not names and not largest:
        return f"the same probabilities and signal names for all {len(first):,} messages"
    if not names and largest <= SUMMED_APART:
        return (f"the same signal names for all {len(first):,} messages, probabilities "
                f"within {largest:.1e} (sums added in another order)")
    return (f"RESULTS DIFFER: signal names of {names:,} messages, probabilities by up to "
            f"{largest:.2e}")


def read_messages(path: Path, count: int) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return [next(rows)["text"] for _ in range(count)]


def main() -> int:
    parser = revisions_parser(__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    texts = read_messages(messages_file(WARM_UP + args.messages, args.workdir),
                          WARM_UP + args.messages)
    warm, timed_texts = texts[:WARM_UP], texts[WARM_UP:]
    slices = [timed_texts[start:start + SLICE] for start in range(0, len(timed_texts), SLICE)]
    with worktrees(args.base, args.head) as sources:
        sides = {label: Side(f"side_{label.lower()}", source / "sextortion_triage", slices)
                 for label, source in zip("AB", sources, strict=True)}
        for side in sides.values():
            side.bundle.scores_and_names(warm)
        print(compare(sides["A"], sides["B"]))
        # as in a batch worker: what is loaded stays out of the collector's passes, which
        # otherwise walked both models' objects inside whichever part was being timed
        importlib.import_module("side_b.parallel").collect_garbage_less_often()
        results = measure(sides, args.rounds, len(slices), len(timed_texts))
        print(report(results, args.base, args.head))
    return 0


def measure(sides: dict[str, Side], rounds: int, slices: int,
            messages: int) -> dict[str, dict[str, list[float]]]:
    """Each part's microseconds a message, per side, one value a round (the side that
    goes first changes from round to round)."""
    runs = {label: side.parts() for label, side in sides.items()}
    results: dict[str, dict[str, list[float]]] = {
        part: {"A": [], "B": []} for part in runs["A"] if part in runs["B"]}
    for turn in range(rounds):
        for part, times in results.items():
            spent = timed_round({label: runs[label][part] for label in "AB"}, slices,
                                "A" if turn % 2 == 0 else "B", messages)
            for label, value in spent.items():
                times[label].append(value)
    return results


def report(results: dict[str, dict[str, list[float]]], base: str, head: str) -> str:
    """One line a part: each side's median (fastest), and B's median over A's."""
    rounds = len(next(iter(results.values()))["A"])
    lines = [f"microseconds a message, median (fastest) of {rounds} rounds; "
             f"A = {base}, B = {head}",
             f"{'part':<20} {'A':>16} {'B':>16} {'B/A':>6}"]
    for part, times in results.items():
        medians = {label: statistics.median(values) for label, values in times.items()}
        cells = [f"{medians[label]:.1f} ({min(times[label]):.1f})" for label in "AB"]
        lines.append(f"{part:<20} {cells[0]:>16} {cells[1]:>16} "
                     f"{medians['B'] / medians['A']:>6.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
