"""Read and check a labelled corpus file (the schema of data/messages.csv)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["COLUMNS", "HARD_NEGATIVE_CATEGORIES", "read_corpus"]

COLUMNS = ("id", "text", "label", "category", "channel", "lang", "family", "split")
HARD_NEGATIVE_CATEGORIES = frozenset({
    "news_advice", "victim_report", "consensual_flirting", "payment_request", "crypto_notice",
    "other_scam", "nonsexual_threat", "security_notice", "joke_fiction",
})


def read_corpus(path: Path) -> Any:
    """Return the corpus as a DataFrame, after checking its columns and labels."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"corpus file {path} does not exist.",
                         "pass --data with the path to messages.csv.")
    frame = pd.read_csv(path, dtype={"id": str, "text": str, "category": str, "channel": str,
                                     "lang": str, "family": str, "split": str},
                        keep_default_na=False, encoding="utf-8")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"{path} lacks the columns {missing}.",
                         f"a corpus needs the columns {list(COLUMNS)}.")
    bad = frame.index[~frame["label"].isin([0, 1])].tolist()
    if bad:
        raise InputError(f"{path}: label must be 0 or 1 (first bad data row {bad[0] + 1}).")
    return frame
