"""Run many regular expressions over many texts fast, with exactly ``finditer``'s matches.

Two things make Python's ``re`` slow on short messages, and both are removed here
without changing a single match:

- A pattern that starts with ``\\b`` cannot use the engine's quick skip to the next
  possible first character, so it is tried at every position. ``ScanPattern`` drops
  that leading ``\\b`` (from every top-level alternative) and checks the word boundary
  itself at each match start; on a miss it searches again one character later, which
  is what the original pattern would have done.
- Calling ``finditer`` once per pattern per message costs more than the scan itself.
  ``scan_many`` joins the messages with a separator no match can use and scans once;
  a match that crosses the separator (possible only for patterns that can match
  white space) sends that pattern back to a per-message scan for the messages it
  touched. Patterns with anchors or look-arounds, which could see the separator
  where a lone message has none, are always scanned per message.

In a large batch, a pattern is searched only in the messages that its loosened stand-in
matches (``prefilter.py``): Hyperscan runs all the stand-ins in one pass per message
(``hyperscan_set.py``); without it, RE2 runs them (the small ones as one set, each large
one in a pass over the joined batch). With Hyperscan, most long word lists are then
searched in those messages by their RE2 twin (``re2_twin.py``), which finds ``re``'s
matches in linear time.

``tests/test_fastscan.py`` checks the equivalence on the corpus and on random text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import hyperscan_set as _hyperscan
from . import prefilter as _prefilter
from .match_starts import StartFinder, start_finder
from .re2_twin import Twin, twin_of
from .regex_cache import derived, known_min_width
from .regex_factor import _skip_class, _skip_escape, split_alternatives

__all__ = ["SEPARATOR", "Hits", "ScanPattern", "build_searchers", "may_match", "may_match_each",
           "scan_hits", "scan_many"]

#: Joins messages for one scan. Normalised messages never contain "\n" or "\x00".
SEPARATOR = "\n\x00\n"
_SEPARATOR_BYTES = SEPARATOR.encode()
#: Below this many messages, compiling the RE2 stand-ins (a few hundred ms, once per
#: process) would cost more than it saves.
PREFILTER_MIN_BATCH = 256

Span = tuple[int, int]
#: one pattern's matches in a batch: text index -> its spans (texts without any left out)
Hits = dict[int, list[Span]]
#: text that may start an anchor or a look-around (a "$" in a class is a false alarm)
_CONTEXT_MARKS = ("(?=", "(?!", "(?<", "^", "$", "\\A", "\\Z", "\\G")


def _top_level(source: str) -> tuple[list[str], bool]:
    """Split ``source`` at top-level ``|``; also say whether it uses anchors or look-arounds."""
    return split_alternatives(source), _context_free(source)


def _context_free(source: str) -> bool:
    """True when nothing in ``source`` (outside character classes) looks before or after
    the match or anchors it: then a separator next to a message changes nothing."""
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            if source[i + 1 : i + 2] in ("A", "Z", "G"):
                return False
            i = _skip_escape(source, i)
        elif char == "[":
            i = _skip_class(source, i)
        elif char in "^$" or source.startswith(("(?=", "(?!", "(?<"), i):
            return False
        else:
            i += 1
    return True


def _min_width(pattern: re.Pattern[str]) -> int:
    """The shortest match ``pattern`` can make (0 when that cannot be worked out)."""
    known = known_min_width(pattern.pattern)
    if known is not None:
        return known
    try:
        parser = re._parser  # type: ignore[attr-defined]
    except AttributeError:  # Python 3.10
        import sre_parse as parser
    try:
        return int(parser.parse(pattern.pattern, pattern.flags).getwidth()[0])
    except Exception:  # an unparsable width only means "use the safe per-text path"
        return 0


#: a leading repeat of a category (``\\d+``, ``\\d{1,3}``): ``re`` can skip ahead only to a
#: pattern's first character, and a repeat is not one, so it tried the pattern at every
#: position; with the first repetition spelled out (``\\d\\d*``, ``\\d\\d{0,2}``) it skips to
#: the digits. By hand, on 2,000 bench messages: 6.1 against 3.7 us a search for the
#: amounts pattern, 4.4 against 2.8 for the hours one, with the same matches.
_LEADING_REPEAT = re.compile(r"(\\[dws])(?:\+|\{(\d+)(,\d*)?\})(\??)(?!\+)")


def _first_repeat_spelled(source: str) -> str:
    """``source`` with a leading repeat of a category (at least once) written as the
    category and then the repeat of the rest: the same matches, preferred in the same
    order."""
    found = _LEADING_REPEAT.match(source)
    if found is None:
        return source
    category, low, high, lazy = found.groups()
    if low is None:
        rest = "*"
    elif int(low) < 1:
        return source
    elif high is None:
        rest = f"{{{int(low) - 1}}}"
    elif high == ",":
        rest = f"{{{int(low) - 1},}}"
    else:
        rest = f"{{{int(low) - 1},{int(high[1:]) - 1}}}"
    return f"{category}{category}{rest}{lazy}{source[found.end():]}"


def _reading(pattern: re.Pattern[str]) -> tuple[str | None, bool, bool]:
    """What ``ScanPattern`` needs of ``pattern``: the source to search with where its
    leading word boundaries can be dropped and checked by hand (else None), whether it
    can run over joined messages, and whether it never matches empty text."""
    source = pattern.pattern
    if not source.startswith("\\b") and not any(mark in source for mark in _CONTEXT_MARKS):
        alternatives, context_free = [source], True  # nothing to strip, nothing to see
    else:
        alternatives, context_free = _top_level(source)
    safe = _min_width(pattern) > 0
    fast: str | None = None
    if safe and all(a.startswith("\\b") for a in alternatives):
        stripped = [_first_repeat_spelled(a[2:]) for a in alternatives]
        source = stripped[0] if len(stripped) == 1 else "(?:" + "|".join(stripped) + ")"
        candidate = re.compile(source, pattern.flags)
        if candidate.groups == pattern.groups and _min_width(candidate) > 0:
            fast = source
    return fast, safe and context_free, safe


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: hashing a compiled
class ScanPattern:                  # 64 kB pattern walks all its code, on every call
    """A compiled pattern, rewritten for speed, that gives ``finditer``'s non-empty spans."""

    original: re.Pattern[str]
    fast: re.Pattern[str]
    check_boundary: bool
    joinable: bool
    safe: bool

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> ScanPattern:
        return cls.each_of([pattern])[0]

    @classmethod
    def each_of(cls, patterns: Sequence[re.Pattern[str]]) -> list[ScanPattern]:
        """``of`` for each of ``patterns``. What is read from their sources is kept in the
        cache folder (``regex_cache.derived``): reading 300 kB of signal patterns in
        Python takes about 0.2 s a process."""
        key = [f"{pattern.flags}:{pattern.pattern}" for pattern in patterns]
        readings = derived(
            "scan-patterns", key, lambda: [_reading(pattern) for pattern in patterns],
            lambda stored: isinstance(stored, list) and len(stored) == len(patterns) and all(
                isinstance(item, tuple) and len(item) == 3 for item in stored))
        return [cls(pattern, pattern if fast is None else re.compile(fast, pattern.flags),
                    fast is not None, joinable, safe)
                for pattern, (fast, joinable, safe) in zip(patterns, readings, strict=True)]

    def spans(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Span]:
        """Non-empty match spans of the original pattern in ``text[pos:endpos]``."""
        return self._search(text, pos, len(text) if endpos is None else endpos)

    @functools.cached_property
    def _search(self) -> Callable[[str, int, int], list[Span]]:
        """How ``spans`` searches, chosen on first use rather than at every call (a batch
        searches about three candidate messages a message): a pattern with a start finder
        (one that opens with an alternation of words) is tried where it says a match can
        start; a pattern that may match empty text keeps ``finditer``'s non-empty
        matches; the others search with ``fast``."""
        if not self.safe:
            return self._non_empty_spans
        if (finder := _start_finder(self)) is not None:
            return functools.partial(finder.spans, self.original)
        return self._checked_spans if self.check_boundary else self._fast_spans

    def _non_empty_spans(self, text: str, pos: int, end_at: int) -> list[Span]:
        return [whole.span() for whole in self.original.finditer(text, pos, end_at)
                if whole.end() > whole.start()]

    def _fast_spans(self, text: str, pos: int, end_at: int) -> list[Span]:
        """``spans`` of a pattern that never matches empty text: ``finditer`` searches on
        from each match's end, as the original would."""
        return [match.span() for match in self.fast.finditer(text, pos, end_at)]

    def _checked_spans(self, text: str, pos: int, end_at: int) -> list[Span]:
        """``spans`` where the leading word boundary was dropped and is checked here (a
        word character is one of ``re``'s Unicode ``\\w``, tested inline: this runs for
        every match)."""
        found: list[Span] = []
        search = self.fast.search
        while (match := search(text, pos, end_at)) is not None:
            start, end = match.span()
            before = start > 0 and ((c := text[start - 1]).isalnum() or c == "_")
            after = start < len(text) and ((c := text[start]).isalnum() or c == "_")
            if before == after:
                pos = start + 1
                continue
            found.append((start, end))
            pos = end
        return found


