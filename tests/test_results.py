"""The result types: the quick makers used by scoring give what the classes give."""

from __future__ import annotations

import dataclasses

import pytest

from sextortion_triage.results import (
    AdviceItem,
    Signal,
    TriageResult,
    found_signal,
    scored_result,
)


def test_a_found_signal_is_the_signal_the_class_makes() -> None:
    made = found_signal("payment_demand", "pay $300", 4, 12, "asks for money")
    assert made == Signal("payment_demand", "pay $300", 4, 12, "asks for money")
    assert type(made) is Signal
    assert hash(made) == hash(Signal("payment_demand", "pay $300", 4, 12, "asks for money"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 0  # type: ignore[misc]


def test_a_found_signal_with_a_backward_span_is_refused_as_the_class_refuses_it() -> None:
    with pytest.raises(ValueError, match="needs 0 <= start <= end") as quick:
        found_signal("deadline", "", 5, 4, "")
    with pytest.raises(ValueError, match="needs 0 <= start <= end") as usual:
        Signal("deadline", "", 5, 4, "")
    assert str(quick.value) == str(usual.value)


def test_a_scored_result_is_the_result_the_class_makes() -> None:
    fields = {"score": 0.91, "risk_level": "high", "is_sextortion": True,
              "signals": (Signal("deadline", "24 hours", 0, 8, "sets a deadline"),),
              "top_terms": ("pay", "post"),
              "advice": (AdviceItem("crisis", "Crisis", "Call someone now.", ("src",)),),
              "model_version": "9", "notes": ("a note",)}
    made = scored_result(**fields)  # type: ignore[arg-type]
    assert made == TriageResult(**fields)  # type: ignore[arg-type]
    assert made.to_dict() == TriageResult(**fields).to_dict()  # type: ignore[arg-type]
    assert scored_result(0.1, "low", False, (), (), (), "9").notes == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.score = 0.0  # type: ignore[misc]


@pytest.mark.parametrize(("score", "level", "message"), [
    (1.5, "high", "outside"), (-0.1, "low", "outside"), (0.5, "severe", "not one of")])
def test_a_scored_result_out_of_range_is_refused_as_the_class_refuses_it(
        score: float, level: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        scored_result(score, level, False, (), (), (), "9")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        TriageResult(score, level, False, (), (), (), "9")  # type: ignore[arg-type]
