"""A TF-IDF block's share of the decision: the C loop gives the numpy arithmetic's sums
to the last bit, and the same top terms; the counters' shares, summed from priced
columns in another order, give them to the last bits."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import block_score, compiled
from sextortion_triage.gram_counts import CharGramCounter
from sextortion_triage.model import load_model
from sextortion_triage.normalise import normalise_text

pytestmark = pytest.mark.skipif(compiled.grams is None, reason="the C extension is not built")


def _both(counts: block_score.Counts, idf: np.ndarray, coef: np.ndarray, messages: int,
          top_k: int, patch: pytest.MonkeyPatch
          ) -> tuple[tuple[np.ndarray, list[list[int]]], tuple[np.ndarray, list[list[int]]]]:
    in_c = block_score.block_share(counts, idf, coef, messages, top_k)
    with patch.context() as inner:
        inner.setattr(block_score, "_grams", None)
        in_numpy = block_score.block_share(counts, idf, coef, messages, top_k)
    return in_c, in_numpy


@pytest.mark.parametrize("name", ["words", "chars"])
def test_corpus_messages_get_the_same_share_and_top_terms(name: str) -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [normalise_text(row["text"]) for row in csv.DictReader(handle)][::25]
    block = next(b for b in load_model().text_blocks if b.name == name)
    counts = block.counter.count(texts)
    (c_sums, c_top), (np_sums, np_top) = _both(counts, block.idf, block.coef, len(texts), 5,
                                               pytest.MonkeyPatch())
    assert c_sums.tobytes() == np_sums.tobytes()
    assert c_top == np_top
    assert any(c_top) and all(len(found) <= 5 for found in c_top)


entries = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 9), st.integers(1, 5000)),
                   max_size=40)


@settings(max_examples=200, deadline=None)
@given(entries, st.integers(0, 6),
       st.lists(st.floats(-3, 3, allow_nan=False), min_size=10, max_size=10))
def test_any_entries_give_the_numpy_sums_and_ranking(found: list[tuple[int, int, int]],
                                                     top_k: int, weights: list[float]) -> None:
    unique = sorted({(message, column): seen for message, column, seen in found}.items())
    counts = tuple(np.array(part, dtype=np.int64) for part in (
        [m for (m, _), _ in unique], [c for (_, c), _ in unique], [s for _, s in unique]))
    idf = np.linspace(1.0, 3.0, 10)
    coef = np.array(weights)
    (c_sums, c_top), (np_sums, np_top) = _both(counts, idf, coef, 6, top_k,  # type: ignore[arg-type]
                                               pytest.MonkeyPatch())
    # counts past the table use C's log, which may differ from numpy's in the last bit
    np.testing.assert_allclose(c_sums, np_sums, rtol=1e-12, atol=1e-15)
    if all(seen < len(block_score.TF_TABLE) for _, seen in unique):
        assert c_top == np_top


def test_ties_go_to_the_smaller_column_and_only_positive_products_count() -> None:
    counts = tuple(np.array(part, dtype=np.int64) for part in ([0, 0, 0, 0], [1, 2, 3, 4],
                                                               [1, 1, 1, 1]))
    sums, top = block_score.block_share(counts, np.ones(5), np.array([0, 1.0, 1.0, -1, 0]),  # type: ignore[arg-type]
                                        1, 3)
    assert top == [[1, 2]]
    assert sums[0] == pytest.approx(0.5)


def test_entries_out_of_order_are_refused() -> None:
    assert compiled.grams is not None
    owner = np.array([1, 0], dtype=np.int64)
    columns = counts = np.array([0, 0], dtype=np.int64)
    with pytest.raises(ValueError, match="out of order"):
        compiled.grams.linear_block(owner, columns, counts, np.ones(1), np.ones(1),
                                    block_score.TF_TABLE, 2, 1)


def _corpus_texts(step: int = 25) -> list[str]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return [normalise_text(row["text"]) for row in csv.DictReader(handle)][::step]


@pytest.mark.parametrize("name", ["words", "chars"])
def test_counting_straight_into_shares_gives_the_sums_of_the_counted_entries(name: str) -> None:
    # no n-gram at all, n-grams counted past the tf table beside others, and the corpus
    texts = ["", "zzzzqqqq", " ".join(["send"] * 5000) + " me the money", *_corpus_texts()]
    block = next(b for b in load_model().text_blocks if b.name == name)
    counted = block_score.block_share(block.counter.count(texts), block.idf, block.coef,
                                      len(texts), 0)[0]
    shares = block_score.block_shares(block.counter, texts, block.idf, block.coef)
    assert_same_sums(shares, counted)
    assert shares[0] == 0.0 and shares[2] != 0.0


def assert_same_sums(shares: np.ndarray, counted: np.ndarray) -> None:
    """Shares counted straight from priced columns are added in another order than the
    entries' sums: the same to the last bits."""
    np.testing.assert_allclose(shares, counted, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ["words", "chars"])
