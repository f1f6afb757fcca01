"""Evaluate a model on one split of a labelled corpus, and draw its curves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .corpus import HARD_NEGATIVE_CATEGORIES, read_corpus
from .engine import LinearBundle
from .errors import InputError
from .metrics import measure
from .model import load_model

__all__ = ["evaluate", "evaluate_perturbed", "format_perturbed", "format_report", "plot_curves"]


def _split_and_model(data: Path, split: str, model: Path | None,
                     trust_model: bool) -> tuple[Any, LinearBundle]:
    """The rows of one split (an error if there are none) and the model to score them."""
    frame = read_corpus(data)
    part = frame[frame["split"] == split]
    if part.empty:
        raise InputError(f"{data} has no rows in split {split!r}.",
                         "choose --split train, validation or test.")
    return part, load_model(model, trust=trust_model)


def evaluate(data: Path, *, split: str = "test", model: Path | None = None,
             trust_model: bool = False) -> dict[str, Any]:
    """Score every message of ``split`` and return all figures (see ``metrics.measure``)."""
    part, bundle = _split_and_model(data, split, model, trust_model)
    scores = [p.probability for p in bundle.predict(part["text"].tolist())]
    report = measure(part["label"].tolist(), scores, bundle.metadata["thresholds"],
                     categories=part["category"].tolist(), ids=part["id"].tolist(),
                     hard_negative_categories=sorted(HARD_NEGATIVE_CATEGORIES),
                     languages=part["lang"].tolist())
    report["split"] = split
    report["model_version"] = bundle.metadata["model_version"]
    report["thresholds"] = bundle.metadata["thresholds"]
    report["_labels"] = part["label"].tolist()
    report["_scores"] = scores
    return report


def _fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def format_report(report: dict[str, Any]) -> str:
    """Plain-text tables of an ``evaluate`` report."""
    out = [
        f"Split {report['split']}: {report['messages']} messages, {report['sextortion']} "
        f"sextortion. Model {report['model_version']}.",
        f"ROC-AUC {_fmt(report['roc_auc'], 4)}   PR-AUC {_fmt(report['pr_auc'], 4)}   "
        f"Brier {_fmt(report['brier'], 4)}",
        "",
        "level   threshold  precision  recall  F1     FPR     TP   FP   FN   TN",
    ]
    for name in ("medium", "high"):
        level = report["levels"][name]
        c = level["confusion"]
        out.append(f"{name:<7} {report['thresholds'][name]:>9.4f}  {level['precision']:>9.3f}  "
                   f"{level['recall']:>6.3f}  {level['f1']:.3f}  "
                   f"{level['false_positive_rate']:.4f} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} "
                   f"{c['tn']:>4}")
    out += ["", "category                  n     measures             at high  at medium"]
    for category, row in report["per_category"].items():
        mark = " (hard negative)" if row["hard_negative"] else ""
        out.append(f"{category:<24} {row['messages']:>4}  {row['measures']:<20} "
                   f"{row['high']:>7.3f}  {row['medium']:>9.3f}{mark}")
    if "per_language" in report:
        out += ["", "language     n  sextortion  ROC-AUC  recall@high  FPR@high  recall@medium  "
                "FPR@medium"]
        for lang, row in report["per_language"].items():
            out.append(f"{lang:<8} {row['messages']:>5}  {row['sextortion']:>10}  "
                       f"{_fmt(row['roc_auc'], 4):>7}  {_fmt(row['recall_at_high']):>11}  "
                       f"{_fmt(row['fpr_at_high'], 4):>8}  {_fmt(row['recall_at_medium']):>13}  "
                       f"{_fmt(row['fpr_at_medium'], 4):>10}")
    for title, key in (("Worst false positives (score >= medium)", "worst_false_positives"),
                       ("Worst false negatives (score < high)", "worst_false_negatives")):
        out += ["", title + ":"]
        out += [f"  {row['id']:<36} {row['score']:.4f}" for row in report[key]] or ["  none"]
    return "\n".join(out) + "\n"


def plot_curves(report: dict[str, Any], path: Path) -> None:
    """Write a PNG with the precision-recall curve and the calibration curve."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise InputError("--plot needs matplotlib, which is not installed.",
                         "pip install 'sextortion-triage[plot]'.") from None
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import precision_recall_curve

    labels, scores = report["_labels"], report["_scores"]
    precision, recall, _ = precision_recall_curve(labels, scores)
    observed, predicted = calibration_curve(labels, scores, n_bins=10, strategy="quantile")
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4.5))
    left.plot(recall, precision)
    left.set(xlabel="recall", ylabel="precision", title=f"Precision-recall ({report['split']})",
             xlim=(0, 1.01), ylim=(0, 1.01))
    right.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    right.plot(predicted, observed, marker="o", label="model")
    right.set(xlabel="predicted probability", ylabel="observed frequency",
              title="Calibration", xlim=(0, 1), ylim=(0, 1))
    right.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def evaluate_perturbed(data: Path, *, split: str = "test", model: Path | None = None,
                       trust_model: bool = False, seed: int = 0) -> dict[str, Any]:
    """Recall and false-positive rate at ``high`` on clean and disguised messages, per kind.

    For each kind of disguise (``perturb.KINDS``) only the messages it changes are
    compared, clean against disguised, so that a kind that rarely applies (split wallet
    addresses) is not diluted by untouched messages.
    """
    part, bundle = _split_and_model(data, split, model, trust_model)
    kinds = perturbed_figures(bundle, part["text"].tolist(), part["label"].tolist(), seed)
    high = bundle.metadata["thresholds"]["high"]
    return {"split": split, "seed": seed, "model_version": bundle.metadata["model_version"],
            "threshold_high": high, "kinds": kinds}


