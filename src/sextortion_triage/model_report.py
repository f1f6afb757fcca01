"""Write the measured figures of a model card into models/README.md (between markers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["MARKERS", "update_model_readme"]

MARKERS = ("<!-- metrics:start -->", "<!-- metrics:end -->")


def _comparison(card: dict[str, Any]) -> list[str]:
    lines = ["| candidate (fitted on train, measured on validation) | recall@high | FPR@high "
             "| recall@medium | FPR@medium | PR-AUC | ROC-AUC | Brier |",
             "|---|---|---|---|---|---|---|---|"]
    chosen = card["training"]["candidate"]
    for row in card["comparison_on_validation"]:
        mark = " **(chosen)**" if row["candidate"] == chosen.get("description") else ""
        lines.append(f"| {row['candidate']}{mark} | {row['recall_at_high']:.3f} | "
                     f"{row['fpr_at_high']:.3f} | {row['recall_at_medium']:.3f} | "
                     f"{row['fpr_at_medium']:.3f} | {row['pr_auc']:.4f} | {row['roc_auc']:.4f} | "
                     f"{row['brier']:.4f} |")
    return lines


def _split(name: str, metrics: dict[str, Any]) -> list[str]:
    lines = [f"**{name}** ({metrics['messages']} messages, {metrics['sextortion']} sextortion): "
             f"ROC-AUC {metrics['roc_auc']:.4f}, PR-AUC {metrics['pr_auc']:.4f}, "
             f"Brier {metrics['brier']:.4f}", "",
             "| level | precision | recall | F1 | FPR | TP | FP | FN | TN |",
             "|---|---|---|---|---|---|---|---|---|"]
    for level in ("medium", "high"):
        row = metrics["levels"][level]
        c = row["confusion"]
        lines.append(f"| {level} | {row['precision']:.3f} | {row['recall']:.3f} | "
                     f"{row['f1']:.3f} | {row['false_positive_rate']:.4f} | {c['tp']} | "
                     f"{c['fp']} | {c['fn']} | {c['tn']} |")
    lines += ["", "| category | messages | measures | at high | at medium |",
              "|---|---|---|---|---|"]
    for category, row in metrics["per_category"].items():
        kind = row["measures"] + (" (hard negative)" if row["hard_negative"] else "")
        lines.append(f"| {category} | {row['messages']} | {kind} | {row['high']:.3f} | "
                     f"{row['medium']:.3f} |")
    return lines


def _fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _languages(metrics: dict[str, Any]) -> list[str]:
    lines = ["| language | messages | sextortion | ROC-AUC | recall@high | FPR@high "
             "| recall@medium | FPR@medium |", "|---|---|---|---|---|---|---|---|"]
    for lang, row in metrics["per_language"].items():
        lines.append(f"| {lang} | {row['messages']} | {row['sextortion']} | "
                     f"{_fmt(row['roc_auc'], 4)} | {_fmt(row['recall_at_high'])} | "
                     f"{_fmt(row['fpr_at_high'])} | {_fmt(row['recall_at_medium'])} | "
                     f"{_fmt(row['fpr_at_medium'])} |")
    return lines


def _disguises(report: dict[str, Any]) -> list[str]:
    lines = [f"Each kind of disguise (`perturb.py`, seed {report['seed']}) is applied to every "
             "test message; each row compares the messages that kind changes, clean against "
             "disguised, at the `high` threshold.", "",
             "| disguise | messages changed | recall clean | recall disguised | change "
             "| FPR clean | FPR disguised | change |", "|---|---|---|---|---|---|---|---|"]
    for kind, row in report["kinds"].items():
        cells = []
        for name in ("recall", "false_positive_rate"):
            clean, disguised = row[f"clean_{name}"], row[f"disguised_{name}"]
            change = None if clean is None else disguised - clean
            cells += [_fmt(clean), _fmt(disguised),
                      "n/a" if change is None else f"{change:+.3f}"]
        lines.append(f"| {kind} | {row['changed']} | " + " | ".join(cells) + " |")
    return lines


def update_model_readme(readme: Path, card: dict[str, Any]) -> bool:
    """Rewrite the figures in ``readme`` from ``card``; False if it has no markers."""
    if not readme.is_file():
        return False
    text = readme.read_text(encoding="utf-8")
    if MARKERS[0] not in text or MARKERS[1] not in text:
        return False
    t = card["thresholds"]
    body = [
        f"Model `{card['model_version']}`, trained on `{card['data']['file']}` "
        f"(sha256 `{card['data']['sha256'][:16]}…`, {card['data']['rows']} rows). "
        f"Thresholds: medium {t['medium']:.4f}, high {t['high']:.4f}.",
        "", "### Candidates compared on the validation split", "", *_comparison(card),
    ]
    for split in ("validation", "test"):
        if split in card["metrics"]:
            body += ["", f"### {split.capitalize()} split", "",
                     *_split(split, card["metrics"][split])]
            if "per_language" in card["metrics"][split]:
                body += ["", f"Per language ({split} split):", "",
                         *_languages(card["metrics"][split])]
    if "disguises_on_test" in card:
        body += ["", "### Disguised test messages", "", *_disguises(card["disguises_on_test"])]
    start = text.index(MARKERS[0]) + len(MARKERS[0])
    end = text.index(MARKERS[1])
    readme.write_text(text[:start] + "\n" + "\n".join(body) + "\n" + text[end:], encoding="utf-8")
    return True
