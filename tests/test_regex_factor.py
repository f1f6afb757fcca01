"""Factoring an alternation into a prefix tree keeps exactly the strings it matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sextortion_triage.regex_factor import factor, split_alternatives


def test_shared_beginnings_are_written_once() -> None:
    assert factor(["zahle", "zahlst", "zahlen"]) == "(?:zahl(?:e(?:n|)|st))"


def test_a_leading_group_is_spelled_out_so_each_alternative_starts_with_a_letter() -> None:
    assert factor(["(?:be)?zahl"]) == "(?:bezahl|zahl)"
    assert factor(["(?:schick|send)e"]) == "(?:s(?:chicke|ende))"
    assert factor(["[ée]cole"]) == "(?:école|ecole)"


def test_quantified_groups_and_look_arounds_stay_whole() -> None:
    assert factor(["(?:ab)+c"]) == "(?:(?:ab)+c)"
    assert factor(["(?<!x)ab"]) == "(?:(?<!x)ab)"


def test_a_longer_continuation_is_tried_before_a_shorter_ending() -> None:
    assert re.match(factor(["ab", "abc"]), "abc").group() == "abc"  # type: ignore[union-attr]


def test_split_alternatives_respects_groups_classes_and_escapes() -> None:
    assert split_alternatives(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]


# ---------------------------------------------------------------- property
atoms = st.sampled_from(["a", "b", "c", "[ab]", "[bc]", "a?", "b*", r"\w", "c+"])


def _pattern(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return st.lists(atoms, min_size=1, max_size=4).map("".join)
    group = st.lists(_pattern(depth - 1), min_size=1, max_size=3).map(
        lambda alts: "(?:" + "|".join(alts) + ")")
    piece = st.one_of(atoms, group, group.map(lambda g: g + "?"))
    return st.lists(piece, min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pattern(2), min_size=1, max_size=5),
       st.lists(st.text("abc", max_size=7), min_size=1, max_size=20))
def test_factoring_matches_exactly_the_same_strings(patterns: list[str],
                                                    probes: list[str]) -> None:
    plain = re.compile("(?:" + "|".join(patterns) + ")")
    factored = re.compile(factor(patterns))
    for probe in probes:
        assert (plain.fullmatch(probe) is None) == (factored.fullmatch(probe) is None), probe
