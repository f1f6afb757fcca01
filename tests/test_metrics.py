"""Threshold choice and measurement."""

from __future__ import annotations

import pytest

from sextortion_triage.metrics import choose_thresholds, level_of, measure


def test_high_needs_both_precision_and_a_low_false_positive_rate() -> None:
    # 100 negatives spread over [0, 0.5), 50 positives over [0.4, 1.0)
    labels = [0] * 100 + [1] * 50
    scores = [i / 200 for i in range(100)] + [0.4 + i * 0.012 for i in range(50)]
    thresholds = choose_thresholds(labels, scores)
    flagged_negatives = sum(1 for y, s in zip(labels, scores, strict=True) if y == 0 and s >= thresholds["high"])
    assert flagged_negatives <= 1  # at most 1% of 100
    assert thresholds["medium"] <= thresholds["high"]


def test_medium_reaches_the_recall_target() -> None:
    labels = [0, 0, 0, 1, 1, 1, 1]
    scores = [0.1, 0.2, 0.6, 0.3, 0.7, 0.8, 0.9]
    thresholds = choose_thresholds(labels, scores)
    assert thresholds["medium"] == 0.3


def test_levels() -> None:
    thresholds = {"medium": 0.2, "high": 0.8}
    assert [level_of(s, thresholds) for s in (0.1, 0.2, 0.79, 0.8)] == [
        "low", "medium", "medium", "high"]


def test_thresholds_need_both_labels() -> None:
    with pytest.raises(ValueError, match="both labels"):
        choose_thresholds([1, 1], [0.2, 0.9])


def test_measure_reports_confusion_and_categories() -> None:
    report = measure([0, 1, 1, 0], [0.1, 0.9, 0.3, 0.85], {"medium": 0.2, "high": 0.8},
                     categories=["everyday", "dm_financial", "dm_financial", "victim_report"],
                     ids=["a", "b", "c", "d"], hard_negative_categories=["victim_report"])
    assert report["levels"]["high"]["confusion"] == {"tp": 1, "fp": 1, "fn": 1, "tn": 1}
    assert report["per_category"]["victim_report"]["hard_negative"] is True
    assert [row["id"] for row in report["worst_false_positives"]] == ["d"]
    assert [row["id"] for row in report["worst_false_negatives"]] == ["c"]


def test_measure_reports_recall_and_false_positives_per_language() -> None:
    report = measure([1, 1, 0, 1, 0, 0], [0.9, 0.5, 0.1, 0.95, 0.85, 0.1],
                     {"medium": 0.2, "high": 0.8}, languages=["en", "en", "en", "de", "de", "de"])
    english, german = report["per_language"]["en"], report["per_language"]["de"]
    assert (english["messages"], english["sextortion"]) == (3, 2)
    assert english["recall_at_high"] == 0.5 and english["recall_at_medium"] == 1.0
    assert english["fpr_at_high"] == 0.0
    assert german["recall_at_high"] == 1.0 and german["fpr_at_high"] == 0.5
