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
#: any code point, lone surrogates included: JSON (the HTTP API, JSONL batches) carries them
any_code_points = st.text(st.characters(exclude_categories=()), min_size=1, max_size=200)


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


@SETTINGS
@given(st.lists(any_code_points.filter(lambda t: t.strip()), min_size=1, max_size=4))
def test_lone_surrogates_never_break_scoring_one_message_or_many(texts: list[str]) -> None:
    from sextortion_triage import score_many

    assert [r.score for r in score_many(texts)] == [score(t).score for t in texts]


def test_a_lone_surrogate_next_to_white_space_to_fold_is_scored() -> None:
    assert score("x \ud800\nb").risk_level == "low"  # raised UnicodeEncodeError before


def test_a_lone_surrogate_in_a_batch_of_many_is_scored() -> None:
    from sextortion_triage import score_many

    texts = ["pay me \ud800 now or i post your nudes", "see you at 6"] * 20  # array counters
    assert [r.score for r in score_many(texts)] == [score(t).score for t in texts]


@SETTINGS
@given(any_code_points)
def test_the_fast_normalisation_paths_agree_with_the_general_one_on_any_code_point(
        text: str) -> None:
    from sextortion_triage.normalise import _normalise_slow

    assert normalise(text) == _normalise_slow(text)