def test_shares_follow_the_weights_given_though_the_columns_were_priced_by_others(
        name: str) -> None:
    # the counters keep their columns priced by the weights of the last call (the
    # character memo's words, the word n-gram table): other weights price them again,
    # and so do the same weights after the character memo was cut down
    texts = _corpus_texts(41)
    block = next(b for b in load_model().text_blocks if b.name == name)
    counter = block.counter
    doubled, shifted = block.idf * 2.0, block.coef + 0.25
    for idf, coef in [(block.idf, block.coef), (doubled, shifted), (block.idf, block.coef)]:
        memo = getattr(counter, "_words", None)
        if memo is not None:
            memo.keep_frequent(len(memo) // 2)
        for part in (texts[:150], texts[150:]):  # words met before, and new ones
            expected = block_score.block_share(counter.count(part), idf, coef, len(part), 0)[0]
            assert_same_sums(block_score.block_shares(counter, part, idf, coef), expected)


def test_a_word_priced_before_the_memo_grew_keeps_its_prices() -> None:
    # pricing a new word may move the memo's prices: a word priced earlier in the same
    # message must not be read where they were (the first word's prices, at the start,
    # are what the allocator overwrites when it frees the old block)
    block = next(b for b in load_model().text_blocks if b.name == "chars")
    counter = CharGramCounter(block.ngram_range, block.terms, block.idf)
    pieces = sorted({term.strip() for term in block.terms
                     if " " not in term.strip() and len(term.strip()) >= 4})
    new_words = [a + b for a, b in zip(pieces[::2], pieces[1::2], strict=False)][:3000]

    def same_sums(texts: list[str]) -> None:
        expected = block_score.block_share(counter.count(texts), block.idf, block.coef,
                                           len(texts), 0)[0]
        assert_same_sums(block_score.block_shares(counter, texts, block.idf, block.coef),
                         expected)

    same_sums(["sending"])  # priced first
    counter.count([" ".join(new_words)])  # the memo grows; these are not priced
    same_sums(["sending " + new_words[0]])


def test_the_lookup_counter_gets_its_shares_from_its_counts() -> None:
    texts = _corpus_texts(97)
    block = next(b for b in load_model().text_blocks if b.name == "chars")
    assert block.lookup_counter.shares(texts, (block.idf, block.coef, block_score.TF_TABLE)) \
        is None
    shares = block_score.block_shares(block.lookup_counter, texts, block.idf, block.coef)
    assert_same_sums(block_score.block_shares(block.counter, texts, block.idf, block.coef),
                     shares)


def test_another_blocks_weights_are_refused() -> None:
    words, chars = (next(b for b in load_model().text_blocks if b.name == name)
                    for name in ("words", "chars"))
    with pytest.raises(ValueError, match="not the block's"):
        block_score.block_shares(words.counter, ["send it"], chars.idf, chars.coef)
    with pytest.raises(ValueError, match="inconsistent block arrays"):
        block_score.block_shares(words.counter, ["send it"], words.idf, words.coef[:-1])


def _words_top(texts: list[str], idf: np.ndarray, coef: np.ndarray, top_k: int
               ) -> tuple[tuple[np.ndarray, list[list[int]]], tuple[np.ndarray, list[list[int]]]]:
    """The word block's sums and top columns from priced columns, and from counted entries."""
    counter = next(b for b in load_model().text_blocks if b.name == "words").counter
    priced = block_score.block_shares_and_top(counter, texts, idf, coef, top_k)
    counted = block_score.block_share(counter.count(texts), idf, coef, len(texts), top_k)
    return priced, counted


@pytest.mark.parametrize("top_k", [1, 5, 64])
def test_the_word_blocks_top_terms_from_priced_columns_are_the_counted_entries(
        top_k: int) -> None:
    # no n-gram at all, n-grams counted past a byte's count beside others, and the corpus
    texts = ["", "zzzzqqqq", " ".join(["send"] * 300) + " me the money", *_corpus_texts(7)]
    block = next(b for b in load_model().text_blocks if b.name == "words")
    (shares, top), (sums, expected) = _words_top(texts, block.idf, block.coef, top_k)
    assert top == expected
    assert_same_sums(shares, sums)
    assert_same_sums(shares, block_score.block_shares(block.counter, texts, block.idf,
                                                      block.coef))
    assert top[0] == [] and top[2] and any(len(found) == top_k for found in top)


def test_near_ties_among_the_top_terms_are_ranked_as_the_counted_entries_rank_them() -> None:
    # weights of two decimals make many products equal, and half of them a step larger
    # (as the model's n-grams of one training message are): ranked from priced columns,
    # another order of operations would swap some of them, and tell apart some that the
    # entries' products make equal; a weight so small that the entries' product is 0
    texts = _corpus_texts(3)
    block = next(b for b in load_model().text_blocks if b.name == "words")
    rounded = np.round(block.coef, 2)
    nonzero = np.where(rounded == 0.0, 0.25, rounded)
    stepped = np.where(np.arange(block.coef.size) % 2, np.nextafter(nonzero, 1.0), nonzero)
    tiny = np.where(rounded == 0.0, 5e-324, rounded)
    for idf, coef in [(block.idf, stepped), (np.full_like(block.idf, 9.58), stepped),
                      (block.idf, tiny)]:
        (shares, top), (sums, expected) = _words_top(texts, idf, coef, 5)
        assert top == expected
        assert_same_sums(shares, sums)


def test_the_character_counter_and_the_lookup_counter_take_their_top_terms_from_counts(
        ) -> None:
    texts = _corpus_texts(97)
    chars = next(b for b in load_model().text_blocks if b.name == "chars")
    for counter in (chars.counter, chars.lookup_counter):
        assert counter.shares_and_top(texts, (chars.idf, chars.coef, block_score.TF_TABLE),
                                      5) is None
        assert block_score.block_shares_and_top(counter, texts, chars.idf, chars.coef, 5)[1] \
            == block_score.block_share(counter.count(texts), chars.idf, chars.coef,
                                       len(texts), 5)[1]
