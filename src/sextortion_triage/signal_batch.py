"""Signals for many messages at once: the same signals as ``detect_signals``, found faster.

Every detector pattern is scanned once over the whole batch (``fastscan.scan_hits``)
instead of once per message; spans are then mapped back to each original message.
``signal_spans_many`` stops at the merged spans, which is all that batch scoring needs;
``detect_signals_many`` builds the signals from them. The C extension maps and merges
the spans (``_span_merge.h``), as ``merge_spans`` does.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from .compiled import grams as _grams
from .fastscan import PREFILTER_MIN_BATCH, ScanPattern, build_searchers, may_match_each, scan_hits
from .normalise import NormalisedText
from .results import Signal
from .signals import (
    DETECTORS,
    SIGNAL_NAMES,
    Span,
    as_signals,
    merge_spans,
    signal_spans,
    wallet_spans,
)
from .wallets import SPLIT_HINT, WHOLE_HINT, may_hold_each

__all__ = ["detect_signals_many", "prepare", "signal_spans_many"]


@functools.cache
def _scan_patterns() -> tuple[tuple[tuple[str, str], ...], tuple[ScanPattern, ...]]:
    """(detector name, explanation) and the rewritten pattern, one entry per pattern."""
    owners = [(detector.name, detector.explanation)
              for detector in DETECTORS for _ in detector.patterns]
    patterns = ScanPattern.each_of([pattern for detector in DETECTORS
                                    for pattern in detector.patterns])
    return tuple(owners), tuple(patterns)


def prepare() -> None:
    """Build the stand-ins that narrow the pattern searches (RE2, Hyperscan), the RE2
    twins that search the long word lists and the start finders of the others now, for
    a long-lived process such as the server: every later call, a single message's too,
    is then searched only for the patterns its stand-ins let through (about ten times
    fewer searches than trying all of them), and no visitor waits for them to be built
    (by hand: 13 s with the cache off, Hyperscan compiling its database; under 0.1 s
    where the cache folder keeps what they are built from). A one-off ``check`` never
    pays for building them."""
    global _prepared
    patterns = _scan_patterns()[1]
    scan_hits(patterns, ["pay 300 or i post the video"], prefilter=True)
    build_searchers(patterns)
    _prepared = True


_prepared = False


def signal_spans_many(texts: Sequence[str], views: Sequence[NormalisedText]) -> list[list[Span]]:
    """``signal_spans(text, view)`` for every message, in one pass per pattern."""
    if len(texts) == 1 and not _prepared:  # one message (check): nothing to share set-up with
        return [signal_spans(texts[0], views[0])]
    owners, patterns = _scan_patterns()
    small = len(texts) < PREFILTER_MIN_BATCH
    every_hit = scan_hits(patterns, [v.text for v in views],
                          prefilter=True if _prepared else None, re2=not small)
    # wallets first, in signal_spans' order
    wallets = [wallet_spans(text, whole=whole, split=split) if whole or split else None
               for text, (whole, split) in zip(texts, _wallet_hints(texts), strict=True)]
    if _grams is not None:
        names, details, ranks = _owner_columns()
        merged: list[list[Span]] = _grams.merged_signal_spans(
            every_hit, names, details, ranks, [v.starts for v in views],
            [v.ends for v in views], wallets, _NAME_RANK["crypto_wallet"])
        return merged
    matched: list[list[Span]] = [found or [] for found in wallets]
    for (name, explanation), hits in zip(owners, every_hit, strict=True):
        for index, spans in hits.items():
            starts, ends, found = views[index].starts, views[index].ends, matched[index]
            for start, end in spans:
                found.append((starts[start], ends[end - 1], name, explanation))
    return [merge_spans(found) if found else found for found in matched]


#: each signal name's place in sorted order: the C merge compares names by it
_NAME_RANK = {name: rank for rank, name in enumerate(sorted(SIGNAL_NAMES))}


@functools.cache
def _owner_columns() -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    """Each pattern's signal name, explanation and name rank, as the C merge reads them."""
    owners = _scan_patterns()[0]
    return (tuple(name for name, _ in owners), tuple(detail for _, detail in owners),
            tuple(_NAME_RANK[name] for name, _ in owners))


def _wallet_hints(texts: Sequence[str]) -> list[tuple[bool, bool]]:
    """Whether each message may hold a whole and a split wallet address: read by the C
    extension, else from a Hyperscan or RE2 pass of each hint over the batch (every
    message may, in a batch too small for one)."""
    found = may_hold_each(texts)
    if found is not None:
        return found
    whole, split = may_match_each([WHOLE_HINT, SPLIT_HINT], texts)
    return [(whole is None or index in whole, split is None or index in split)
            for index in range(len(texts))]


def detect_signals_many(texts: Sequence[str],
                        views: Sequence[NormalisedText]) -> list[list[Signal]]:
    """``detect_signals(text, view)`` for every message, in one pass per pattern."""
    return [as_signals(spans, text)
            for text, spans in zip(texts, signal_spans_many(texts, views), strict=True)]
