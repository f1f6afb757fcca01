"""RE2 narrows down where a signal pattern is searched, and never loses a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sextortion_triage import fastscan, prefilter
from sextortion_triage.fastscan import SEPARATOR, scan_many
from sextortion_triage.signal_batch import _scan_patterns
from sextortion_triage.signals import DETECTORS

re2 = pytest.importorskip("re2")

PATTERNS = [pattern for detector in DETECTORS for pattern in detector.patterns]
#: text that exercises what RE2 and Python's re disagree on: Unicode word characters
#: next to boundaries, non-ASCII digits and spaces, surrogates and emoji
TRICKY = st.lists(st.sampled_from([*"ab é ß٣\u00a0\u2003_$.!\n'", "pay", "send", "nudes",
                                   "oder", "famille", "24 hours", "bitcoin", "😀", "\ud800",
                                   "ta famille", "deine eltern", "or everyone sees"]),
                  max_size=30).map("".join)


def test_look_arounds_and_comments_are_dropped() -> None:
    assert prefilter.loosen(r"pay(?! later)(?#note)") == "pay"
    assert prefilter.loosen(r"(?<![\w$])\$x") == r"\$x"


def test_a_word_boundary_stays_only_next_to_an_ascii_word_character() -> None:
    assert prefilter.loosen(r"\bpay\b") == r"\bpay\b"
    assert prefilter.loosen(r"\bé\b|\b\w+\b|\b\.") == r"é|[0-9A-Z_a-z\x{80}-\x{10FFFF}]+|\."
    assert prefilter.loosen(r"\ba?b\b") == r"a?b\b"  # "a" may be absent, "b" then starts


def test_a_word_boundary_moves_into_a_group_met_once_but_not_into_a_repeated_one() -> None:
    assert prefilter.loosen(r"\b(?:send|(?:é|post))\b") == r"(?:\bsend\b|(?:é|\bpost\b))"
    assert prefilter.loosen(r"\b(?:ab)+\b|\b(?:cd)?e") == r"(?:ab)+|(?:cd)?e"


def test_ascii_boundaries_keep_every_match_of_unicode_ones() -> None:
    pattern = re.compile(r"\b(?:pay|post)\b")
    loose = re2.compile(prefilter.loosen(pattern.pattern))
    for text in ("éposté", "ßpay٣", "pay", "to post.", "_pay"):
        if pattern.search(text):
            assert loose.search(text.encode()) is not None, text


def test_unicode_classes_widen_to_take_every_non_ascii_character() -> None:
    loose = re2.compile(prefilter.loosen(r"\w+\s\d"))
    assert loose.search("é\u2003٣") is not None  # all three are non-ASCII


def test_a_gap_is_cut_only_when_asked_and_a_cut_group_keeps_its_quantifier() -> None:
    source = r"(?:go\b[^.]{0,60}?\bhome)?x|y"
    assert prefilter.loosen(source) == r"(?:go\b[^.]*\bhome)?x|y"
    assert prefilter.loosen(source, cut_gaps=True) == r"(?:go\b)?|y"


def test_what_re2_cannot_stand_in_for_is_refused() -> None:
    for source in (r"(a)\1", r"\W", r"[^\w]", r"(?P<name>a)"):
        with pytest.raises(prefilter.Unsupported):
            prefilter.loosen(source)


def test_every_signal_pattern_has_an_re2_stand_in() -> None:
    assert all(prefilter.compile_loose(p.pattern) is not None for p in PATTERNS)


def _candidates(loose: object, texts: list[bytes]) -> tuple[list[tuple[int, int]], list[int]]:
    """``prefilter.candidates`` over ``texts`` joined as a batch is, and where each starts."""
    starts, ends, position = [], [], 0
    for text in texts:
        starts.append(position)
        ends.append(position + len(text))
        position += len(text) + len(SEPARATOR)
    joined = SEPARATOR.encode().join(texts)
    return prefilter.candidates(loose, joined, starts, ends), starts


def test_candidates_are_the_messages_a_match_touches() -> None:
    found, _ = _candidates(re2.compile(b"pay[^.]*now"), [b"pay", b"later", b"pay now", b"no"])
    assert found == [(0, 0), (1, -1), (2, -1)]


def test_each_candidate_comes_with_where_its_first_match_starts() -> None:
    found, starts = _candidates(re2.compile(b"pay"), [b"no", b"ok so pay", b"x"])
    assert found == [(1, starts[1] + 6)]


def test_a_stand_in_that_takes_the_character_before_a_match_finds_one_at_a_message_start(
) -> None:
    # as SPLIT_HINT does: in the joined batch that character is the separator's last byte
    found, _ = _candidates(re2.compile(b"(?:^|[^a-z])pay"), [b"pay", b"pay", b"x", b"pay"])
    assert [index for index, _ in found] == [0, 1, 3]


@settings(max_examples=200, deadline=None)
@given(TRICKY)
def test_a_stand_in_matches_wherever_its_pattern_matches(text: str) -> None:
    encoded = text.encode("utf-8", "surrogatepass")
    for pattern in PATTERNS:
        if any(m.end() > m.start() for m in pattern.finditer(text)) and "\ud800" not in text:
            loose = prefilter.compile_loose(pattern.pattern)
            assert loose.search(encoded) is not None, pattern.pattern[:80]


@settings(max_examples=60, deadline=None)
@given(st.lists(TRICKY, min_size=1, max_size=8))
def test_prefiltered_scans_equal_full_scans(texts: list[str]) -> None:
    _, scans = _scan_patterns()
    assert scan_many(scans, texts, prefilter=True) == scan_many(scans, texts, prefilter=False)


def test_without_re2_every_message_is_scanned_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    _, scans = _scan_patterns()
    texts = ["pay 300 or your family sees", "hello", "zahl 300€ oder deine eltern sehen es"]
    monkeypatch.setattr(prefilter, "available", lambda: False)
    assert scan_many(scans, texts, prefilter=True) == scan_many(scans, texts, prefilter=False)


def test_small_batches_skip_the_prefilter_and_large_ones_use_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []
    real = fastscan._RE2Batch.of
    monkeypatch.setattr(fastscan._RE2Batch, "of",
                        lambda texts: used.append(1) or real(texts))  # type: ignore[func-returns-value]
    _, scans = _scan_patterns()
    scan_many(scans[:1], ["pay now"] * 3)
    assert not used
    scan_many(scans[:1], ["pay now"] * 300)
    assert used


def test_small_stand_ins_run_as_one_set_and_large_ones_alone() -> None:
    _, scans = _scan_patterns()
    stand_ins = [prefilter.compile_loose(scan.original.pattern) for scan in scans]
    together = fastscan._together(stand_ins)
    assert 0 < len(together) < len(scans)
    assert all(stand_ins[number].programsize <= prefilter.SET_PROGRAM_LIMIT
               for number in together)


def test_a_set_that_could_not_read_a_message_lets_every_stand_in_match_it() -> None:
    stand_ins = [prefilter.compile_loose(r"\bpay\b"), prefilter.compile_loose(r"\bnow\b")]
    both = prefilter.StandInSet(stand_ins)
    assert both.matching(b"pay later") == [0]
    assert both.matching(b"hello") == []
    assert both.matching(b"") == []  # an empty message is read too
    both._read = -1  # as if RE2 had run out of memory on every message
    assert both.matching(b"hello") == [0, 1]


def test_a_python_pattern_with_a_named_group_falls_back_to_python() -> None:
    assert prefilter.compile_loose(r"(?P<amount>\d+) dollars") is None
    assert re.compile(r"(?P<amount>\d+) dollars")  # still a valid pattern for re


def test_a_stand_in_read_back_from_the_cache_folder_is_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    longest = max(PATTERNS, key=lambda p: len(p.pattern)).pattern  # its gaps are cut
    prefilter.compile_loose.cache_clear()
    made = [prefilter.compile_loose(source) for source in (longest, r"\bpay\b")]
    prefilter.compile_loose.cache_clear()
    monkeypatch.setattr(prefilter, "_stand_in_source", None)  # a second process
    read = [prefilter.compile_loose(source) for source in (longest, r"\bpay\b")]
    prefilter.compile_loose.cache_clear()
    assert all(loose is not None for loose in made + read)
    assert [loose.pattern for loose in read] == [loose.pattern for loose in made]
