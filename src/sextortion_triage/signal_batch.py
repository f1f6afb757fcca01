"""Signals for many messages at once: the same signals as ``detect_signals``, found faster.

Every detector pattern is scanned once over the whole batch (``fastscan.scan_hits``)
instead of once per message; spans are then mapped back to each original message.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from .fastscan import ScanPattern, may_match_each, scan_hits
from .normalise import NormalisedText
from .results import Signal
from .signals import DETECTORS, _merge_overlaps, _wallet_signals, detect_signals
from .wallets import SPLIT_HINT, WHOLE_HINT

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
    matched: list[list[Signal]] = [[] for _ in texts]
    for (name, explanation), hits in zip(owners, scan_hits(patterns, [v.text for v in views]),
                                         strict=True):
        for index, spans in hits.items():
            text, starts, ends = texts[index], views[index].starts, views[index].ends
            found = matched[index]
            for start, end in spans:
                begin, finish = starts[start], ends[end - 1]
                found.append(Signal(name, text[begin:finish], begin, finish, explanation))
    may_hold_whole, may_hold_split = may_match_each([WHOLE_HINT, SPLIT_HINT], texts)
    results: list[list[Signal]] = []
    for index, (text, found) in enumerate(zip(texts, matched, strict=True)):
        whole = may_hold_whole is None or index in may_hold_whole
        split = may_hold_split is None or index in may_hold_split
        if whole or split:
            found = _wallet_signals(text, whole=whole, split=split) + found  # detect_signals' order
        results.append(_merge_overlaps(found, text) if found else found)
    return results
