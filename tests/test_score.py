"""The Python API: ``score`` and ``score_many`` on the shipped model."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import SHARED
from sextortion_triage import Signal, TriageResult, score, score_many
from sextortion_triage.errors import InputError

DEMAND = ("I have your nudes and screenshots of all your followers. Send $300 on Cash App "
          "in 1 hour or I post them everywhere.")
BENIGN = "can you pick up milk on the way home? see you at 6"


def test_score_returns_a_complete_typed_result() -> None:
    result = score(DEMAND)
    assert isinstance(result, TriageResult)
    assert 0.0 <= result.score <= 1.0
    assert result.risk_level == "high"
    assert result.is_sextortion is True
    assert all(isinstance(s, Signal) for s in result.signals)
    assert {"payment_demand", "contacts_leverage", "intimate_content", "deadline"} <= {
        s.name for s in result.signals}
    assert result.top_terms and all(isinstance(t, str) for t in result.top_terms)
    assert result.advice and result.model_version


def test_to_dict_is_json_serialisable_with_the_contract_keys() -> None:
    data = score(DEMAND).to_dict()
    assert {"score", "risk_level", "is_sextortion", "signals", "top_terms", "advice",
            "model_version"} <= set(data)
    assert set(data["signals"][0]) >= {"name", "text", "start", "end"}
    json.dumps(data)


def test_a_benign_message_scores_low() -> None:
    result = score(BENIGN)
    assert result.risk_level == "low"
    assert result.is_sextortion is False


def test_the_police_article_that_describes_demands_scores_low() -> None:
    article = SHARED / "reference" / "seed_article.txt"
    if not article.is_file():
        pytest.skip("../shared/reference/seed_article.txt is not beside this checkout")
    assert score(article.read_text(encoding="utf-8")).risk_level == "low"


def test_score_many_equals_score_on_each_message() -> None:
    texts = [DEMAND, BENIGN, "pay 0.1 btc to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "hi"]
    many = score_many(texts)
    assert [r.to_dict() for r in many] == [score(t).to_dict() for t in texts]


def test_score_many_accepts_any_iterable() -> None:
    assert len(score_many(t for t in [DEMAND, BENIGN])) == 2


def test_scoring_is_deterministic_and_thread_safe() -> None:
    texts = [DEMAND, BENIGN] * 20
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda t: score(t).score, texts))
    assert results == [score(t).score for t in texts]


def test_a_minor_indicator_switches_on_the_under_18_advice_and_says_why() -> None:
    result = score("ur 15 and ur school will see ur nudes unless u send $200")
    assert result.notes and "under 18" in result.notes[0]
    assert any(item.id == "trusted_adult" for item in result.advice)


def test_under_18_false_keeps_adult_advice_even_with_a_minor_indicator() -> None:
    result = score("ur 15 and ur school will see ur nudes unless u send $200", under_18=False)
    assert not any(item.id == "trusted_adult" for item in result.advice)


def test_non_text_raises_type_error() -> None:
    with pytest.raises(TypeError, match="must be str, not bytes"):
        score(b"hello")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="position 1"):
        score_many(["ok", 3])  # type: ignore[list-item]


def test_empty_text_raises_input_error() -> None:
    with pytest.raises(InputError, match=r"\[ST201\] text is empty"):
        score("   ")


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="region must be one of"):
        score(DEMAND, region="mars")


def test_a_message_scores_the_same_alone_and_among_others() -> None:
    import csv

    from conftest import CORPUS

    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:400]
    together = [result.score for result in score_many(texts)]
    in_pairs = [result.score for i in range(0, len(texts), 2)
                for result in score_many(texts[i : i + 2])]
    assert in_pairs == together  # exactly: no rounding difference from batch size


def test_a_long_input_is_scored_in_slices_with_the_same_results(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sextortion_triage import engine
    from sextortion_triage.model import load_model

    texts = [DEMAND, "see you at 6", "I have your pics, pay or they go to your followers"] * 5
    whole = load_model().predict(texts)
    monkeypatch.setattr(engine, "PREDICT_SLICE", 4)  # 15 messages: four slices
    assert load_model().predict(texts) == whole


def test_one_message_never_pays_for_the_array_counters() -> None:
    from sextortion_triage.engine import LinearBundle
    from sextortion_triage.model import shipped_model_dir

    fresh = LinearBundle.load(shipped_model_dir())  # not the cached model others warmed
    fresh.predict([DEMAND])
    assert all("counter" not in vars(block) for block in fresh.text_blocks)


def test_a_prepared_process_scores_each_message_as_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    from conftest import CORPUS
    from sextortion_triage import prepare, signal_batch

    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][::97][:120]
    monkeypatch.setattr(signal_batch, "_prepared", False)  # put back after the test
    before = [score(text) for text in texts]
    prepare()
    assert signal_batch._prepared  # a lone message now goes through the stand-ins
    assert [score(text) for text in texts] == before
