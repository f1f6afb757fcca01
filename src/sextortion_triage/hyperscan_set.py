"""Which messages each signal pattern may match, for many patterns in one pass: Hyperscan.

``prefilter.py`` loosens each signal pattern into a stand-in that matches wherever the
pattern does. RE2 runs the small stand-ins as one set, but each large word list (up to
64 kB of pattern) needs its own pass over the batch, and those passes cost more than
everything else in the signals. Hyperscan, built for many large patterns at once, runs
the stand-ins in one pass over each message and says which of them match (not where:
a pattern is then searched from the message's start).

It is optional (``pip install 'sextortion-triage[fast]'``; wheels for x86-64 and Apple
silicon): without it RE2 does the work as before. Hyperscan refuses patterns over 16,000
characters; the three longest word lists go in as formulas of shorter pieces
(``stand_in_split.py``), which Hyperscan evaluates in the same pass. Compiling takes
seconds, so the compiled database is kept in the cache folder of ``regex_cache.py``,
keyed by the stand-ins and the Hyperscan version; it holds patterns only, never message
text. ``tests/test_hyperscan_set.py`` checks that it finds every message a pattern
matches, and the same candidates as RE2 for all but the split stand-ins.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from typing import Any

from . import stand_in_split
from .compiled import importable
from .regex_cache import cache_file, read_cache_file, write_cache_file

__all__ = ["LONGEST_PATTERN", "HyperscanSet", "available", "stand_in_set"]

#: Hyperscan refuses longer patterns ("Pattern length exceeds limit"); longer stand-ins
#: are split (``stand_in_split.py``)
LONGEST_PATTERN = 16_000
#: how stand-ins become a database: part of the cache key, changed when that changes
_LAYOUT = "split-2"


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
        """One database of ``sources`` (RE2-dialect stand-ins; those over
        ``LONGEST_PATTERN`` characters are split); raises ``hyperscan.error`` if it cannot
        compile them, ``ValueError`` if one cannot be split."""
        import hyperscan

        expressions, flags = _entries(sources)
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(expressions=[expression.encode() for expression in expressions],
                         ids=list(range(len(expressions))), elements=len(expressions),
                         flags=flags)
        return cls(database, len(sources))

    def matching(self, pieces: Sequence[bytes]) -> list[list[int]]:
        """For each stand-in, the indices of the UTF-8 ``pieces`` it matches, in order."""
        found: list[list[int]] = [[] for _ in range(self.size)]
        scan, scratch = self._database.scan, self._scratch()
        hits = _Hits(found)
        for index, piece in enumerate(pieces):
            hits.index = index
            scan(piece, match_event_handler=hits.add, scratch=scratch)
        return found


def _entries(sources: Sequence[str]) -> tuple[list[str], list[int]]:
    """The database's expressions and flags, the stand-in numbered ``i`` at place ``i``:
    a long one as a logical combination of quiet pieces, which follow the stand-ins."""
    import hyperscan

    plain = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY
    expressions: list[str] = []
    flags: list[int] = []
    piece_ids: dict[str, int] = {}
    for source in sources:
        formula = (source if len(source) <= LONGEST_PATTERN
                   else stand_in_split.split(source, LONGEST_PATTERN))
        if formula is None or isinstance(formula, str):  # None: it may match anywhere
            expressions.append(formula or "")
            flags.append(plain)
            continue
        for piece in stand_in_split.pieces(formula):
            piece_ids.setdefault(piece, len(sources) + len(piece_ids))
        expressions.append(stand_in_split.expression(formula, piece_ids))
        flags.append(hyperscan.HS_FLAG_COMBINATION | hyperscan.HS_FLAG_SINGLEMATCH)
    return expressions + list(piece_ids), flags + [plain | hyperscan.HS_FLAG_QUIET] * len(piece_ids)


class _Hits:
    """Where ``HyperscanSet.matching`` files each match: the piece being scanned is
    added to the list of each stand-in that matches it (at most once a piece:
    ``HS_FLAG_SINGLEMATCH``). Filing from the callback, rather than collecting each
    piece's matches in a list of its own and filing them afterwards, took about 2 us a
    message off the pass (by hand, seven turns each: medians 25.0 against 27.2 us)."""

    __slots__ = ("found", "index")

    def __init__(self, found: list[list[int]]) -> None:
        self.found = found
        self.index = 0

    def add(self, place: int, start: int, end: int, flags: int, context: object) -> None:
        self.found[place].append(self.index)


#: what the cache folder holds for a set that Hyperscan refused
_REFUSED = b""


@functools.cache
def stand_in_set(sources: tuple[str, ...]) -> HyperscanSet | None:
    """The set of ``sources``, from the cache folder or compiled now (None when
    Hyperscan is missing or cannot compile them). A refusal is kept in the cache folder
    as well: Hyperscan takes half a second to refuse the wallets' split-address hint
    ("Pattern is too large"), which every batch worker had paid again."""
    if not available():
        return None
    import hyperscan

    version = str(getattr(hyperscan, "__version__", ""))
    path = cache_file("hyperscan", ".db", version, _LAYOUT, *sources)
    if path is not None:
        try:
            data = read_cache_file(path)
            if data == _REFUSED:
                return None
            return HyperscanSet(hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK), len(sources))
        except (OSError, hyperscan.error):
            pass  # not cached yet, or unreadable: compile
    try:
        compiled = HyperscanSet.compile(sources)
    except (hyperscan.error, ValueError):
        if path is not None:
            write_cache_file(path, _REFUSED)
        return None
    if path is not None:
        write_cache_file(path, hyperscan.dumpb(compiled._database))
    return compiled

