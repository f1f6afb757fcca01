"""Counting n-grams with arrays gives exactly the counts of the string recipe.

Every test here runs twice: with the C extension's counters (where it was built) and
with the numpy ones it replaces.
"""

from __future__ import annotations

import csv
import marshal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import compiled, gram_counts
from sextortion_triage.features import char_ngrams, word_ngrams
from sextortion_triage.gram_counts import (
    CharGramCounter,
    StringGramCounter,
    WordGramCounter,
    counter_for,
)
from sextortion_triage.keytable import KeyTable
from sextortion_triage.normalise import normalise


@pytest.fixture(scope="module", autouse=True, params=["c", "numpy"])
def counting_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Count with the C extension, or with numpy as if it had not been built."""
    if request.param == "c" and compiled.grams is None:
        pytest.skip("the C extension is not built here")
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "numpy":
            patch.setattr(gram_counts, "_grams", None)
        yield request.param


def _views(limit: int = 800) -> list[str]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][::5][:limit]
    return [normalise(text).text for text in texts]


def _vocabulary(kind: str, ngram_range: tuple[int, int], texts: list[str]) -> list[str]:
    """Terms seen in at least two texts, sorted, as the vectoriser keeps them."""
    grams = char_ngrams if kind == "chars" else word_ngrams
    seen = Counter(gram for text in texts for gram in set(grams(text, ngram_range)))
    return sorted(term for term, documents in seen.items() if documents >= 2)


def _as_dict(counts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> dict[tuple[int, int], int]:
    documents, columns, seen = counts
    return {(int(d), int(c)): int(n) for d, c, n in zip(documents, columns, seen, strict=True)}


@pytest.mark.parametrize(("kind", "ngram_range"), [
    ("chars", (3, 5)), ("chars", (2, 5)), ("chars", (3, 6)), ("words", (1, 2)),
    ("words", (1, 1)), ("words", (1, 3)), ("words", (1, 4)), ("chars", (1, 3)),
])
def test_array_counts_equal_string_counts_on_the_corpus(kind: str,
                                                        ngram_range: tuple[int, int]) -> None:
    texts = _views()
    terms = _vocabulary(kind, ngram_range, texts[::2])
    fast = counter_for(kind, ngram_range, terms)
    reference = StringGramCounter(kind, ngram_range, terms)
    assert _as_dict(fast.count(texts)) == _as_dict(reference.count(texts))


def test_the_fastest_exact_counter_is_chosen() -> None:
    assert isinstance(counter_for("chars", (3, 5), ["abc"]), CharGramCounter)
    assert isinstance(counter_for("words", (1, 2), ["a", "b", "a b"]), WordGramCounter)
    assert isinstance(counter_for("words", (1, 3), ["a", "b", "a b", "a b a"]), WordGramCounter)
    assert isinstance(counter_for("words", (1, 4), ["a"]), StringGramCounter)
    assert isinstance(counter_for("chars", (1, 3), ["a"]), StringGramCounter)


# letters, digits and signs that tokenise differently ("²" and "①" are letters that look
# like digits; "❶" is both a letter and in an emoji range), white space, NUL, surrogates
WIDE = st.text(alphabet=st.sampled_from([*"ab c\n\x00", "é", "😀", "ж", "中", *"17_$€", "²",
                                         "①", "❶", "\u2003", "\ud800"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(WIDE, min_size=1, max_size=6), st.lists(WIDE, min_size=1, max_size=6))
def test_array_counts_equal_string_counts_on_any_text(vocabulary_from: list[str],
                                                     texts: list[str]) -> None:
    texts = [" ".join(text.split()) for text in texts]  # normalised text: single spaces
    for kind, ngram_range in (("chars", (2, 4)), ("words", (1, 2)), ("words", (1, 3))):
        grams = char_ngrams if kind == "chars" else word_ngrams
        terms = sorted({g for text in vocabulary_from + texts[:1] for g in grams(text, ngram_range)})
        fast = counter_for(kind, ngram_range, terms)
        reference = StringGramCounter(kind, ngram_range, terms)
        assert _as_dict(fast.count(texts)) == _as_dict(reference.count(texts))


@pytest.mark.parametrize(("kind", "ngram_range"), [("chars", (2, 5)), ("words", (1, 3))])
def test_an_n_gram_counted_hundreds_of_times_in_a_message_is_counted_alike(
        kind: str, ngram_range: tuple[int, int]) -> None:
    # the C counters keep a byte a column for a message, and sort the messages whose
    # columns come more often than that instead: both kinds side by side
    texts = ["ha " * 255 + "ha", " ".join(["send it"] * 300) + " to your mum",
             "send it to your mum", "ha " * 254 + "ha"]
    terms = _vocabulary(kind, ngram_range, texts + texts)
    fast = counter_for(kind, ngram_range, terms)
    counts = _as_dict(fast.count(texts))
    assert counts == _as_dict(StringGramCounter(kind, ngram_range, terms).count(texts))
    assert max(counts.values()) > 255


def test_a_count_refused_midway_leaves_nothing_counted_for_the_next(
        counting_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # the C counters keep their scratch counts from call to call: a call that stops
    # with an error must leave them empty
    if counting_path != "c":
        pytest.skip("the C counters' scratch")
    terms = [" ab", " cd", "ab ", "cd "]  # " ab" is counted, then "ab " refused
    counter = CharGramCounter((3, 3), terms)
    expected = {(0, 0): 1, (0, 1): 1, (0, 2): 1, (0, 3): 1}
    assert _as_dict(counter.count(["ab cd"])) == expected
    with monkeypatch.context() as patch:
        patch.setattr(counter, "_width", 2)
        with pytest.raises(ValueError, match="inconsistent"):
            counter.count(["ab cd"])
    assert _as_dict(counter.count(["ab cd"])) == expected


def test_counting_in_slices_keeps_message_numbers() -> None:
    texts = [f"message number {i} says pay now" for i in range(1300)]
    terms = _vocabulary("chars", (3, 5), texts)
    counts = _as_dict(CharGramCounter((3, 5), terms).count(texts))
    assert counts == _as_dict(StringGramCounter("chars", (3, 5), terms).count(texts))


def test_the_key_table_finds_every_key_and_nothing_else() -> None:
    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(1, 2**63, 5000, dtype=np.int64).astype(np.uint64))
    table = KeyTable(keys, np.arange(keys.size))
    assert (table.lookup(keys) == np.arange(keys.size)).all()
    absent = keys + np.uint64(1)
    absent = absent[~np.isin(absent, keys)]
    assert (table.lookup(absent) == -1).all()


def test_the_key_table_refuses_zero_and_repeated_keys() -> None:
    with pytest.raises(ValueError, match="reserved"):
        KeyTable(np.array([0, 5], dtype=np.uint64), np.array([0, 1]))
    with pytest.raises(ValueError, match="distinct"):
        KeyTable(np.array([5, 5], dtype=np.uint64), np.array([0, 1]))


@pytest.mark.parametrize(("kind", "ngram_range"), [("chars", (2, 5)), ("words", (1, 3))])
def test_string_and_array_counts_come_in_the_same_order(kind: str,
                                                         ngram_range: tuple[int, int]) -> None:
    # the engine sums a message's entries in this order, with either counter
    texts = _views()[:300]
    terms = _vocabulary(kind, ngram_range, texts[::2])
    fast = counter_for(kind, ngram_range, terms).count(texts)
    reference = StringGramCounter(kind, ngram_range, terms).count(texts)
    for ours, theirs in zip(fast, reference, strict=True):
        np.testing.assert_array_equal(ours, theirs)


def test_which_terms_are_looked_up_first_changes_no_count() -> None:
    texts = _views()[:300]
    terms = _vocabulary("chars", (2, 5), texts[::2])
    reference = _as_dict(StringGramCounter("chars", (2, 5), terms).count(texts))
    for idf in (np.arange(len(terms), dtype=np.float64), -np.arange(len(terms), dtype=np.float64)):
        assert _as_dict(CharGramCounter((2, 5), terms, idf).count(texts)) == reference



def test_a_key_table_rebuilt_from_its_state_is_the_same_table() -> None:
    keys = np.arange(1, 3000, dtype=np.uint64) * np.uint64(7919) + np.uint64(1 << 62)
    table = KeyTable(keys, np.arange(keys.size))
    again = KeyTable.from_state(table.state)
    queries = np.concatenate([keys, keys + np.uint64(1)])
    assert (again.lookup(queries) == table.lookup(queries)).all()
    assert again.shift == table.shift and (again.slots == table.slots).all()


@pytest.mark.parametrize(("kind", "ngram_range"), [("chars", (2, 5)), ("words", (1, 3))])
def test_a_counter_whose_tables_come_from_the_cache_counts_alike(
        kind: str, ngram_range: tuple[int, int], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    texts = _views(300)
    terms = _vocabulary(kind, ngram_range, texts[::2])
    idf = np.linspace(1.0, 3.0, len(terms))
    built = counter_for(kind, ngram_range, terms, idf)
    assert len(list(tmp_path.glob(f"{kind[:-1]}-grams-*.marshal"))) == 1
    monkeypatch.setattr(KeyTable, "__init__", None)  # a second process: nothing built
    from_cache = counter_for(kind, ngram_range, terms, idf)
    assert type(from_cache) is type(built)
    assert _as_dict(from_cache.count(texts)) == _as_dict(built.count(texts))


def test_a_stored_table_of_the_wrong_shape_is_built_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    texts = _views(100)
    terms = _vocabulary("words", (1, 2), texts)
    built = counter_for("words", (1, 2), terms)
    for path in tmp_path.glob("word-grams-*.marshal"):
        path.write_bytes(marshal.dumps((b"\x00" * 48, 1)))  # three slots: no table
    again = counter_for("words", (1, 2), terms)
    assert _as_dict(again.count(texts)) == _as_dict(built.count(texts))
