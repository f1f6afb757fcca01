"""Signals for many messages at once: the same signals as ``detect_signals``, found faster.

Every detector pattern is scanned once over the whole batch (``fastscan.scan_many``)
instead of once per message; spans are then mapped back to each original message.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from .fastscan import ScanPattern, scan_many
from .normalise import NormalisedText
from .results import Signal
from .signals import DETECTORS, _merge_overlaps, _wallet_signals, detect_signals

__all__ = ["detect_signals_many"]


@functools.cache
def _scan_patterns() -> tuple[tuple[tuple[str, str], ...], tuple[ScanPattern, ...]]:
    """(detector name, explanation) and the rewritten pattern, one entry per pattern."""
    owners: list[tuple[str, str]] = []
    patterns: list[ScanPattern] = []
    for detector in DETECTORS:
        for pattern in detector.patterns:
            owners.append((detector.name, detector.explanation))
            patterns.append(ScanPattern.of(pattern))
    return tuple(owners), tuple(patterns)


def detect_signals_many(texts: Sequence[str],
                        views: Sequence[NormalisedText]) -> list[list[Signal]]:
    """``detect_signals(text, view)`` for every message, in one pass per pattern."""
    if len(texts) == 1:  # one message (check, score): no batch to share the set-up with
        return [detect_signals(texts[0], views[0])]
    owners, patterns = _scan_patterns()
    spans = scan_many(patterns, [view.text for view in views])
    results: list[list[Signal]] = []
    for index, (text, view) in enumerate(zip(texts, views, strict=True)):
        found = _wallet_signals(text)
        starts, ends = view.starts, view.ends
        for (name, explanation), per_text in zip(owners, spans, strict=True):
            for start, end in per_text[index]:
                begin, finish = starts[start], ends[end - 1]
                found.append(Signal(name, text[begin:finish], begin, finish, explanation))
        results.append(_merge_overlaps(found, text) if found else found)
    return results