@functools.cache
def _start_finder(pattern: ScanPattern) -> StartFinder | None:
    """Where ``pattern`` can start a match (``match_starts.py``), or None."""
    return start_finder(pattern.original) if pattern.safe else None


def scan_many(patterns: Sequence[ScanPattern], texts: Sequence[str], *,
              prefilter: bool | None = None) -> list[list[list[Span]]]:
    """``result[p][t]``: the spans of ``patterns[p]`` in ``texts[t]``, as ``finditer`` gives.

    With ``prefilter`` (by default, for batches of ``PREFILTER_MIN_BATCH`` messages or
    more, when RE2 is installed) a pattern is searched only in the messages that its
    stand-in matches (Hyperscan or RE2); the spans are the same either way."""
    return [[hits.get(index, []) for index in range(len(texts))]
            for hits in scan_hits(patterns, texts, prefilter=prefilter)]


def scan_hits(patterns: Sequence[ScanPattern], texts: Sequence[str], *,
              prefilter: bool | None = None, re2: bool = True) -> list[Hits]:
    """``scan_many`` without the empty lists: ``result[p]`` maps each text that
    ``patterns[p]`` matches (by index, ascending) to its spans. Most patterns match few
    messages, so this costs what the matches cost, not patterns times messages.

    ``re2=False`` leaves out RE2's stand-ins (the patterns Hyperscan does not take are
    then searched in full): over a message or two, RE2's automata for the large word
    lists spend longer building their states than a search takes."""
    if prefilter is None:
        prefilter = len(texts) >= PREFILTER_MIN_BATCH
    batch = _RE2Batch.of(texts) if prefilter and _prefilter.available() else None
    fast_set, in_fast_set = _hyperscan_set(tuple(patterns)) if batch else (None, {})
    stand_ins = [_prefilter.compile_loose(p.original.pattern)
                 if batch and re2 and number not in in_fast_set else None
                 for number, p in enumerate(patterns)]
    in_fast = fast_set.matching(batch.pieces) if batch and fast_set else []
    together = _together(stand_ins) if batch is not None else {}
    in_set = batch.set_candidates(_stand_in_set(tuple(stand_ins[i] for i in together))
                                  ) if batch is not None and together else []
    results: list[Hits] = []
    joined: str | None = None
    offsets: list[int] = []
    for number, (pattern, loose) in enumerate(zip(patterns, stand_ins, strict=True)):
        if batch is not None and (number in in_fast_set or number in together):
            found = (in_fast[in_fast_set[number]] if number in in_fast_set
                     else in_set[together[number]])
            results.append(batch.search(pattern, [(index, -1) for index in found])
                           if found or batch.unencodable else {})
            continue
        if batch is not None and loose is not None:
            results.append(batch.scan(pattern, loose))
            continue
        if joined is None:
            joined, offsets = _joined(texts)
        results.append(_scan_joined(pattern, texts, joined, offsets))
    return results


