"""The long signal patterns searched three ways, side by side in one process.

Usage: python bench/search_bench.py [--messages 3000] [--rounds 3] [--workdir DIR]

For each signal pattern of 2,000 characters or more, the microseconds a message of
searching the first ``--messages`` benchmark messages (normalised, as scoring does)
with ``re``'s ``finditer``, with its start finder (``match_starts.py``: tried only at
the word starts where one of its prefixes follows) and with its RE2 twin
(``re2_twin.py``), each the fastest of ``--rounds`` rounds taken in turns. Every message
is searched, as if each were a candidate of the stand-ins, so the figures compare the
ways, not what a batch spends (there only candidates are searched). The three must find
the same spans; the script stops if they do not.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_messages import messages_file  # this folder is on sys.path when run as a script

Span = tuple[int, int]


def _timed(search: Callable[[str], list[Span]], texts: list[str]
           ) -> tuple[float, list[list[Span]]]:
    started = time.perf_counter()
    found = [search(text) for text in texts]
    return (time.perf_counter() - started) / len(texts) * 1e6, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()

    from sextortion_triage.fastscan import _start_finder, _twin
    from sextortion_triage.normalise import normalise
    from sextortion_triage.signal_batch import _scan_patterns

    with messages_file(200_000, args.workdir).open(encoding="utf-8", newline="") as handle:
        texts = [normalise(row["text"]).text
                 for row in itertools.islice(csv.DictReader(handle), args.messages)]
    owners, patterns = _scan_patterns()
    print("| pattern | characters | `re` (µs a message) | start finder | RE2 twin |")
    print("|---|---|---|---|---|")
    for (name, _), pattern in zip(owners, patterns, strict=True):
        if len(pattern.original.pattern) < 2000:
            continue
        finder, twin = _start_finder(pattern), _twin(pattern)
        ways: dict[str, Callable[[str], list[Span]]] = {
            "re": lambda text, p=pattern.original: [m.span() for m in p.finditer(text)]}
        if finder is not None:
            ways["finder"] = lambda text, f=finder, p=pattern.original: f.spans(p, text, 0,
                                                                                 len(text))
        if twin is not None:  # a text the twin cannot read goes to re, as in a batch
            ways["twin"] = lambda text, t=twin, p=pattern: (
                found if (found := t.spans(text)) is not None else p.spans(text))
        best = dict.fromkeys(ways, float("inf"))
        for _ in range(args.rounds):
            for way, search in ways.items():
                seconds, found = _timed(search, texts)
                best[way] = min(best[way], seconds)
                if way == "re":
                    expected = found
                elif found != expected:
                    raise SystemExit(f"{way} found other spans than re for {name}")
        cells = [f"{best[way]:.1f}" if way in best else "–" for way in ("re", "finder", "twin")]
        print(f"| {name} | {len(pattern.original.pattern):,} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
