"""The fast scanner finds exactly what ``finditer`` finds, message by message."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import compiled, fastscan, hyperscan_set, signal_batch
from sextortion_triage.fastscan import SEPARATOR, ScanPattern, scan_many
from sextortion_triage.normalise import normalise
from sextortion_triage.signal_batch import _scan_patterns, detect_signals_many
from sextortion_triage.signals import DETECTORS, detect_signals

PATTERNS = [pattern for detector in DETECTORS for pattern in detector.patterns]
MESSY = st.lists(st.sampled_from([*"ab $1.\n!?,'é ", "send", "nudes", "or ", "your ", "friends",
                                  "pay", "24 hours", "\\b"]), max_size=25).map("".join)


def _reference(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def _corpus_views(limit: int = 1500) -> tuple[list[str], list[str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][::3][:limit]
    return texts, [normalise(text).text for text in texts]


def test_a_leading_word_boundary_is_dropped_and_checked_by_hand() -> None:
    scan = ScanPattern.of(re.compile(r"\bpay\b|\bsend\b"))
    assert scan.check_boundary and not scan.fast.pattern.startswith("\\b")
    assert list(scan.spans("repay, prepay, pay; resend send")) == [(15, 18), (27, 31)]


REPEATS = [r"\b\d+(?:[,.]\d+)*\s?k?\s?(?:usd|eur)\b", r"\b\d{1,3} ?(?:hours?|h)\b",
           r"\b\d+?0", r"\b\w{2,}", r"\b\s{1}x", r"\b\d{2,}", r"\b\d{0,2}a", r"\b\d++x"]


def test_a_leading_repeat_of_a_category_is_spelled_out_once() -> None:
    fast = [ScanPattern.of(re.compile(source)).fast.pattern for source in REPEATS]
    assert fast == [r"\d\d*(?:[,.]\d+)*\s?k?\s?(?:usd|eur)\b", r"\d\d{0,2} ?(?:hours?|h)\b",
                    r"\d\d*?0", r"\w\w{1,}", r"\s\s{0}x", r"\d\d{1,}",
                    r"\d{0,2}a",  # may repeat no times: left as it was
                    r"\d++x"]  # possessive: left as it was


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789٣ ,.kusdeorh x\n", max_size=40))
def test_spelling_out_a_leading_repeat_keeps_every_match(text: str) -> None:
    for source in REPEATS:
        pattern = re.compile(source)
        assert ScanPattern.of(pattern).spans(text) == [
            m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def test_patterns_that_look_around_are_scanned_one_message_at_a_time() -> None:
    assert not ScanPattern.of(re.compile(r"(?<![\w$])\$[a-z]+")).joinable
    assert not ScanPattern.of(re.compile(r"^hi")).joinable
    assert ScanPattern.of(re.compile(r"[$€]\s?\d+")).joinable


def test_a_match_never_runs_across_two_messages() -> None:
    across = ScanPattern.of(re.compile(r"pay\s+\W*now"))
    assert scan_many([across], ["i will pay", "now", "pay now"]) == [[[], [], [(0, 7)]]]


@pytest.mark.parametrize(("prefilter", "hyperscan"), [(False, False), (True, False), (True, True)],
                         ids=["python-only", "re2-prefilter", "hyperscan-prefilter"])
def test_every_signal_pattern_scans_the_corpus_like_finditer(
        prefilter: bool, hyperscan: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if hyperscan and not hyperscan_set.available():
        pytest.skip("Hyperscan is not installed here")
    if not hyperscan:
        monkeypatch.setattr(fastscan, "_hyperscan_set", lambda patterns: (None, {}))
    _, views = _corpus_views()
    scanned = scan_many(_scan_patterns()[1], views, prefilter=prefilter)
    for pattern, per_text in zip(PATTERNS, scanned, strict=True):
        assert per_text == [_reference(pattern, view) for view in views], pattern.pattern


def test_batch_signals_equal_one_message_signals_on_the_corpus() -> None:
    texts, _ = _corpus_views()
    views = [normalise(text) for text in texts]
    assert detect_signals_many(texts, views) == [detect_signals(text) for text in texts]


@settings(max_examples=60, deadline=None)
@given(st.lists(MESSY, min_size=1, max_size=6), st.booleans())
def test_scanning_random_messages_together_equals_scanning_each(texts: list[str],
                                                                prefilter: bool) -> None:
    texts = [text for text in texts if SEPARATOR not in text]
    _, scans = _scan_patterns()  # the rewritten patterns, built once
    scanned = scan_many(scans, texts, prefilter=prefilter)
    for pattern, per_text in zip(PATTERNS, scanned, strict=True):
        assert per_text == [_reference(pattern, text) for text in texts], pattern.pattern


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=5))
def test_batch_signals_equal_one_message_signals_on_any_text(texts: list[str]) -> None:
    views = [normalise(text) for text in texts]
    assert detect_signals_many(texts, views) == [detect_signals(text) for text in texts]


def test_a_batch_looks_for_wallets_only_where_an_address_could_be() -> None:
    from sextortion_triage.fastscan import may_match
    from sextortion_triage.wallets import SPLIT_HINT, WHOLE_HINT

    whole = ["send it to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
             "bc1q" + "qpzry9x8gf2tvdw0s3jn54khce6mua7l"[:30] + "qqqqqqqq"]
    split = ["1A1zP1eP5Q Gefi2DMPTfTL5SLmv7DivfNa by tonight", "pay in 1 hour"]  # too short
    both = ["to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN&#97; now",  # an entity: both finders
            "x \ud800 1A1zP1eP5Q-Gefi2DMPTfTL5SLmv7DivfNa"]  # unencodable: both finders
    neither = ["see you at 6 tonight", "Sicherheitsvorkehrungen"]  # a long run, no shape
    texts = neither * 150 + whole + split + both
    whole_ones, split_ones = may_match(WHOLE_HINT, texts), may_match(SPLIT_HINT, texts)
    assert whole_ones is not None and split_ones is not None
    assert whole_ones == {300, 301, 304, 305}
    assert split_ones == {300, 301, 302, 304, 305}  # a whole address is one in one piece
    views = [normalise(text) for text in texts]
    assert detect_signals_many(texts, views) == [detect_signals(text) for text in texts]
    assert may_match(WHOLE_HINT, whole + split) is None  # a small batch: no RE2 pass


def test_a_batch_without_the_c_extension_reads_the_wallet_hints_with_a_pattern_pass(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sextortion_triage import wallets

    texts = ["see you at 6 tonight", "Sicherheitsvorkehrungen"] * 150 + [
        "send it to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1A1zP1eP5Q Gefi2DMPTfTL5SLmv7DivfNa",
        "to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN&#97; now", "pay in 1 hour"]
    views = [normalise(text) for text in texts]
    alone = [detect_signals(text) for text in texts]
    assert [s.name for s in alone[301]] == ["crypto_wallet"]  # split, opening its message
    assert detect_signals_many(texts, views) == alone
    monkeypatch.setattr(wallets, "_grams", None)
    assert wallets.may_hold_each(texts) is None
    assert detect_signals_many(texts, views) == alone


wallet_pieces = st.lists(st.one_of(
    st.sampled_from(["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
                     "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "0x" + "a1" * 20,
                     "1", "3", "bc1", "0x", "L", "T", "&#97;", "&amp;", "hour", "Gefi2DMPTf"]),
    st.text(alphabet="0123456789abcdefABCDEFLMTqxz", min_size=1, max_size=14),
), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(wallet_pieces, st.sampled_from([" ", "-", "\n", "", " - "])),
                min_size=1, max_size=4))
def test_a_large_batch_finds_the_wallets_that_each_message_alone_finds(
        drawn: list[tuple[list[str], str]]) -> None:
    texts = ["see you at 6 tonight"] * 256 + [separator.join(pieces) for pieces, separator in drawn]
    views = [normalise(text) for text in texts]
    found = detect_signals_many(texts, views)[256:]
    assert found == [detect_signals(text) for text in texts[256:]]


def test_a_prepared_process_narrows_even_a_single_messages_searches(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = _corpus_views(300)
    views = [normalise(text) for text in texts]
    monkeypatch.setattr(signal_batch, "_prepared", False)
    pairs = list(zip(texts, views, strict=True))
    alone = [signal_batch.signal_spans_many([text], [view]) for text, view in pairs]
    searched: list[int] = []
    real_search = fastscan._RE2Batch.search
    monkeypatch.setattr(fastscan._RE2Batch, "search", lambda self, pattern, found: (
        searched.append(1), real_search(self, pattern, found))[1])
    signal_batch.prepare()
    assert signal_batch._prepared
    prepared = [signal_batch.signal_spans_many([text], [view]) for text, view in pairs]
    assert prepared == alone
    assert 0 < len(searched) < len(texts) * len(_scan_patterns()[1]) / 4


@pytest.mark.skipif(not hyperscan_set.available() or compiled.grams is None,
                    reason="needs Hyperscan and the C extension")
def test_long_word_lists_have_twins_only_where_hyperscan_spares_re2s_memory(
        monkeypatch: pytest.MonkeyPatch) -> None:
    longest = max(_scan_patterns()[1], key=lambda p: len(p.original.pattern)
                  if fastscan.twin_of(p.original.pattern) else 0)
    fastscan._twin.cache_clear()
    assert fastscan._twin(longest) is not None
    monkeypatch.setattr(fastscan._hyperscan, "available", lambda: False)
    fastscan._twin.cache_clear()
    assert fastscan._twin(longest) is None
    fastscan._twin.cache_clear()


def test_a_prepared_process_has_decided_every_twin_and_start_finder_already(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signal_batch, "_prepared", False)
    fastscan._twin.cache_clear()
    fastscan._start_finder.cache_clear()
    signal_batch.prepare()
    patterns = _scan_patterns()[1]
    assert fastscan._twin.cache_info().currsize == len(patterns)
    assert fastscan._start_finder.cache_info().currsize == len(patterns)
    assert fastscan.build_searchers(patterns) == (
        sum(fastscan._twin(p) is not None for p in patterns),
        sum(fastscan._start_finder(p) is not None for p in patterns))


def _described(pattern: ScanPattern) -> tuple[object, ...]:
    return (pattern.original, pattern.fast.pattern, pattern.fast.flags, pattern.check_boundary,
            pattern.joinable, pattern.safe)


def test_scan_patterns_read_back_from_the_cache_folder_are_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    made = ScanPattern.each_of(PATTERNS)
    monkeypatch.setattr(fastscan, "_reading", None)  # a second process: nothing read again
    read = ScanPattern.each_of(PATTERNS)
    assert [_described(p) for p in read] == [_described(p) for p in made]
    assert sum(p.check_boundary for p in read) > len(PATTERNS) // 2


def test_hyperscan_stand_ins_read_back_from_the_cache_folder_are_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hyperscan_set.available():
        pytest.skip("Hyperscan is not installed here")
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    patterns = _scan_patterns()[1]
    fastscan._hyperscan_set.cache_clear()
    made = fastscan._hyperscan_set(patterns)
    fastscan._hyperscan_set.cache_clear()
    monkeypatch.setattr(fastscan, "_hyperscan_source", None)  # nothing loosened again
    read = fastscan._hyperscan_set(patterns)
    fastscan._hyperscan_set.cache_clear()
    assert made[0] is not None and read[0] is not None and read[1] == made[1]
    pieces = [text.encode() for text in _corpus_views(600)[1]]
    assert read[0].matching(pieces) == made[0].matching(pieces)