def _together(stand_ins: Sequence[object | None]) -> dict[int, int]:
    """Which patterns' stand-ins are small enough to run as one RE2 set: pattern number
    -> its place in the set."""
    small = [number for number, loose in enumerate(stand_ins) if loose is not None
             and loose.programsize <= _prefilter.SET_PROGRAM_LIMIT]  # type: ignore[attr-defined]
    return {number: place for place, number in enumerate(small)}


@functools.cache
def _hyperscan_set(patterns: tuple[ScanPattern, ...]
                   ) -> tuple[_hyperscan.HyperscanSet | None, dict[int, int]]:
    """The Hyperscan set of these patterns' stand-ins, and pattern number -> its place in
    the set."""
    if not _hyperscan.available():
        return None, {}
    originals = [pattern.original.pattern for pattern in patterns]
    # loosening the word lists takes about 0.4 s a process; kept in the cache folder
    loosened = derived("hyperscan-stand-ins", originals,
                       lambda: [_hyperscan_source(source) for source in originals],
                       lambda stored: isinstance(stored, list) and len(stored) == len(originals)
                       and all(loose is None or isinstance(loose, str) for loose in stored))
    sources = {number: loose for number, loose in enumerate(loosened) if loose is not None}
    found = _hyperscan.stand_in_set(tuple(sources.values()))
    return (found, {number: place for place, number in enumerate(sources)}) if found else (
        None, {})


