"""A pattern tried only at the word starts where one of its prefixes follows finds
exactly what ``finditer`` finds."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import match_starts
from sextortion_triage.compiled import grams
from sextortion_triage.match_starts import opens_with_literal, prefixes, start_finder
from sextortion_triage.normalise import normalise
from sextortion_triage.signal_batch import _scan_patterns

pytestmark = pytest.mark.skipif(grams is None, reason="the C extension is not built")

WITH_FINDER = [scan.original for scan in _scan_patterns()[1] if start_finder(scan.original)]
WORDS = st.lists(st.sampled_from([*"ab é ß٣_'’.\n", "send", "sende", "poste", "oder",
                                  "ou", "tes parents", "deine eltern", "je vais", "envoyer",
                                  "à", "tout le monde", "😀", "post it", "les photos",
                                  "pay", "repaid", "web cam", "recorded", "gift cards",
                                  "hacked", "or else", "keep it", "secret"]),
                 max_size=25).map("".join)


def test_every_match_begins_with_one_of_the_prefixes() -> None:
    pattern = re.compile(r"\b(?:send|sent|post(?:ed)?|[ée]crire|go\w*)\b")
    assert prefixes(pattern, 3) == {"sen", "pos", "écr", "ecr", "go"}


def test_a_pattern_that_may_start_other_than_at_a_word_start_with_a_literal_has_none() -> None:
    assert prefixes(re.compile(r"(?:send|post)"), 3) is None      # no \b first
    assert prefixes(re.compile(r"\b(?:\w+ing|pay)"), 3) is None    # \w first in one branch
    assert prefixes(re.compile(r"\b(?:-x|pay)"), 3) is None        # a non-word character first
    assert prefixes(re.compile(r"\bsend", re.IGNORECASE), 3) is None


def test_a_pattern_that_opens_with_a_literal_is_left_to_re() -> None:
    assert opens_with_literal(re.compile(r"\bsend\b"))
    assert opens_with_literal(re.compile(r"\b(?:(?:ruin) (?:your|ur))"))  # inside groups
    assert not opens_with_literal(re.compile(r"\b(?:send|post)\b"))      # an alternation
    assert not opens_with_literal(re.compile(r"\bs?end\b"))             # may be absent
    assert not opens_with_literal(re.compile(r"\b[sp]end\b"))           # a class
    assert not opens_with_literal(re.compile(r"\b(?i:send)\b"))         # inline flags
    assert start_finder(re.compile(r"\bsend\b")) is None
    assert start_finder(re.compile(r"\b(?:send|post)\b")) is not None


def test_the_lists_without_a_twin_and_the_short_alternations_get_a_finder() -> None:
    owners, scans = _scan_patterns()
    with_finder = {name for (name, _), scan in zip(owners, scans, strict=True)
                   if start_finder(scan.original) is not None}
    assert {"threat_to_share", "conditional_threat"} <= with_finder
    payment = [scan.original for (name, _), scan in zip(owners, scans, strict=True)
               if name == "payment_demand"]
    assert any(pattern.pattern.startswith(r"\b(?:pay|paying|payment")
               and start_finder(pattern) is not None for pattern in payment)


def test_prefix_starts_are_word_starts_followed_by_a_whole_prefix() -> None:
    table = grams.WordTable()
    table.add("s", b"")   # shorter starts of a prefix: no value
    table.add("se", b"")
    table.add("sen", (1).to_bytes(8, "little"))
    text = "send ésend _send sen se, send"  # "ésend" and "_send" are words of their own
    assert grams.prefix_starts(text, table, 3, 0, len(text)) == [0, 17, 25]
    assert grams.prefix_starts(text, table, 3, 1, len(text)) == [17, 25]  # 1 is mid-word
    assert grams.prefix_starts(text, table, 3, 0, 20) == [0, 17]
    assert grams.prefix_starts(text, table, 3, 0, 19) == [0]  # "sen" must end by endpos
    assert grams.prefix_starts(text, table, 3, len(text) + 5, len(text) + 9) == []  # past it


def _set_bits(data: bytes) -> list[int]:
    return [bit for bit in range(8 * len(data)) if data[bit >> 3] >> (bit & 7) & 1]


def test_openings_hold_the_first_two_letters_of_each_prefix() -> None:
    p, q, s = (32 * (ord(letter) - ord("a")) for letter in "pqs")
    assert _set_bits(match_starts.openings({"pay", "paid"})) == [p]
    assert _set_bits(match_starts.openings({"q"})) == list(range(q, q + 32))  # any second
    assert _set_bits(match_starts.openings({"s'en", "sé"})) == [s + 31]  # not a-z: column 31
    assert _set_bits(match_starts.openings({"ésend", "_x", "0x"})) == []  # looked up anyway


def test_openings_rule_out_only_word_starts_that_no_prefix_opens() -> None:
    table = grams.WordTable()
    for start in ("s", "se", "s'", "s'e", "é", "ét"):
        table.add(start, b"")
    for prefix in ("sen", "s'en", "été"):
        table.add(prefix, (1).to_bytes(8, "little"))
    text = "send s'en été sen. seen ten"
    every = [0, 5, 10, 14]
    assert grams.prefix_starts(text, table, 4, 0, len(text)) == every
    opened = match_starts.openings({"sen", "s'en", "été"})
    assert grams.prefix_starts(text, table, 4, 0, len(text), opened) == every
    # bits that rule out every word opening with a-z leave only "été", which is looked up
    assert grams.prefix_starts(text, table, 4, 0, len(text), bytes(128)) == [10]
    with pytest.raises(ValueError, match="128 bytes"):
        grams.prefix_starts(text, table, 4, 0, len(text), b"\xff")


def _spans_both_ways(pattern: re.Pattern[str], text: str) -> tuple[list, list]:
    finder = start_finder(pattern)
    assert finder is not None
    return ([m.span() for m in pattern.finditer(text)],
            finder.spans(pattern, text, 0, len(text)))


def test_the_patterns_with_a_finder_find_the_same_spans_on_the_corpus() -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [normalise(row["text"]).text for row in csv.DictReader(handle)][::5]
    found = 0
    for pattern in WITH_FINDER:
        for text in texts:
            expected, got = _spans_both_ways(pattern, text)
            assert got == expected, (pattern.pattern[:40], text[:60])
            found += bool(expected)
    assert found > 100


@settings(max_examples=150, deadline=None)
@given(WORDS, st.integers(0, 30))
def test_the_patterns_with_a_finder_find_the_same_spans_in_random_text(text: str, pos: int) -> None:
    for pattern in WITH_FINDER:
        finder = start_finder(pattern)
        assert finder is not None
        end = len(text)
        assert finder.spans(pattern, text, pos, end) == [
            m.span() for m in pattern.finditer(text, pos, end)]


def test_prefixes_are_cut_at_the_longest_length() -> None:
    finder = start_finder(WITH_FINDER[0])
    assert finder is not None and finder.longest <= match_starts.LONGEST_PREFIX


def test_prefixes_are_kept_in_the_cache_folder_and_read_back_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    pattern = WITH_FINDER[0]
    worked_out = match_starts._cached_prefixes(pattern)
    files = list(tmp_path.glob("prefixes-*.marshal"))
    assert worked_out == prefixes(pattern, match_starts.LONGEST_PREFIX) and len(files) == 1
    assert match_starts._cached_prefixes(pattern) == worked_out  # read back
    files[0].write_bytes(b"\x00not marshal")
    assert match_starts._cached_prefixes(pattern) == worked_out  # unreadable: again


def test_no_prefix_file_is_written_when_the_cache_is_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    assert match_starts._cached_prefixes(WITH_FINDER[0]) == prefixes(WITH_FINDER[0],
                                                              match_starts.LONGEST_PREFIX)
    assert not list(tmp_path.rglob("prefixes-*"))
