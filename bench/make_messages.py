"""Make a large CSV of realistic messages for benchmarks (seeded, from the project's corpus).

Usage: python bench/make_messages.py ROWS OUT.csv [--seed 7]

Each row is a corpus message (both labels, every category), cut or padded towards about
250 characters with other corpus text so lengths look like real chat and e-mail, plus an
id and a channel column. The corpus is the project's own; nothing is fetched.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "messages.csv"


def write_messages(rows: int, out: Path, seed: int = 7) -> None:
    """Write ``rows`` messages to ``out`` (CSV: id, channel, text)."""
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["id", "channel", "text"])
        for number in range(rows):
            text = rng.choice(texts)
            while len(text) < 180:
                text = text + " " + rng.choice(texts)
            writer.writerow([f"m{number:07d}", rng.choice(["dm", "sms", "email", "chat"]),
                             text[: rng.randint(200, 320)]])


def corpus_digest() -> str:
    """Names benchmark inputs by the corpus they come from: a file made from an older
    corpus (once, with fewer languages) is another workload and is never reused."""
    return hashlib.sha256(CORPUS.read_bytes()).hexdigest()[:12]


def messages_file(rows: int, workdir: Path) -> Path:
    """The benchmark input of ``rows`` messages in ``workdir``, made if missing."""
    path = workdir / f"bench-messages-{rows}-{corpus_digest()}.csv"
    if not path.exists():
        partial = path.with_suffix(".partial")
        write_messages(rows, partial)
        partial.replace(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_messages(args.rows, args.out, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
