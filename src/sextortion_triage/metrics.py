"""Measure a scorer on labelled messages, and choose risk thresholds on validation data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["HIGH_MAX_FPR", "HIGH_PRECISION", "MEDIUM_RECALL", "choose_thresholds", "level_of",
           "measure"]

HIGH_PRECISION = 0.95  # ``high``: precision of sextortion at least this on validation ...
HIGH_MAX_FPR = 0.01  # ... and at most this share of non-sextortion messages flagged high
MEDIUM_RECALL = 0.98  # ``medium``: recall of sextortion at least this on validation


def choose_thresholds(labels: Sequence[int], scores: Sequence[float]) -> dict[str, float]:
    """Return ``{"medium": t_m, "high": t_h}`` from validation labels and scores.

    ``high`` is the lowest score from which precision stays at least HIGH_PRECISION
    for every higher cut-off and at most HIGH_MAX_FPR of label-0 messages reach it (a
    precision target alone lets the false-positive rate grow with the share of
    sextortion in the data); ``medium`` is the highest cut-off whose recall is at least
    MEDIUM_RECALL, and never above ``high``.
    """
    y = np.asarray(labels, dtype=int)
    s = np.asarray(scores, dtype=float)
    if y.sum() == 0 or y.sum() == y.size:
        raise ValueError("choosing thresholds needs both labels in the validation data")
    cuts = np.unique(s)[::-1]  # descending
    true_pos = np.array([(y[s >= c] == 1).sum() for c in cuts])
    flagged = np.array([(s >= c).sum() for c in cuts])
    precision = true_pos / flagged
    recall = true_pos / y.sum()
    false_positive_rate = (flagged - true_pos) / (y.size - y.sum())
    high = float(cuts[0])
    for i, cut in enumerate(cuts):
        if precision[: i + 1].min() >= HIGH_PRECISION and false_positive_rate[i] <= HIGH_MAX_FPR:
            high = float(cut)
        else:
            break
    medium = float(cuts[np.argmax(recall >= MEDIUM_RECALL)])
    return {"medium": min(medium, high), "high": high}


def level_of(score: float, thresholds: dict[str, float]) -> str:
    """Risk level word for a score."""
    if score >= thresholds["high"]:
        return "high"
    if score >= thresholds["medium"]:
        return "medium"
    return "low"


def _at(y: np.ndarray, flagged: np.ndarray) -> dict[str, Any]:
    tp = int((flagged & (y == 1)).sum())
    fp = int((flagged & (y == 0)).sum())
    fn = int((~flagged & (y == 1)).sum())
    tn = int((~flagged & (y == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "false_positive_rate": fp / (fp + tn) if fp + tn else 0.0,
            "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn}}


def _language(y: np.ndarray, s: np.ndarray, thresholds: dict[str, float]) -> dict[str, Any]:
    """Recall and false-positive rate at each level for one language's messages."""
    from sklearn.metrics import roc_auc_score

    row: dict[str, Any] = {"messages": int(y.size), "sextortion": int(y.sum()),
                           "roc_auc": float(roc_auc_score(y, s)) if 0 < y.sum() < y.size
                           else None}
    for name, cut in thresholds.items():
        level = _at(y, s >= cut)
        row[f"recall_at_{name}"] = level["recall"] if y.sum() else None
        row[f"fpr_at_{name}"] = level["false_positive_rate"] if (y == 0).any() else None
    return row


def measure(
    labels: Sequence[int],
    scores: Sequence[float],
    thresholds: dict[str, float],
    *,
    categories: Sequence[str] | None = None,
    ids: Sequence[str] | None = None,
    hard_negative_categories: Sequence[str] = (),
    languages: Sequence[str] | None = None,
    worst: int = 10,
) -> dict[str, Any]:
    """Every figure ``evaluate`` reports, as a JSON-serialisable dict."""
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    y = np.asarray(labels, dtype=int)
    s = np.asarray(scores, dtype=float)
    both = 0 < y.sum() < y.size
    report: dict[str, Any] = {
        "messages": int(y.size),
        "sextortion": int(y.sum()),
        "roc_auc": float(roc_auc_score(y, s)) if both else None,
        "pr_auc": float(average_precision_score(y, s)) if both else None,
        "brier": float(brier_score_loss(y, s)),
        "levels": {name: _at(y, s >= cut) for name, cut in thresholds.items()},
    }
    if categories is not None:
        cats = np.asarray(categories, dtype=object)
        per_category: dict[str, Any] = {}
        for category in sorted(set(cats)):
            mask = cats == category
            rates = {name: float((s[mask] >= cut).mean()) for name, cut in thresholds.items()}
            kind = "recall" if y[mask].max() == 1 else "false_positive_rate"
            per_category[category] = {"messages": int(mask.sum()), "measures": kind, **rates,
                                      "hard_negative": category in hard_negative_categories}
        report["per_category"] = per_category
    if languages is not None:
        langs = np.asarray(languages, dtype=object)
        report["per_language"] = {lang: _language(y[langs == lang], s[langs == lang], thresholds)
                                  for lang in sorted(set(langs))}
    if ids is not None:
        id_array = np.asarray(ids, dtype=object)
        negatives = np.flatnonzero(y == 0)
        positives = np.flatnonzero(y == 1)
        report["worst_false_positives"] = [
            {"id": str(id_array[i]), "score": float(s[i])}
            for i in negatives[np.argsort(-s[negatives], kind="stable")][:worst]
            if s[i] >= thresholds["medium"]
        ]
        report["worst_false_negatives"] = [
            {"id": str(id_array[i]), "score": float(s[i])}
            for i in positives[np.argsort(s[positives], kind="stable")][:worst]
            if s[i] < thresholds["high"]
        ]
    return report
