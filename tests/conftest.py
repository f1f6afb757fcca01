"""Shared fixtures: a tiny corpus and a tiny model trained from it in seconds."""

from __future__ import annotations

import csv
import gc
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: the tests' own cache folder (regex_cache.py), so that they never fill the user's: set
#: before any test runs, and inherited by the processes the tests start (Dask's workers
#: import this file too, and use the same folder)
_OWN_CACHE = "SEXTORTION_TRIAGE_TEST_CACHE" not in os.environ
_TEST_CACHE = os.environ.setdefault("SEXTORTION_TRIAGE_TEST_CACHE", tempfile.mkdtemp(
    prefix="sextortion-triage-test-cache-") if _OWN_CACHE else "")
os.environ["SEXTORTION_TRIAGE_CACHE"] = _TEST_CACHE


@pytest.fixture(scope="session", autouse=True)
def _remove_the_test_cache() -> Iterator[None]:
    yield
    if _OWN_CACHE:
        shutil.rmtree(_TEST_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _garbage_collector_as_it_was() -> Iterator[None]:
    """``batch`` tunes its process's garbage collector
    (``parallel.collect_garbage_less_often``), and CliRunner runs it in this one: each
    test leaves it as it found it."""
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield
    gc.set_threshold(*thresholds)
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()

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
