"""Train the model: compare candidates on validation, fit the chosen one, export it.

``train()`` is deterministic: the same data and seed give byte-identical model files.
The test split is never used for a choice; its figures are only reported.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from . import __version__
from .corpus import HARD_NEGATIVE_CATEGORIES, read_corpus
from .engine import LinearBundle
from .evaluate import perturbed_figures
from .metrics import choose_thresholds, measure
from .model import CARD_NAME, file_sha256
from .model_report import update_model_readme

__all__ = ["CANDIDATES", "TrainReport", "describe", "train"]

#: The candidates compared on the validation split, in the order they are tried.
CANDIDATES: tuple[dict[str, Any], ...] = (
    {"blocks": ("words",), "classifier": "logistic", "C": 4.0},
    {"blocks": ("chars",), "classifier": "logistic", "C": 4.0},
    {"blocks": ("words", "chars"), "classifier": "logistic", "C": 4.0},
    {"blocks": ("words", "chars", "signals"), "classifier": "logistic", "C": 16.0},
    {"blocks": ("words", "chars", "signals"), "classifier": "logistic", "C": 16.0,
     "signal_pairs": True},
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 4.0},
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 16.0},
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 4.0,
     "signal_pairs": True},
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 16.0,
     "signal_pairs": True},
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 16.0,
     "signal_pairs": True, "min_df": 1},
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 16.0,
     "signal_pairs": True, "word_ngram_range": (1, 3), "char_ngram_range": (2, 5)},
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 16.0,
     "signal_pairs": True, "char_ngram_range": (3, 6), "min_df": 1},
    # Six languages of about 870 messages each against 9,700 in English: weigh each
    # message by the inverse square root of its language's share (issue 6).
    {"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": 16.0,
     "signal_pairs": True, "word_ngram_range": (1, 3), "char_ngram_range": (2, 5),
     "balance_languages": True},
    # Validation errors (session 5): short harmless messages ("i have like 300 followers
    # now wtf") scored high on common n-grams that both labels use. Naive Bayes
    # weighting (``nb_weighting.py``) shrinks such n-grams; tried at three strengths.
    *({"blocks": ("words", "chars", "signals"), "classifier": "linear_svm", "C": c,
       "signal_pairs": True, "word_ngram_range": (1, 3), "char_ngram_range": (2, 5),
       "nb_weighting": power} for c, power in ((16.0, 0.5), (4.0, 0.5), (16.0, 0.25))),
)


@dataclass(frozen=True)
class TrainReport:
    """What ``train`` did: the chosen candidate, the comparison and the model card."""

    chosen: dict[str, Any]
    comparison: list[dict[str, Any]]
    card: dict[str, Any]
    files: list[Path]


def _grouped_folds(labels: Any, families: Any, seed: int, n_splits: int = 5) -> list[Any]:
    """Calibration folds that never split a family, so calibration sees unseen writing."""
    from sklearn.model_selection import StratifiedGroupKFold

    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(folds.split(labels, labels, groups=families))


def _language_weights(languages: Any) -> Any:
    """Sample weights that shrink the majority language's pull: each message weighs the
    inverse square root of its language's share, scaled to a mean of 1."""
    import numpy as np

    share = languages.map(languages.value_counts(normalize=True)).to_numpy(dtype=float)
    weights = 1 / np.sqrt(share)
    return weights / weights.mean()


def _fit(candidate: dict[str, Any], frame: Any, seed: int) -> Any:
    from .features import build_pipeline

    options = {k: v for k, v in candidate.items() if k != "balance_languages"}
    folds = _grouped_folds(frame["label"].to_numpy(), frame["family"].to_numpy(), seed)
    pipeline = build_pipeline(**options, calibration_cv=folds, random_state=seed)
    fit_options = ({"classifier__sample_weight": _language_weights(frame["lang"])}
                   if candidate.get("balance_languages") else {})
    return pipeline.fit(frame["text"].tolist(), frame["label"].to_numpy(), **fit_options)


def _measure_candidate(candidate: dict[str, Any], train_part: Any, validation: Any,
                       seed: int) -> dict[str, Any]:
    """Fit one candidate on the training split; its figures on the validation split."""
    with threadpool_limits(limits=1):  # as in ``train``
        pipeline = _fit(candidate, train_part, seed)
        scores = pipeline.predict_proba(validation["text"].tolist())[:, 1]
    thresholds = choose_thresholds(validation["label"], scores)
    figures = measure(validation["label"], scores, thresholds)
    row = {"roc_auc": figures["roc_auc"], "pr_auc": figures["pr_auc"],
           "brier": figures["brier"], "recall_at_high": figures["levels"]["high"]["recall"],
           "fpr_at_high": figures["levels"]["high"]["false_positive_rate"],
           "recall_at_medium": figures["levels"]["medium"]["recall"],
           "fpr_at_medium": figures["levels"]["medium"]["false_positive_rate"]}
    # Sums over arrays can differ in the last bit from one process to another (numpy's
    # vector loops depend on memory alignment); ten decimals keep the card identical.
    return {"candidate": describe(candidate)} | {k: round(v, 10) for k, v in row.items()}


def _compare(candidates: tuple[dict[str, Any], ...], train_part: Any, validation: Any,
             seed: int, jobs: int) -> list[dict[str, Any]]:
    """Every candidate's validation figures, in the candidates' order."""
    if jobs <= 1 or len(candidates) <= 1:
        return [_measure_candidate(c, train_part, validation, seed) for c in candidates]
    from joblib import Parallel, delayed

    return list(Parallel(n_jobs=min(jobs, len(candidates)))(
        delayed(_measure_candidate)(c, train_part, validation, seed) for c in candidates))


