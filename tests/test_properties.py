"""Properties that hold for any text: no crash, a score in [0, 1], determinism, valid spans."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sextortion_triage import score
from sextortion_triage.errors import InputError
from sextortion_triage.normalise import normalise
from sextortion_triage.reading import read_eml
from sextortion_triage.signals import detect_signals

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
messages = st.text(min_size=1, max_size=400).filter(lambda t: t.strip())


@SETTINGS
@given(messages)
def test_scoring_any_text_gives_a_probability_deterministically(text: str) -> None:
    first = score(text)
    assert 0.0 <= first.score <= 1.0
    assert score(text).to_dict() == first.to_dict()


@SETTINGS
@given(st.text(max_size=400))
def test_signal_spans_lie_inside_the_text_and_quote_it(text: str) -> None:
    for signal in detect_signals(text):
        assert 0 <= signal.start < signal.end <= len(text)
        assert text[signal.start : signal.end] == signal.text


@SETTINGS
@given(st.text(max_size=400))
def test_normalisation_is_idempotent_and_mapped(text: str) -> None:
    once = normalise(text)
    assert normalise(once.text).text == once.text
    assert len(once.starts) == len(once.text)


@SETTINGS
@given(st.binary(max_size=2000))
def test_the_eml_reader_never_raises_anything_but_input_error(data: bytes) -> None:
    with contextlib.suppress(InputError):
        assert isinstance(read_eml(data), str)


@SETTINGS
@given(st.text(max_size=200))
def test_the_fast_normalisation_paths_agree_with_the_general_one(text: str) -> None:
    from sextortion_triage.normalise import _normalise_slow

    assert normalise(text) == _normalise_slow(text)
