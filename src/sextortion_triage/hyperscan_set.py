"""Which messages each signal pattern may match, for many patterns in one pass: Hyperscan.

``prefilter.py`` loosens each signal pattern into a stand-in that matches wherever the
pattern does. RE2 runs the small stand-ins as one set, but each large word list (up to
64 kB of pattern) needs its own pass over the batch, and those passes cost more than
everything else in the signals. Hyperscan, built for many large patterns at once, runs
the stand-ins in one pass over each message and says which of them match (not where:
a pattern is then searched from the message's start).

It is optional (``pip install 'sextortion-triage[fast]'``; wheels for x86-64 and Apple
silicon): without it, and for the stand-ins it will not take (over 16,000 characters:
three of the word lists), RE2 does the work as before. Compiling takes seconds, so the
compiled database is kept in the cache folder of ``regex_cache.py``, keyed by the
stand-ins and the Hyperscan version; it holds patterns only, never message text.
``tests/test_hyperscan_set.py`` checks that it finds the same candidate messages as RE2.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Sequence
from typing import Any

from .compiled import importable
from .regex_cache import cache_folder, write_cache_file

__all__ = ["LONGEST_PATTERN", "HyperscanSet", "available", "stand_in_set"]

#: Hyperscan refuses longer patterns ("Pattern length exceeds limit")
LONGEST_PATTERN = 16_000


def available() -> bool:
    """Whether Hyperscan can be imported here."""
    return importable("hyperscan")


class HyperscanSet:
    """Stand-ins compiled into one Hyperscan database; ``matching`` says which of them
    match somewhere in each message. Safe to share between threads: each thread scans
    with its own scratch space."""

    def __init__(self, database: Any, size: int) -> None:
        self._database = database
        self._local = threading.local()
        self.size = size
        self.matching([b""])  # a database built for another CPU fails here, not later

    def _scratch(self) -> Any:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            import hyperscan

            scratch = self._local.scratch = hyperscan.Scratch(self._database)
        return scratch

    @classmethod
    def compile(cls, sources: Sequence[str]) -> HyperscanSet:
        """One database of ``sources`` (RE2-dialect stand-ins, each at most
        ``LONGEST_PATTERN`` characters); raises ``hyperscan.error`` if it cannot."""
        import hyperscan

        flags = (hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH
                 | hyperscan.HS_FLAG_ALLOWEMPTY)
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(expressions=[source.encode() for source in sources],
                         ids=list(range(len(sources))), elements=len(sources),
                         flags=[flags] * len(sources))
        return cls(database, len(sources))

    def matching(self, pieces: Sequence[bytes]) -> list[list[int]]:
        """For each stand-in, the indices of the UTF-8 ``pieces`` it matches, in order."""
        found: list[list[int]] = [[] for _ in range(self.size)]
        scan, scratch = self._database.scan, self._scratch()
        for index, piece in enumerate(pieces):
            seen: list[int] = []
            scan(piece, match_event_handler=_collect, context=seen, scratch=scratch)
            for place in seen:
                found[place].append(index)
        return found


def _collect(place: int, start: int, end: int, flags: int, seen: list[int]) -> None:
    seen.append(place)  # each stand-in at most once a message (HS_FLAG_SINGLEMATCH)


@functools.cache
def stand_in_set(sources: tuple[str, ...]) -> HyperscanSet | None:
    """The set of ``sources``, from the cache folder or compiled now (None when
    Hyperscan is missing or cannot compile them)."""
    if not available():
        return None
    import hyperscan

    version = str(getattr(hyperscan, "__version__", ""))
    key = hashlib.sha256("\x00".join([version, *sources]).encode()).hexdigest()
    folder = cache_folder()
    path = folder / f"hyperscan-{key[:32]}.db" if folder is not None else None
    if path is not None:
        try:
            database = hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
            return HyperscanSet(database, len(sources))
        except (OSError, hyperscan.error):
            pass  # not cached yet, or unreadable: compile
    try:
        compiled = HyperscanSet.compile(sources)
    except hyperscan.error:
        return None
    if path is not None:
        write_cache_file(path, hyperscan.dumpb(compiled._database))
    return compiled

