"""Rendering for people: 80 columns, phone numbers never split, colour only when asked."""

from __future__ import annotations

import re

import pytest

from sextortion_triage.advice import REGIONS, advice_for
from sextortion_triage.render import render_advice, render_result
from sextortion_triage.score import score

PHONE = re.compile(r"\d+(?: \d+)+")


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("under_18", [False, True])
def test_advice_fits_80_columns_and_keeps_every_number_on_one_line(region: str,
                                                                    under_18: bool) -> None:
    items = advice_for("high", region=region, under_18=under_18)
    rendered = render_advice(items, color=False)
    assert max(len(line) for line in rendered.splitlines()) <= 80
    flat = " ".join(rendered.split())
    for item in items:
        for number in PHONE.findall(item.text):
            assert number in rendered, f"{number!r} was split across lines"
            assert number in flat


def test_colour_only_when_asked() -> None:
    result = score("I have your nudes. Send $300 on Cash App in 1 hour or I post them.")
    assert "\x1b[" not in render_result(result, color=False)
    assert "\x1b[" in render_result(result, color=True)
