"""Training, export, determinism and the integrity check on model files."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import CORPUS, TINY_CANDIDATE
from sextortion_triage.engine import LinearBundle
from sextortion_triage.errors import ModelFormatError, ModelIntegrityError
from sextortion_triage.model import file_sha256, load_model, shipped_model_dir, verify_model
from sextortion_triage.train import train


def test_training_writes_model_files_and_a_card_with_their_hashes(tiny_model: Path) -> None:
    card = json.loads((tiny_model / "model_card.json").read_text())
    assert set(card["files"]) == {"model.json", "weights.npz"}
    for name, digest in card["files"].items():
        assert file_sha256(tiny_model / name) == digest
    assert set(card["thresholds"]) == {"medium", "high"}
    assert card["thresholds"]["medium"] <= card["thresholds"]["high"]
    assert {"python", "numpy", "scikit-learn"} <= set(card["library_versions"])
    assert len(card["data"]["sha256"]) == 64


def test_same_data_and_seed_give_identical_model_files(tiny_corpus: Path, tiny_model: Path,
                                                       tmp_path: Path) -> None:
    train(tiny_corpus, tmp_path, candidates=TINY_CANDIDATE)
    for name in ("model.json", "weights.npz", "model_card.json"):
        assert file_sha256(tmp_path / name) == file_sha256(tiny_model / name), name


def test_exported_bundle_scores_like_the_scikit_learn_pipeline(tiny_corpus: Path) -> None:
    import pandas as pd

    from sextortion_triage.features import build_pipeline

    frame = pd.read_csv(tiny_corpus, keep_default_na=False)
    pipeline = build_pipeline(**TINY_CANDIDATE[0], calibration_cv=3)
    pipeline.fit(frame["text"].tolist(), frame["label"].to_numpy())
    bundle = LinearBundle.from_pipeline(pipeline, {})
    texts = [*frame["text"].tolist()[:50], "ok", "Ｐａｙ ＮＯＷ 🔥", "x" * 500]
    expected = pipeline.predict_proba(texts)[:, 1]
    got = np.array([p.probability for p in bundle.predict(texts)])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


def test_a_tampered_model_file_is_refused(tiny_model: Path, tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(tiny_model, copy)
    with (copy / "weights.npz").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelIntegrityError, match=r"\[ST101\].*weights.npz.*does not match"):
        verify_model(copy)
    with pytest.raises(ModelIntegrityError):
        load_model(copy)


def test_a_model_without_its_card_needs_explicit_trust(tiny_model: Path, tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(tiny_model, copy)
    (copy / "model_card.json").unlink()
    with pytest.raises(ModelIntegrityError, match="cannot be verified"):
        load_model(copy)
    assert load_model(copy, trust=True).metadata["thresholds"]


def test_a_bundle_from_another_format_gets_a_clear_error(tiny_model: Path, tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(tiny_model, copy)
    document = json.loads((copy / "model.json").read_text())
    document["format"] = "sextortion-triage/linear-bundle/99"
    (copy / "model.json").write_text(json.dumps(document))
    with pytest.raises(ModelFormatError, match=r"\[ST102\].*retrain"):
        load_model(copy, trust=True)


def test_loading_never_unpickles(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("pickle used on the load path")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    LinearBundle.load(tiny_model)


def test_the_shipped_model_verifies() -> None:
    card = verify_model(shipped_model_dir())
    assert card["model_version"] == load_model().metadata["model_version"]


def test_the_installed_package_carries_its_model_files() -> None:
    from importlib import resources

    packaged = resources.files("sextortion_triage.shipped_model")
    for name in ("model.json", "weights.npz", "model_card.json"):
        assert packaged.joinpath(name).is_file(), name
    assert shipped_model_dir() == Path(str(packaged))


def test_measuring_candidates_in_two_processes_gives_the_same_model(tiny_corpus: Path,
                                                                     tmp_path: Path) -> None:
    two = (*TINY_CANDIDATE, {**TINY_CANDIDATE[0], "C": 1.0})
    alone = train(tiny_corpus, tmp_path / "one", candidates=two, jobs=1)
    together = train(tiny_corpus, tmp_path / "two", candidates=two, jobs=2)
    assert together.comparison == alone.comparison
    for name in ("model.json", "weights.npz", "model_card.json"):
        assert file_sha256(tmp_path / "two" / name) == file_sha256(tmp_path / "one" / name)


def test_balancing_languages_weighs_a_message_by_its_languages_rarity() -> None:
    import pandas as pd

    from sextortion_triage.train import _language_weights

    weights = _language_weights(pd.Series(["en"] * 9 + ["de"]))
    assert weights.mean() == pytest.approx(1.0)
    assert weights[-1] == pytest.approx(3 * weights[0])  # share 0.1 against 0.9: sqrt(9)


def test_a_language_balanced_candidate_trains_and_says_so(tiny_corpus: Path,
                                                          tmp_path: Path) -> None:
    balanced = ({**TINY_CANDIDATE[0], "balance_languages": True},)
    report = train(tiny_corpus, tmp_path, candidates=balanced)
    assert report.comparison[0]["candidate"].endswith("languages balanced")
    assert report.card["training"]["candidate"]["balance_languages"] is True


def test_naive_bayes_weighting_folds_into_the_exported_weights(tiny_corpus: Path) -> None:
    import pandas as pd

    from sextortion_triage.features import build_pipeline

    frame = pd.read_csv(tiny_corpus, keep_default_na=False)
    pipeline = build_pipeline(**TINY_CANDIDATE[0], nb_weighting=0.5, calibration_cv=3)
    pipeline.fit(frame["text"].tolist(), frame["label"].to_numpy())
    bundle = LinearBundle.from_pipeline(pipeline, {})
    texts = [*frame["text"].tolist()[:50], "ok", "i have like 300 followers now"]
    expected = pipeline.predict_proba(texts)[:, 1]
    got = np.array([p.probability for p in bundle.predict(texts)])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


def test_naive_bayes_weighting_shrinks_n_grams_both_labels_use_alike() -> None:
    import scipy.sparse as sp

    from sextortion_triage.nb_weighting import NaiveBayesWeighting

    # column 0 in every message of both labels, column 1 only in sextortion
    counts = sp.csr_matrix(np.array([[1, 1], [1, 1], [1, 0], [1, 0]], dtype=float))
    weighting = NaiveBayesWeighting(power=1.0).fit(counts, [1, 1, 0, 0])
    even, uneven = weighting.weights_
    assert even < uneven
    scaled = weighting.transform(counts).toarray()
    np.testing.assert_allclose(scaled, counts.toarray() * weighting.weights_)


def test_a_few_messages_use_the_cheap_counter_until_the_array_counter_exists() -> None:
    from sextortion_triage.gram_counts import StringGramCounter

    cold = LinearBundle.load(shipped_model_dir()).text_blocks[0]
    assert isinstance(cold.quickest_counter(3), StringGramCounter)  # a one-off check
    warm = LinearBundle.load(shipped_model_dir()).text_blocks[0]
    assert warm.quickest_counter(2000) is warm.counter
    assert warm.quickest_counter(3) is warm.counter  # a batch's small last chunk
    assert "lookup_counter" not in warm.__dict__  # never built: it would only cost memory


def test_a_prepared_model_counts_even_one_message_with_the_array_counters() -> None:
    bundle = LinearBundle.load(shipped_model_dir())
    bundle.prepare()
    for block in bundle.text_blocks:
        assert block.quickest_counter(1) is block.counter
    fresh = LinearBundle.load(shipped_model_dir())
    text = "I have your nudes. Send $300 on Cash App in 1 hour or I post them."
    assert bundle.predict([text]) == fresh.predict([text])


def test_batch_scores_and_signal_names_are_predicts_own() -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][::30]
    bundle = LinearBundle.load(shipped_model_dir())
    expected = [(p.probability, tuple(sorted({s.name for s in p.signals})))
                for p in bundle.predict(texts)]
    found = bundle.scores_and_names(texts)
    # the same names; a batch's word block is summed from priced columns, predict's from
    # the counted entries (for its top terms): the same probabilities to the last bits
    assert [names for _, names in found] == [names for _, names in expected]
    assert [p for p, _ in found] == pytest.approx([p for p, _ in expected], rel=1e-12,
                                                  abs=1e-15)
    assert any(names for _, names in expected)
