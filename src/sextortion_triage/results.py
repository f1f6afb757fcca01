"""Result types shared by every front end: ``Signal``, ``AdviceItem`` and ``TriageResult``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["RISK_LEVELS", "AdviceItem", "RiskLevel", "Signal", "TriageResult"]

RiskLevel = Literal["low", "medium", "high"]
RISK_LEVELS: tuple[RiskLevel, ...] = ("low", "medium", "high")


@dataclass(frozen=True, slots=True)
class Signal:
    """One thing a detector found: its name, the original words and their span."""

    name: str
    text: str
    start: int
    end: int
    detail: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"signal span ({self.start}, {self.end}) needs 0 <= start <= end")


@dataclass(frozen=True, slots=True)
class AdviceItem:
    """One piece of advice, with the organisations it names and where it comes from."""

    id: str
    title: str
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TriageResult:
    """The answer for one message: calibrated score, risk level, evidence and advice."""

    score: float
    risk_level: RiskLevel
    is_sextortion: bool
    signals: tuple[Signal, ...]
    top_terms: tuple[str, ...]
    advice: tuple[AdviceItem, ...]
    model_version: str
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} is outside [0, 1]")
        if self.risk_level not in RISK_LEVELS:
            raise ValueError(f"risk_level {self.risk_level!r} is not one of {RISK_LEVELS}")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable copy (lists instead of tuples)."""
        data: dict[str, Any] = _lists(asdict(self))
        return data


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(item) for item in value]
    return value