@functools.cache
def _hyperscan_source(source: str) -> str | None:
    """The stand-in of ``source`` for Hyperscan, or None where there is none. It keeps
    no word boundary, unlike RE2's: with them, Hyperscan 5.4 missed matches (``(?:\\bi'?ll|
    \\bi'?m going to|\\bor i|\\bi can) (?:just )?send it`` finds "or i send it" up to 21
    bytes into a message and not from 22 on; ``tests/test_hyperscan_set.py``), and a
    quiet piece of a split stand-in may not end in one ("Have unordered match in
    sub-expressions")."""
    try:
        return _prefilter.loosen(source, boundaries=False)
    except _prefilter.Unsupported:
        return None


@functools.cache
def _stand_in_set(stand_ins: tuple[object, ...]) -> _prefilter.StandInSet:
    """The RE2 set of these stand-ins (built once: its automaton warms up as it reads)."""
    return _prefilter.StandInSet(stand_ins)


def may_match(source: str, texts: Sequence[str]) -> set[int] | None:
    """Indices of the ``texts`` that the Python pattern ``source`` may match, from one
    Hyperscan or RE2 pass over the batch (``prefilter.py``): the others certainly do not
    match. None (any text may) for batches under ``PREFILTER_MIN_BATCH`` or where
    neither can help."""
    return may_match_each([source], texts)[0]


def may_match_each(sources: Sequence[str], texts: Sequence[str]) -> list[set[int] | None]:
    """``may_match`` for each of ``sources``, with the batch encoded once (and read
    once, where Hyperscan takes them all)."""
    if len(texts) < PREFILTER_MIN_BATCH:
        return [None for _ in sources]
    loosened = [_hyperscan_source(source) for source in sources] if _hyperscan.available() else []
    fast_set = _hyperscan.stand_in_set(tuple(loosened)) if loosened and all(loosened) else None
    if fast_set is not None:
        encoded = _RE2Batch.of(texts)
        return [set(found).union(encoded.unencodable)
                for found in fast_set.matching(encoded.pieces)]
    if not _prefilter.available():
        return [None for _ in sources]
    batch: _RE2Batch | None = None
    found: list[set[int] | None] = []
    for source in sources:
        loose = _prefilter.compile_loose(source)
        if loose is None:
            found.append(None)
            continue
        batch = batch or _RE2Batch.of(texts)
        candidates = _prefilter.candidates(loose, batch.joined, batch.starts, batch.ends)
        found.append({index for index, _ in candidates}.union(batch.unencodable))
    return found


@functools.cache
def _twin(pattern: ScanPattern) -> Twin | None:
    """The RE2 twin that searches a candidate message for ``pattern`` (``re2_twin.py``),
    where Hyperscan runs the stand-ins. Without Hyperscan, RE2's stand-in automata take
    the memory the twins would need (about 27 MB a process: a 400,000-row batch peaked at
    559 MB with them, 508 without)."""
    plain = not pattern.original.flags & ~re.UNICODE  # a twin reads the source alone
    if not (plain and _hyperscan.available()):
        return None
    return twin_of(pattern.original.pattern)


def build_searchers(patterns: Sequence[ScanPattern]) -> tuple[int, int]:
    """Compile the RE2 twins of ``patterns`` and work out their start finders now rather
    than on first use; how many of each there are."""
    return (sum(_twin(pattern) is not None for pattern in patterns),
            sum(_start_finder(pattern) is not None for pattern in patterns))


