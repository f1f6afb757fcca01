"""The C extension maps a batch's hits back to each message and merges them as
``signals.merge_spans`` does: the same spans, in the same order, with the same details."""

from __future__ import annotations

import csv
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import signal_batch
from sextortion_triage.compiled import grams
from sextortion_triage.normalise import normalise
from sextortion_triage.signals import merge_spans

pytestmark = pytest.mark.skipif(grams is None, reason="the C extension is not built")

NAMES = ("deadline", "payment_demand", "threat_to_share", "crypto_wallet")
RANKS = {name: rank for rank, name in enumerate(sorted(NAMES))}


def _both_ways(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    views = [normalise(text) for text in texts]
    in_c = signal_batch.signal_spans_many(texts, views)
    with monkeypatch.context() as patch:
        patch.setattr(signal_batch, "_grams", None)
        in_python = signal_batch.signal_spans_many(texts, views)
    return in_c, in_python


def test_the_corpus_gets_the_same_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][::3]
    in_c, in_python = _both_ways(texts, monkeypatch)
    assert in_c == in_python
    assert sum(len(spans) > 1 for spans in in_c) > 1000


def test_a_small_batch_and_wallets_first_get_the_same_spans(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["pay 0.1 btc to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa in 24 hours or i post it",
             "send $300 now", "hello", "𝕡𝕒𝕪 p4y me 500 euros, 3 days, or I send the video"]
    in_c, in_python = _both_ways(texts, monkeypatch)
    assert in_c == in_python
    assert "crypto_wallet" in {span[2] for span in in_c[0]}


SPANS = st.lists(st.tuples(st.integers(0, 12), st.integers(1, 6), st.sampled_from(NAMES[:3]),
                           st.sampled_from(["a", "b"])), max_size=40)


@settings(max_examples=400, deadline=None)
@given(SPANS, st.lists(st.tuples(st.integers(0, 12), st.integers(1, 6)), max_size=3))
def test_any_spans_merge_as_merge_spans_merges_them(
        spans: list[tuple[int, int, str, str]], wallets: list[tuple[int, int]]) -> None:
    # one pattern for each (name, detail), every hit of it in message 0, identity span maps
    owners = sorted({(name, detail) for _, _, name, detail in spans})
    hits: list[dict[int, list[tuple[int, int]]]] = [
        {0: [(start, start + width) for start, width, name, detail in spans
             if (name, detail) == owner]} for owner in owners]
    first = [(start, start + width, "crypto_wallet", f"w{start}") for start, width in wallets]
    identity = array("i", range(20))
    merged = grams.merged_signal_spans(  # type: ignore[union-attr]
        hits, tuple(n for n, _ in owners), tuple(d for _, d in owners),
        tuple(RANKS[n] for n, _ in owners), [identity], [array("i", range(1, 21))],
        [first or None], RANKS["crypto_wallet"])
    expected = list(first) + [(s, e, owner[0], owner[1])
                              for owner, found in zip(owners, hits, strict=True)
                              for s, e in found[0]]
    assert merged == [merge_spans(expected) if expected else []]


def test_a_hit_outside_its_message_is_refused() -> None:
    with pytest.raises(IndexError, match="outside its message"):
        grams.merged_signal_spans(  # type: ignore[union-attr]
            [{0: [(3, 9)]}], ("deadline",), ("d",), (0,), [array("i", range(5))],
            [array("i", range(1, 6))], [None], 1)


def test_equal_spans_keep_the_first_detail_however_many_there_are() -> None:
    for count in (3, 17, 40):  # a few are sorted by insertion, more by merging
        details = tuple(f"detail {k}" for k in range(count))
        merged = grams.merged_signal_spans(  # type: ignore[union-attr]
            [{0: [(0, 5)]} for _ in details], ("deadline",) * count, details, (0,) * count,
            [array("i", range(9))], [array("i", range(1, 10))], [None], 1)
        assert merged == [[(0, 5, "deadline", "detail 0")]]
