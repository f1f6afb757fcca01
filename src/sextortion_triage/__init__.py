"""sextortion-triage: recognise sextortion demand messages and say what to do.

>>> from sextortion_triage import score
>>> result = score("I have your nudes. Send $300 on Cash App in 1 hour or I post them.")
>>> result.risk_level
'high'
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["AdviceItem", "Signal", "TriageResult", "__version__", "score", "score_many"]

from .results import AdviceItem, Signal, TriageResult
from .score import score, score_many