def describe(candidate: dict[str, Any]) -> str:
    blocks = "+".join(candidate["blocks"]) + ("+pairs" if candidate.get("signal_pairs") else "")
    options = [f"C={candidate['C']:g}"]
    if "word_ngram_range" in candidate:
        options.append("words {}-{}".format(*candidate["word_ngram_range"]))
    if "char_ngram_range" in candidate:
        options.append("chars {}-{}".format(*candidate["char_ngram_range"]))
    if "min_df" in candidate:
        options.append(f"min_df={candidate['min_df']}")
    if candidate.get("balance_languages"):
        options.append("languages balanced")
    if candidate.get("nb_weighting") is not None:
        options.append(f"NB-weighted ^{candidate['nb_weighting']:g}")
    return f"{blocks} / {candidate['classifier']} " + " ".join(options)


def _selection_key(row: dict[str, Any]) -> tuple[float, float, float]:
    """Best recall at the high threshold, then PR-AUC, then lower Brier score."""
    return (row["recall_at_high"], row["pr_auc"], -row["brier"])


def train(
    data: Path,
    out: Path,
    *,
    seed: int = 0,
    candidates: tuple[dict[str, Any], ...] = CANDIDATES,
    silent: bool = True,
    jobs: int = 1,
) -> TrainReport:
    """Choose, fit, check and save the model; return what was done.

    Each candidate is fitted on ``train`` and measured on ``validation`` (``jobs`` of
    them at a time, in separate processes; the result does not depend on ``jobs``); the
    best is exported to a pickle-free bundle in ``out`` with its thresholds and card.
    """
    frame = read_corpus(data)
    parts = {name: frame[frame["split"] == name].reset_index(drop=True)
             for name in ("train", "validation", "test")}
    validation = parts["validation"]
    comparison = _compare(candidates, parts["train"], validation, seed, jobs)
    if not silent:
        for row in comparison:
            print(f"  {row['candidate']:<45} recall@high {row['recall_at_high']:.3f}  "
                  f"PR-AUC {row['pr_auc']:.4f}  Brier {row['brier']:.4f}")
    best = max(range(len(candidates)), key=lambda i: _selection_key(comparison[i]))
    chosen = candidates[best]
    # One BLAS thread, as in the candidate processes: a different number of threads adds
    # in another order, and the files would then depend on the machine's cores.
    with threadpool_limits(limits=1):
        pipeline = _fit(chosen, parts["train"], seed)

    data_sha = file_sha256(Path(data))
    config: dict[str, Any] = {"candidate": {**json.loads(json.dumps(chosen)),
                                            "description": describe(chosen)},
                              "seed": seed}
    bundle = LinearBundle.from_pipeline(pipeline, {})
    model_version = f"{__version__}+{bundle.content_digest()[:10]}"
    validation_scores = [p.probability for p in bundle.predict(validation["text"].tolist())]
    thresholds = choose_thresholds(validation["label"], validation_scores)

    reference = pipeline.predict_proba(validation["text"].tolist())[:, 1]
    export_error = float(max(abs(a - b)
                             for a, b in zip(reference, validation_scores, strict=True)))
    if export_error > 1e-6:
        raise RuntimeError(f"exported model differs from the pipeline by {export_error:.2e}")

    bundle = LinearBundle(bundle.text_blocks, bundle.signal_names, bundle.signal_coef,
                          bundle.intercept, bundle.calibration,
                          {"model_version": model_version, "thresholds": thresholds})
    files = bundle.save(Path(out))
    metrics = {}
    for name, part in parts.items():
        if len(part) and part["label"].nunique() == 2:
            scores = [p.probability for p in bundle.predict(part["text"].tolist())]
            metrics[name] = measure(part["label"], scores, thresholds,
                                    categories=part["category"].tolist(),
                                    hard_negative_categories=sorted(HARD_NEGATIVE_CATEGORIES),
                                    languages=part["lang"].tolist())
    card = _model_card(model_version, data, data_sha, frame, config, thresholds, comparison,
                       metrics, export_error, files)
    test = parts["test"]
    if len(test):
        card["disguises_on_test"] = {"seed": seed, "kinds": perturbed_figures(
            bundle, test["text"].tolist(), test["label"].tolist(), seed)}
    card_path = Path(out) / CARD_NAME
    card_path.write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    update_model_readme(Path(out) / "README.md", card)
    return TrainReport(config["candidate"], comparison, card, [*files, card_path])


def _model_card(model_version: str, data: Path, data_sha: str, frame: Any,
                config: dict[str, Any], thresholds: dict[str, float],
                comparison: list[dict[str, Any]], metrics: dict[str, Any],
                export_error: float, files: list[Path]) -> dict[str, Any]:
    import numpy
    import pandas
    import sklearn

    return {
        "model_version": model_version,
        "format": "pickle-free bundle: model.json + weights.npz (numpy arrays, no pickle)",
        "data": {"file": Path(data).name, "sha256": data_sha, "rows": len(frame),
                 "rows_per_split": {k: int(v) for k, v in frame["split"].value_counts()
                                    .sort_index().items()}},
        "training": config,
        "library_versions": {"python": platform.python_version(), "numpy": numpy.__version__,
                             "scikit-learn": sklearn.__version__, "pandas": pandas.__version__,
                             "sextortion-triage": __version__},
        "thresholds": thresholds,
        "threshold_rule": {"high": "lowest score with validation precision >= 0.95 above it "
                                   "and validation false-positive rate <= 0.01",
                           "medium": "highest score with validation recall >= 0.98"},
        "comparison_on_validation": comparison,
        "metrics": metrics,
        "export_max_abs_difference": export_error,
        "files": {path.name: file_sha256(path) for path in files},
    }
