"""The corpus rules of data/messages.csv: schema, counts, family separation, no leakage."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS, REPO
from sextortion_triage.corpus import (
    CATEGORIES,
    CHANNELS,
    COLUMNS,
    HARD_NEGATIVE_CATEGORIES,
    LANGS,
    SPLITS,
)

TOOLS = REPO / "data" / "tools"
sys.path.insert(0, str(TOOLS))
from build_corpus import near_duplicate_key  # noqa: E402
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def is_generated(row: dict[str, str]) -> bool:
    return row["family"].startswith("gen-")


def test_columns_are_exactly_the_schema() -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS


def test_every_row_follows_the_vocabulary(rows: list[dict[str, str]]) -> None:
    for row in rows:
        where = row["id"]
        assert row["text"].strip(), where
        assert row["category"] in CATEGORIES, where
        assert int(row["label"]) == CATEGORIES[row["category"]], where
        assert row["channel"] in CHANNELS, where
        assert row["lang"] in LANGS, where
        assert row["split"] in SPLITS, where


def test_ids_are_unique(rows: list[dict[str, str]]) -> None:
    assert len({row["id"] for row in rows}) == len(rows)


def test_minimum_counts(rows: list[dict[str, str]]) -> None:
    labels = Counter(row["label"] for row in rows)
    assert len(rows) >= 4000
    assert labels["1"] >= 1500 and labels["0"] >= 2500
    per_category = Counter(row["category"] for row in rows)
    for category, label in CATEGORIES.items():
        if label == 1:
            assert per_category[category] >= 150, category
    hard = sum(per_category[c] for c in HARD_NEGATIVE_CATEGORIES)
    assert hard >= 0.6 * labels["0"]
    assert sum(not is_generated(row) for row in rows) >= 2000


def test_the_test_split_is_large_and_written_individually(rows: list[dict[str, str]]) -> None:
    test = [row for row in rows if row["split"] == "test"]
    assert len(test) >= 600
    assert not any(is_generated(row) for row in test)
    assert {row["label"] for row in test} == {"0", "1"}


def test_no_family_is_in_two_splits(rows: list[dict[str, str]]) -> None:
    splits_of: dict[str, set[str]] = {}
    for row in rows:
        splits_of.setdefault(row["family"], set()).add(row["split"])
    assert {family: s for family, s in splits_of.items() if len(s) > 1} == {}


def test_test_writers_write_nothing_outside_the_test_split(rows: list[dict[str, str]]) -> None:
    test_writers = {row["family"].split("-")[0] for row in rows if row["split"] == "test"}
    other_writers = {row["family"].split("-")[0] for row in rows if row["split"] != "test"}
    assert test_writers and not test_writers & other_writers


def test_no_near_duplicate_crosses_splits(rows: list[dict[str, str]]) -> None:
    split_of_key: dict[str, str] = {}
    for row in rows:
        key = near_duplicate_key(row["text"])
        assert split_of_key.setdefault(key, row["split"]) == row["split"], row["id"]


def test_generator_regenerates_its_rows_byte_for_byte(rows: list[dict[str, str]]) -> None:
    shipped = [(r["text"], r["label"], r["category"], r["channel"], r["family"])
               for r in rows if is_generated(r)]
    fresh = [(str(r["text"]), str(r["label"]), str(r["category"]), str(r["channel"]),
              str(r["family"])) for r in sorted(generate(), key=lambda r: str(r["family"]))]
    assert shipped == fresh
    first = subprocess.run([sys.executable, str(TOOLS / "generate.py")], capture_output=True,
                           check=True).stdout
    second = subprocess.run([sys.executable, str(TOOLS / "generate.py")], capture_output=True,
                            check=True).stdout
    assert first == second and len(first) > 100_000


def test_generator_output_changes_with_the_seed() -> None:
    assert generate(1)[:5] != generate(2)[:5]


def test_messages_csv_and_data_card_are_current() -> None:
    result = subprocess.run([sys.executable, str(TOOLS / "build_corpus.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_messages_csv_is_rfc4180(rows: list[dict[str, str]]) -> None:
    raw = CORPUS.read_bytes()
    assert raw.decode("utf-8")  # UTF-8
    assert b"\r\n" in raw
    reparsed = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(reparsed) == len(rows)


def test_handwritten_files_pass_the_validator() -> None:
    result = subprocess.run([sys.executable, str(TOOLS / "validate_handwritten.py")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_corpus_file_is_the_one_the_tools_write() -> None:
    assert Path(CORPUS).parent == REPO / "data"


def test_excluded_messages_name_existing_lines_and_are_absent(rows: list[dict[str, str]]) -> None:
    from build_corpus import EXCLUDED, HANDWRITTEN

    texts = {row["text"] for row in rows}
    for (family, line), reason in EXCLUDED.items():
        lines = (HANDWRITTEN / f"{family}.jsonl").read_text(encoding="utf-8").splitlines()
        assert reason
        import json

        assert json.loads(lines[line - 1])["text"] not in texts, (family, line)