def _joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    offsets: list[int] = []
    position = 0
    for text in texts:
        offsets.append(position)
        position += len(text) + len(SEPARATOR)
    return SEPARATOR.join(texts), offsets


def _scan_joined(pattern: ScanPattern, texts: Sequence[str], joined: str,
                 offsets: list[int]) -> Hits:
    """One pattern over the joined batch (or message by message where it must)."""
    hits: Hits = {}
    if pattern.joinable and texts:
        tainted: set[int] = set()
        for start, end in pattern.spans(joined):
            index = bisect.bisect_right(offsets, start) - 1
            base = offsets[index]
            if end > base + len(texts[index]):
                last = bisect.bisect_right(offsets, end - 1) - 1
                tainted.update(range(index, last + 1))
                continue
            hits.setdefault(index, []).append((start - base, end - base))
        for index in tainted:
            hits[index] = pattern.spans(texts[index])
        return {index: hits[index] for index in sorted(hits) if hits[index]}
    for index, text in enumerate(texts):
        if spans := pattern.spans(text):
            hits[index] = spans
    return hits


@dataclass(frozen=True)
class _RE2Batch:  # not slots: cached_property needs a __dict__
    """The batch as RE2 reads it: UTF-8 bytes joined by the separator, and where each
    message starts. Messages that UTF-8 cannot encode (lone surrogates) are searched
    by every pattern."""

    texts: Sequence[str]
    pieces: list[bytes]
    joined: bytes
    starts: list[int]
    unencodable: list[int]

    @functools.cached_property
    def unencodable_set(self) -> frozenset[int]:
        return frozenset(self.unencodable)

    @functools.cached_property
    def ends(self) -> list[int]:
        """Where each message ends in ``joined`` (a separator follows)."""
        return [start + len(piece) for start, piece in zip(self.starts, self.pieces, strict=True)]

    @classmethod
    def of(cls, texts: Sequence[str]) -> _RE2Batch:
        pieces: list[bytes] = []
        starts: list[int] = []
        unencodable: list[int] = []
        position = 0
        for index, text in enumerate(texts):
            try:
                piece = text.encode("utf-8")
            except UnicodeEncodeError:
                piece = b""
                unencodable.append(index)
            starts.append(position)
            pieces.append(piece)
            position += len(piece) + len(_SEPARATOR_BYTES)
        return cls(texts, pieces, _SEPARATOR_BYTES.join(pieces), starts, unencodable)

    def scan(self, pattern: ScanPattern, loose: object) -> Hits:
        """``pattern``'s matches in the messages its stand-in ``loose`` finds."""
        return self.search(pattern, _prefilter.candidates(loose, self.joined, self.starts,
                                                          self.ends))

    def set_candidates(self, stand_ins: _prefilter.StandInSet) -> list[list[int]]:
        """For each stand-in of the set, the messages it may match, in order."""
        found: list[list[int]] = [[] for _ in range(stand_ins.size)]
        for index, piece in enumerate(self.pieces):
            if index in self.unencodable_set:
                continue  # added by ``search``
            for place in stand_ins.matching(piece):
                found[place].append(index)
        return found

    def search(self, pattern: ScanPattern, found: list[tuple[int, int]]) -> Hits:
        """``pattern``'s matches in the candidate messages ``found`` (index, byte offset
        where to start, or -1 for the message's start); unencodable messages too."""
        hits: Hits = {}
        if self.unencodable:  # joined as no bytes: searched in full, from the start
            first = dict(found)
            first.update((index, -1) for index in self.unencodable)
            found = sorted(first.items())
        twin, search = _twin(pattern), pattern.spans
        for index, offset in found:
            text, position = self.texts[index], self._position(index, offset)
            spans = twin.spans(text, position) if twin is not None else None
            if spans is None:
                spans = search(text, position)
            if spans:
                hits[index] = spans
        return hits

    def _position(self, index: int, offset: int) -> int:
        """A byte offset in the joined batch as a character position in message ``index``
        (0 for an unknown offset, -1)."""
        begin = self.starts[index]
        if offset <= begin:
            return 0
        prefix = self.joined[begin:offset]
        return len(prefix) if prefix.isascii() else len(prefix.decode("utf-8"))