def perturbed_figures(bundle: LinearBundle, texts: list[str], labels: list[int],
                      seed: int) -> dict[str, Any]:
    """Per kind of disguise: recall and false-positive rate at ``high``, clean and disguised,
    over the messages that kind changes."""
    from .perturb import KINDS, perturb

    high = bundle.metadata["thresholds"]["high"]
    clean = [p.probability >= high for p in bundle.predict(texts, top_k=0)]
    kinds: dict[str, Any] = {}
    for kind in KINDS:
        disguised = [perturb(text, kind, seed) for text in texts]
        changed = [i for i, (a, b) in enumerate(zip(texts, disguised, strict=True)) if a != b]
        flagged = [p.probability >= high for p in
                   bundle.predict([disguised[i] for i in changed], top_k=0)]
        row: dict[str, Any] = {"changed": len(changed)}
        for name, wanted in (("recall", 1), ("false_positive_rate", 0)):
            members = [j for j, i in enumerate(changed) if labels[i] == wanted]
            row[f"{name}_messages"] = len(members)
            row[f"clean_{name}"] = (sum(clean[changed[j]] for j in members) / len(members)
                                    if members else None)
            row[f"disguised_{name}"] = (sum(flagged[j] for j in members) / len(members)
                                        if members else None)
        kinds[kind] = row
    return kinds


def _change(row: dict[str, Any], name: str) -> str:
    clean, disguised = row[f"clean_{name}"], row[f"disguised_{name}"]
    if clean is None:
        return "n/a".center(24)
    return f"{clean:6.3f} -> {disguised:6.3f} ({disguised - clean:+.3f})"


def format_perturbed(report: dict[str, Any]) -> str:
    """A table of an ``evaluate_perturbed`` report."""
    out = [f"Disguised messages, split {report['split']} (seed {report['seed']}), at the high "
           f"threshold {report['threshold_high']:.4f}; model {report['model_version']}.",
           "Each kind is measured on the messages it changes.", "",
           "kind             changed  recall clean -> disguised   FPR clean -> disguised"]
    for kind, row in report["kinds"].items():
        out.append(f"{kind:<16} {row['changed']:>7}  {_change(row, 'recall'):<26} "
                   f"{_change(row, 'false_positive_rate')}")
    return "\n".join(out) + "\n"
