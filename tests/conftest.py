"""Shared fixtures: a tiny corpus and a tiny model trained from it in seconds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "messages.csv"
SHARED = REPO.parent / "shared"
TINY_CANDIDATE = ({"blocks": ("words", "chars", "signals"), "classifier": "logistic", "C": 4.0},)


def _tiny_rows(per_split_and_label: dict[str, int]) -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    chosen: list[dict[str, str]] = []
    taken: dict[tuple[str, str], int] = {}
    for row in rows[::7] + rows:  # a spread of families first, then anything left
        key = (row["split"], row["label"])
        if taken.get(key, 0) < per_split_and_label[row["split"]] and row not in chosen:
            taken[key] = taken.get(key, 0) + 1
            chosen.append(row)
    return chosen


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 360-message corpus drawn from data/messages.csv, all three splits present."""
    rows = _tiny_rows({"train": 120, "validation": 40, "test": 20})
    path = tmp_path_factory.mktemp("corpus") / "tiny.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def tiny_model(tiny_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model directory trained on the tiny corpus with one candidate."""
    from sextortion_triage.train import train

    out = tmp_path_factory.mktemp("model")
    train(tiny_corpus, out, candidates=TINY_CANDIDATE)
    return out
