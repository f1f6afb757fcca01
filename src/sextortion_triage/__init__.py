"""sextortion-triage: recognise sextortion demand messages and say what to do.

>>> from sextortion_triage import score
>>> result = score("I have your nudes. Send $300 on Cash App in 1 hour or I post them.")
>>> result.risk_level
'high'
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = [
    "AdviceItem", "Signal", "TriageResult", "__version__", "prepare", "run_batch", "score",
    "score_frame", "score_many",
]

from .results import AdviceItem, Signal, TriageResult
from .score import prepare, score, score_many


def __getattr__(name: str) -> object:
    """Import the batch API (and pandas) only when it is asked for."""
    if name in ("run_batch", "score_frame"):
        from . import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'sextortion_triage' has no attribute {name!r}")
