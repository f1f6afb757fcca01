"""What signals that one automaton finds whole would cost in accuracy: a refit.

Usage: python bench/standin_signals.py            # about two minutes

The signal patterns' searches of Hyperscan's candidates are the one part of scoring
that issue 7's throughput bars could give up, and only with signals defined otherwise.
The cheapest such signals are what Hyperscan's pass already says: for each signal, how
many of its patterns' stand-ins (``prefilter.loosen``) match the message, with no
search for exact spans. This script refits the model card's chosen candidate on the
training split twice, as ``train`` fits it (one BLAS thread, family-grouped calibration
folds), once with the signals as they are and once with that block instead; chooses
each one's thresholds on the validation split; and prints each one's test-split figures
and their difference from the model card's, in points. The first must come out equal
to the card (it checks that the refit is ``train``'s); the second is the cost. It writes
nothing and leaves the shipped model alone. Needs Hyperscan and the C extension.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sextortion_triage import fastscan, features  # noqa: E402
from sextortion_triage import signal_batch as signals  # noqa: E402
from sextortion_triage import train as training  # noqa: E402
from sextortion_triage.corpus import read_corpus  # noqa: E402
from sextortion_triage.metrics import choose_thresholds, measure  # noqa: E402
from sextortion_triage.normalise import normalise  # noqa: E402
from sextortion_triage.signals import SIGNAL_NAMES  # noqa: E402

_COLUMN = {name: column for column, name in enumerate(SIGNAL_NAMES)}
_INTIMATE = [_COLUMN[name] for name in ("intimate_content", "recording_claim")]
_WITH_INTIMATE = [_COLUMN[name] for name in ("threat_to_share", "payment_demand", "deadline",
                                             "contacts_leverage", "secrecy")]


def standin_signal_matrix(texts: Any, pairs: bool = False) -> np.ndarray:
    """``features._signal_matrix``'s block with each signal counted as the number of its
    patterns whose stand-in Hyperscan finds in the message."""
    owners, patterns = signals._scan_patterns()
    stand_ins, places = fastscan._hyperscan_set(patterns)
    if stand_ins is None:
        raise SystemExit("Hyperscan is not installed (pip install 'sextortion-triage[fast]')")
    texts = list(texts)
    found = stand_ins.matching([normalise(text).text.encode("utf-8", "surrogatepass")
                                for text in texts])
    counts = np.zeros((len(texts), len(SIGNAL_NAMES)))
    for number, place in places.items():
        counts[found[place], _COLUMN[owners[number][0]]] += 1
    values = np.log1p(counts)
    if not pairs:
        return values
    intimate = (counts[:, _INTIMATE] > 0).any(axis=1)
    together = intimate[:, None] & (counts[:, _WITH_INTIMATE] > 0)
    return np.concatenate([values, together.astype(np.float64)], axis=1)


def test_figures(candidate: dict[str, Any], parts: dict[str, Any]) -> dict[str, float]:
    """The candidate fitted as ``train`` fits it; its test figures at thresholds chosen on
    the validation split (fractions)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        pipeline = training._fit(candidate, parts["train"], 0)
    validation = pipeline.predict_proba(parts["validation"]["text"].tolist())[:, 1]
    thresholds = choose_thresholds(parts["validation"]["label"], validation)
    scores = pipeline.predict_proba(parts["test"]["text"].tolist())[:, 1]
    return flat(measure(parts["test"]["label"], scores, thresholds))


def flat(figures: dict[str, Any]) -> dict[str, float]:
    """PR-AUC, Brier and each level's recall, precision and false-positive rate."""
    row = {"pr_auc": figures["pr_auc"], "brier": figures["brier"]}
    for level in ("high", "medium"):
        for name in ("recall", "precision", "false_positive_rate"):
            row[f"{level} {name}"] = figures["levels"][level][name]
    return row


def main() -> int:
    card = json.loads((REPO / "models" / "model_card.json").read_text(encoding="utf-8"))
    candidate = {key: tuple(value) if isinstance(value, list) else value
                 for key, value in card["training"]["candidate"].items()
                 if key != "description"}
    frame = read_corpus(REPO / "data" / "messages.csv")
    parts = {name: frame[frame["split"] == name].reset_index(drop=True)
             for name in ("train", "validation", "test")}
    reference = flat(card["metrics"]["test"])
    exact = test_figures(candidate, parts)
    features._signal_matrix = standin_signal_matrix  # what build_pipeline's block calls
    cheap = test_figures(candidate, parts)
    print(f"{'test figure':<28}{'card':>9}{'refit':>9}{'stand-ins':>11}{'points':>9}")
    for name, value in reference.items():
        print(f"{name:<28}{value:9.4f}{exact[name]:9.4f}{cheap[name]:11.4f}"
              f"{100 * (cheap[name] - value):+9.3f}")
    same = all(abs(exact[name] - value) < 1e-9 for name, value in reference.items())
    print("the refit with the signals as they are " + (
        "gives the card's figures" if same else "DIFFERS from the card: not train's fit"))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
