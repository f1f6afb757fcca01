"""A stand-in too long for Hyperscan becomes a formula of shorter pieces that holds
wherever the stand-in matches."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import prefilter
from sextortion_triage.hyperscan_set import LONGEST_PATTERN
from sextortion_triage.normalise import normalise
from sextortion_triage.signal_batch import _scan_patterns
from sextortion_triage.stand_in_split import Formula, expression, pieces, shortest, split


def _holds(formula: Formula | None, found: Callable[[str], bool]) -> bool:
    """The formula's truth where ``found(piece)`` says whether a piece matches."""
    if formula is None:
        return True
    if isinstance(formula, str):
        return found(formula)
    parts = (_holds(part, found) for part in formula[1])
    return all(parts) if formula[0] == "and" else any(parts)


def test_a_short_stand_in_without_gaps_is_its_own_piece() -> None:
    assert split("(?:pay|paid) (?:now|today)", 100) == "(?:pay|paid) (?:now|today)"


def test_a_long_alternation_becomes_an_or_of_its_alternatives() -> None:
    assert split("(?:alpha|beta|gamma)", 8) == ("or", ("alpha", "beta", "gamma"))


def test_the_parts_between_gaps_are_all_required() -> None:
    assert split("(?:send|post)[^.!?\\n]*(?:family|friends)", 100) == (
        "and", ("(?:send|post)", "(?:family|friends)"))


def test_a_part_with_a_gap_inside_is_cut_at_that_gap() -> None:
    assert split("x(?:send[^.]*family|post)y", 100) == "x(?:send|post)"


def test_a_condition_that_holds_almost_anywhere_is_left_out_of_an_and() -> None:
    # without word boundaries "o" and "or" match inside most words: no filter, only cost
    assert split("(?:o|or)[^.!?\\n]*(?:family|friends)", 100) == "(?:family|friends)"
    assert split("(?:or)[^.!?\\n]*(?:to)", 100) == ("and", ("(?:or)", "(?:to)"))  # all short


def test_the_shortest_match_counts_characters_classes_and_repeats() -> None:
    assert shortest("(?:o(?:der|u|)|ppure)") == 1
    assert shortest("x[ab]{2,3}(?:yz)?") == 3
    assert shortest("\\x{80}+b") == 2
    assert shortest("(?:ab){3}c") == 7
    assert shortest("a|") == 0


def test_an_empty_alternative_may_match_anywhere() -> None:
    assert split("[^.]*b", 100) == "b"
    assert split("(?:abc|[^.]*)", 100) is None


def test_a_long_piece_without_gaps_needs_each_group_that_cannot_be_absent() -> None:
    assert split("x(?:alpha|beta)y(?:gamma|delta)?z", 12) == "alpha|beta"


def test_a_long_piece_that_may_be_wholly_absent_may_match_anywhere() -> None:
    assert split("(?:alpha|beta|gamma)?", 8) is None


def test_a_long_piece_with_nothing_to_cut_or_split_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be split"):
        split("abcdef", 3)


def test_pieces_and_expression_name_each_piece_once() -> None:
    formula: Formula = ("or", ("a", ("and", ("b", "a"))))
    assert pieces(formula) == ["a", "b"]
    assert expression(formula, {"a": 5, "b": 6}) == "(5 | (6 & 5))"


_WORDS = ["send", "post", "family", "friends", "pay", "now", "video", "the"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, ".", " ", "x"]), max_size=12))
def test_the_formula_holds_wherever_the_stand_in_matches(tokens: list[str]) -> None:
    source = ("(?:(?:send|post)[^.!?\\n]*(?:family|friends)|pay(?: now|)"
              "|video[^.]*the (?:family|x[^ ]*post))")
    text = "".join(tokens)
    formula = split(source, 12)
    if re.search(source, text):  # plain ASCII pieces, where RE2's dialect and re's agree
        assert _holds(formula, lambda piece: re.search(piece, text) is not None)


def test_the_three_longest_signal_stand_ins_keep_every_corpus_match() -> None:
    re2 = pytest.importorskip("re2")
    _, scans = _scan_patterns()
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [normalise(row["text"]).text for row in csv.DictReader(handle)][::8]
    long_ones = [scan.original for scan in scans
                 if len(prefilter.loosen(scan.original.pattern, boundaries=False)) > LONGEST_PATTERN]
    assert len(long_ones) == 3
    for pattern in long_ones:
        formula = split(prefilter.loosen(pattern.pattern, boundaries=False), LONGEST_PATTERN)
        assert formula is not None
        compiled = {piece: re2.compile(piece) for piece in pieces(formula)}
        assert all(len(piece) <= LONGEST_PATTERN for piece in compiled)
        for text in texts:
            if pattern.search(text):
                assert _holds(formula, _found_in(text, compiled)), pattern.pattern[:60]


def _found_in(text: str, compiled: dict[str, Any]) -> Callable[[str], bool]:
    return lambda piece: compiled[piece].search(text) is not None
