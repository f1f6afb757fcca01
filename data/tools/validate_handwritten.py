"""Check hand-written family files (data/handwritten/<family>.jsonl) before they are built.

Usage: python data/tools/validate_handwritten.py [FILE.jsonl ...]   (default: all of them)

Each line is one JSON object: {"text", "label", "category", "channel", "lang"}.
Prints one line per problem (file:line: what) and a count table; exits 1 on any problem.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_schema import CATEGORIES, CHANNELS, LANGS

FIELDS = {"text", "label", "category", "channel", "lang"}
FAMILY_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
HANDWRITTEN = Path(__file__).resolve().parent.parent / "handwritten"


def problems_in(path: Path) -> tuple[list[str], collections.Counter[tuple[int, str]]]:
    """Return the problems found in one family file and its (label, category) counts."""
    problems: list[str] = []
    counts: collections.Counter[tuple[int, str]] = collections.Counter()
    if not FAMILY_NAME.match(path.stem):
        problems.append(f"{path.name}: family name must look like 'w1-dm-teen'")
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if not line.strip():
            problems.append(f"{where}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(row, dict) or set(row) != FIELDS:
            problems.append(f"{where}: fields must be exactly {sorted(FIELDS)}")
            continue
        text, label, category = row["text"], row["label"], row["category"]
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
            continue
        if category not in CATEGORIES:
            problems.append(f"{where}: unknown category {category!r}")
        elif label != CATEGORIES[category]:
            problems.append(f"{where}: category {category} needs label {CATEGORIES[category]}")
        if row["channel"] not in CHANNELS:
            problems.append(f"{where}: channel must be one of {CHANNELS}")
        if row["lang"] not in LANGS:
            problems.append(f"{where}: lang must be one of {LANGS}")
        key = " ".join(re.sub(r"[^\w\s]", "", text.casefold()).split())
        if key in seen:
            problems.append(f"{where}: near-duplicate of an earlier line")
        seen.add(key)
        counts[(label, category)] += 1
    return problems, counts


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(HANDWRITTEN.glob("*.jsonl"))
    total: collections.Counter[tuple[int, str]] = collections.Counter()
    failed = False
    for path in paths:
        problems, counts = problems_in(path)
        for problem in problems:
            print(problem)
        failed = failed or bool(problems)
        total.update(counts)
    for (label, category), count in sorted(total.items()):
        print(f"label {label}  {category:<24} {count:>5}")
    verdict = "FAILED" if failed else "ok"
    print(f"total {sum(total.values())} messages in {len(paths)} files; {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
