"""RE2 twins find exactly re's matches, or hand the message back to re."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import compiled, re2_twin
from sextortion_triage.normalise import normalise_text
from sextortion_triage.signals import DETECTORS

pytestmark = pytest.mark.skipif(compiled.grams is None or not compiled.importable("re2"),
                                reason="twins need the C extension and RE2")

LONG_PATTERNS = [p for d in DETECTORS for p in d.patterns if len(p.pattern) >= re2_twin.TWIN_MIN_LENGTH]
TWINNED = [(p, twin) for p in LONG_PATTERNS if (twin := re2_twin.twin_of(p.pattern)) is not None]


@pytest.fixture
def any_length(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Twins for short patterns too, made afresh."""
    monkeypatch.setattr(re2_twin, "TWIN_MIN_LENGTH", 0)
    re2_twin.twin_of.cache_clear()
    yield
    re2_twin.twin_of.cache_clear()


def _re_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@functools.cache
def _corpus_texts() -> tuple[str, ...]:
    """A quarter of the corpus, normalised (every family)."""
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return tuple(normalise_text(row["text"]) for row in csv.DictReader(handle))[::4]


def test_most_long_word_lists_have_a_twin() -> None:
    assert len(TWINNED) >= 5
    assert len(TWINNED) < len(LONG_PATTERNS)  # the two with wide gaps between lists have none


def test_twins_find_what_re_finds_in_the_corpus() -> None:
    texts = _corpus_texts()
    for pattern, twin in TWINNED:
        read = 0
        for text in texts:
            found = twin.spans(text)
            if found is not None:
                read += 1
                assert found == _re_spans(pattern, text), (pattern.pattern[:40], text)
        assert read > 0.95 * len(texts)


# what the one-byte alphabet treats each in its own way: the lists' accented letters and
# signs, other letters and signs, capitals, controls, non-ASCII digits and white space
_TRICKY = [*"éüßñçàõœ’€°ºªж😈½²", "\u0663", "\u00a0", "\u2003", *"AZ", "\x01", "\n", " ", "'", "-"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_twins_find_what_re_finds_whatever_characters_come_in(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(_corpus_texts()))
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(_TRICKY)) + text[at:]
    for pattern, twin in TWINNED:
        found = twin.spans(text)
        if found is not None:
            assert found == _re_spans(pattern, text)
        position = data.draw(st.integers(0, len(text)))
        found = twin.spans(text, position)
        if found is not None:
            assert found == [m.span() for m in pattern.finditer(text, position)]


@pytest.mark.parametrize("text", ["Capital", "tab\there", "٣ days", "non\u00a0breaking"])
def test_a_text_re_could_read_otherwise_goes_back_to_re(any_length: None, text: str) -> None:
    twin = re2_twin.twin_of(r"\b(?:days|here|capital|non)\b")
    assert twin is not None
    assert twin.spans(text) is None


def test_letters_the_pattern_does_not_name_are_still_letters(any_length: None) -> None:
    twin = re2_twin.twin_of(r"\bcafé\b|\bpay\w*|€\d+")
    assert twin is not None
    text = "un café, payжь now, €300 и ½ caféж"
    assert twin.spans(text) == _re_spans(re.compile(r"\bcafé\b|\bpay\w*|€\d+"), text)


@pytest.mark.parametrize("source", [
    r"\bpay(?! later)",          # a look-around
    r"(?i)pay",                  # a flag
    r"[A-Z]{3}",                 # a class of the capitals that stand for letters
    r"[\x01-\x08]",              # ... or of the control characters that stand for signs
    r"[à-ü]x",                   # a range of non-ASCII characters
    r"(a)\1",                    # a back-reference
    r"\b(?:pay|send)?",          # a pattern that can match empty text
])
def test_what_re2_would_read_otherwise_gets_no_twin(any_length: None, source: str) -> None:
    assert re2_twin.twin_of(source) is None


def test_only_long_patterns_with_a_wide_gap_go_without(monkeypatch: pytest.MonkeyPatch,
                                                       any_length: None) -> None:
    gapped = r"\bsend\b[^.!?]{0,40}?\bfamily\b"
    assert re2_twin.twin_of(gapped) is not None
    re2_twin.twin_of.cache_clear()
    monkeypatch.setattr(re2_twin, "_LONGEST_WITH_GAP", 10)
    assert re2_twin.twin_of(gapped) is None


def test_a_short_pattern_is_left_to_re() -> None:
    assert re2_twin.twin_of(r"\bpay\b") is None


def test_a_twin_made_from_the_cache_folder_finds_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    source = TWINNED[0][0].pattern
    re2_twin.twin_of.cache_clear()
    made = re2_twin.twin_of(source)
    re2_twin.twin_of.cache_clear()
    monkeypatch.setattr(re2_twin, "_parse", None)  # a second process: nothing parsed
    read = re2_twin.twin_of(source)
    re2_twin.twin_of.cache_clear()
    assert made is not None and read is not None and read is not made
    assert (read.table, read.word, read.other) == (made.table, made.word, made.other)
    for text in _corpus_texts()[:500]:
        assert read.spans(text) == made.spans(text)
