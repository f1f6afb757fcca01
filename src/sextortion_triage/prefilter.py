"""Which messages of a batch a signal pattern can match at all, found by RE2.

Python's ``re`` backtracks: each pattern is tried at nearly every position of every
message, and the six languages' word lists make some patterns tens of kilobytes long.
RE2 (``google-re2``) runs a pattern as an automaton, in time linear in the text however
long the pattern, but it speaks a different dialect (ASCII word boundaries, no
look-arounds). So RE2 only says which messages *may* match; Python's own pattern then
finds the matches in those messages, and the result is exactly ``re``'s.

For that, ``loosen`` rewrites a pattern into one that RE2 accepts and that matches
wherever the original matches (and sometimes where it does not):

- look-arounds and comments are dropped (an assertion only removes matches), and so
  are the word boundaries that RE2's ASCII ``\\b`` cannot stand in for (``_Boundaries``);
- ``\\w``, ``\\d`` and ``\\s`` become classes that also take every non-ASCII character;
- in a large pattern, a long gap such as ``[^.!?\\n]{0,60}?`` ends the branch it is in:
  whatever matches the whole also matches the part before the gap, and it is the
  pattern after a gap that makes an automaton's states explode.

``candidates`` then scans a whole batch, joined, in one RE2 pass per pattern. If the
original matches message *m* at ``[a, b)``, the loosened pattern matches there too, and
RE2's non-overlapping leftmost matches cannot step over ``a`` without one of them
touching *m*: so every message a match touches is a candidate, and none is missed.
``tests/test_prefilter.py`` checks this on the corpus and on random text.
Where Hyperscan is installed, it runs all of the same stand-ins in one pass per message
instead (``hyperscan_set.py``; the three longest split by ``stand_in_split.py``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import Any

from .compiled import importable
from .regex_cache import derived
from .regex_factor import _skip_class, _skip_escape, _skip_group

__all__ = ["SET_PROGRAM_LIMIT", "StandInSet", "Unsupported", "available", "candidates",
           "compile_loose", "loosen"]

_NON_ASCII = r"\x{80}-\x{10FFFF}"
#: inside a class: a superset of what Python's Unicode \w, \d and \s take
_CLASS_BODY = {"w": "0-9A-Z_a-z" + _NON_ASCII, "d": "0-9" + _NON_ASCII,
               "s": r"\t-\r\x1c-\x20" + _NON_ASCII}
_ASSERTIONS = ("(?=", "(?!", "(?<=", "(?<!", "(?#")
_BOUNDS = re.compile(r"\{(\d*),(\d+)\}\??")
_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})\??")
#: a quantifier that lets its atom be absent
_OPTIONAL = re.compile(r"[?*]|\{0*,|\{0+\}")
_ASCII_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
#: a repeat this much wider than its minimum counts as a gap
_GAP_WIDTH = 8
#: an RE2 program larger than this gets its gaps cut (``loosen(cut_gaps=True)``)
_LARGE_PROGRAM = 40_000
#: each automaton's memory, where RE2 runs the stand-ins (no Hyperscan): 32 MB keeps a
#: batch worker about 12 MB smaller than 64 (16 MB is not enough for the largest word
#: list), at about 5% of scoring time
_MAX_MEMORY = 32 << 20
#: stand-ins with programs up to this size are run together in one ``StandInSet``; the
#: larger word lists would make its automaton's states explode (measured: 47 patterns
#: together cost 4 us a message, each on its own 32 us; all 59 together, 50-80 us)
SET_PROGRAM_LIMIT = 300


class Unsupported(ValueError):
    """The pattern uses something RE2 cannot stand in for (it is then scanned in full)."""


def _escape(source: str, i: int, *, in_class: bool) -> tuple[str, int]:
    end = _skip_escape(source, i)
    letter = source[i + 1]
    if letter in _CLASS_BODY:
        return (_CLASS_BODY[letter] if in_class else f"[{_CLASS_BODY[letter]}]"), end
    if letter in "bB" and not in_class:
        return "", end
    if letter == "u":
        return "\\x{" + source[i + 2 : end] + "}", end
    if letter in "WDSAZGUN" or letter.isdigit():
        raise Unsupported(f"\\{letter}")
    return source[i:end], end


def _class(source: str, i: int) -> tuple[str, int]:
    end = _skip_class(source, i)
    body = source[i:end]
    negated = body.startswith("[^")
    parts = [body[: 1 + negated]]
    j = 1 + negated
    while j < len(body) - 1:
        if body[j] == "\\":
            piece, j_end = _escape(body, j, in_class=True)
            if negated and body[j + 1] in _CLASS_BODY:
                raise Unsupported("a negated class with \\w, \\d or \\s")
            parts.append(piece)
            j = j_end
        else:
            parts.append(body[j])
            j += 1
    parts.append("]")
    return "".join(parts), end


def _alternation(source: str, i: int, cut_gaps: bool, boundaries: bool, lead: bool = False,
                 trail: bool = False) -> tuple[str, int, bool]:
    """Loosen alternatives from ``i`` to the ``)`` that closes them (or the end).

    ``lead`` and ``trail``: a word boundary stands just before (after) this group, so
    each alternative may keep one at its start (end) where the character there is sure
    to be an ASCII word character (see ``_Boundaries``).
    Returns the text, the index of that ``)`` (or ``len(source)``), and whether a gap
    cut some branch short."""
    branches: list[str] = []
    out: list[str] = []
    cut_here = cut_any = False
    edge = _Boundaries(lead, boundaries)
    while i < len(source) and source[i] != ")":
        char = source[i]
        if char == "|":
            branches.append("".join(out) + edge.closing(trail and not cut_here))
            out, cut_here, edge = [], False, _Boundaries(lead, boundaries)
            i += 1
            continue
        if cut_here:  # the rest of this branch was cut off: skip it
            i = (_skip_escape(source, i) if char == "\\" else _skip_class(source, i)
                 if char == "[" else _skip_group(source, i) if char == "(" else i + 1)
            continue
        if source.startswith(_ASSERTIONS, i):  # zero width: the boundaries stay as they are
            i = _skip_group(source, i)
            quantifier = _QUANTIFIER.match(source, i)
            i = quantifier.end() if quantifier else i
            continue
        if source.startswith(("\\b", "\\B"), i):
            out.append(edge.boundary() if source[i + 1] == "b" else "")
            i += 2
            continue
        if char == "(":
            opening = "(?:" if source.startswith("(?:", i) else "("
            if opening == "(" and source.startswith("(?", i):
                raise Unsupported("a group with flags or a name")
            after = _skip_group(source, i)
            bare = _QUANTIFIER.match(source, after) is None  # a boundary moves only into
            last = after == len(source) or source[after] in "|)"  # a group met just once
            inner, close, cut = _alternation(
                source, i + len(opening), cut_gaps, boundaries, lead=bare and edge.pending,
                trail=bare and (source.startswith("\\b", after) or (trail and last)))
            i = close + 1
            quantifier = _QUANTIFIER.match(source, i) if cut else None
            if quantifier:  # a cut group keeps its quantifier ("(?:...)?" stays optional)
                i = quantifier.end()
            out.append(opening + inner + ")" + (quantifier.group() if quantifier else ""))
            edge.other()
            cut_here = cut
            cut_any = cut_any or cut
        elif char == "\\":
            piece, i = _escape(source, i, in_class=False)
            out.append(piece)
            edge.other()
        elif char == "[":
            piece, i = _class(source, i)
            out.append(piece)
            edge.other()
        elif char == "{" and (bounds := _BOUNDS.match(source, i)):
            low = int(bounds.group(1) or 0)
            high = int(bounds.group(2))
            i = bounds.end()
            edge.other()
            if high - low < _GAP_WIDTH:
                out.append(f"{{{low},{high}}}")
            elif cut_gaps:  # drop the gap and all that follows it in this branch
                out.pop()
                cut_here = cut_any = True
            else:
                out.append("*" if low == 0 else f"{{{low},}}")
        else:
            if char in _ASCII_WORD:
                out.append(edge.word(optional=_OPTIONAL.match(source, i + 1) is not None))
            elif char != "+":  # "a+" still ends with an "a"
                edge.other()
            out.append(char)
            i += 1
    branches.append("".join(out) + edge.closing(trail and not cut_here))
    return "|".join(branches), i, cut_any


class _Boundaries:
    """Which word boundaries of a branch its stand-in keeps, as RE2's ASCII ``\\b``.

    Python's ``\\b`` is Unicode: "é" is a word character to it and not to them. Next to
    a character of the pattern that is an ASCII word character (a letter, digit or
    "_" that must be there), the ASCII boundary holds wherever Python's does: the other
    side is then no Unicode word character, so no ASCII one either. Anywhere else the
    boundary is dropped. A boundary before (after) a group moves into each of its
    alternatives (``\\b(?:send|post)`` is ``(?:\\bsend|\\bpost)``), unless the group
    repeats. Keeping boundaries spares the stand-ins the short words found inside
    longer ones ("an" in "want"), so fewer messages are searched for nothing (without
    Hyperscan, a 400,000-row batch took 56.7 s against 62.5). Hyperscan's stand-ins keep
    none (``fastscan._hyperscan_source`` says why).
    """

    def __init__(self, pending: bool, enabled: bool) -> None:
        self.pending = pending  # a boundary just before here, not yet placed
        self.after_word = False  # the last atom is an ASCII word character that must be there
        self._kept = "\\b" if enabled else ""

    def boundary(self) -> str:
        """A ``\\b`` in the pattern: kept now if it follows such a character, else
        placed before the next atom if that is one."""
        if self.after_word:
            return self._kept
        self.pending = True
        return ""

    def word(self, *, optional: bool) -> str:
        """An ASCII word character comes next (``optional``: its quantifier lets it be
        absent): the pending boundary, if there is one and it can stay."""
        kept = self._kept if self.pending and not optional else ""
        self.pending, self.after_word = False, not optional
        return kept

    def other(self) -> None:
        """Any other atom comes next: a pending boundary is dropped."""
        self.pending = self.after_word = False

    def closing(self, wanted: bool) -> str:
        """The boundary at the branch's end, where one follows the group (``wanted``)."""
        return self._kept if wanted and self.after_word else ""


def loosen(source: str, *, cut_gaps: bool = False, boundaries: bool = True) -> str:
    """An RE2 pattern that matches wherever the Python pattern ``source`` matches
    (``boundaries=False``: without any word boundary, for Hyperscan; see
    ``fastscan._hyperscan_source``).

    >>> print(loosen(r"\\bpay\\b(?! later)"))
    \\bpay\\b
    >>> print(loosen(r"\\b(?:send|post)\\b[^.!?\\n]{0,60}?\\bfamily\\b", cut_gaps=True))
    (?:\\bsend\\b|\\bpost\\b)
    """
    loose, end, _ = _alternation(source, 0, cut_gaps, boundaries)
    if end != len(source):
        raise Unsupported(f"unbalanced ')' at position {end}")
    return loose


def available() -> bool:
    """Whether RE2 can be imported here (without it every pattern is scanned in full)."""
    return importable("re2")


@functools.cache
def compile_loose(source: str) -> Any | None:
    """The compiled RE2 stand-in for ``source``, or None when there is none to use. Its
    source is kept in the cache folder (``regex_cache.derived``): loosening the word
    lists takes about 0.4 s a process."""
    if not available():
        return None
    import re2

    chosen = derived("re2-stand-in", (str(getattr(re2, "__version__", "")), source),
                     lambda: _stand_in_source(source),
                     lambda stored: stored is None or isinstance(stored, str))
    if chosen is None:
        return None
    try:
        return re2.compile(chosen.encode(), _re2_options())
    except re2.error:
        return None


def _stand_in_source(source: str) -> str | None:
    """``loosen(source)``, or its gaps cut where RE2's program would be too large; None
    where RE2 cannot take either."""
    import re2

    try:
        loose = loosen(source)
        if re2.compile(loose.encode(), _re2_options()).programsize > _LARGE_PROGRAM:
            loose = loosen(source, cut_gaps=True)
            re2.compile(loose.encode(), _re2_options())
    except (Unsupported, re2.error):
        return None
    return loose


def _re2_options() -> Any:
    import re2

    options = re2.Options()
    options.max_mem = _MAX_MEMORY
    return options


def candidates(loose: Any, joined: bytes, starts: Sequence[int],
               ends: Sequence[int]) -> list[tuple[int, int]]:
    """The messages that a match of ``loose`` touches, in order, each with the byte
    offset in ``joined`` where its first match starts (-1 when the message is touched by
    a match that began in an earlier one).

    ``joined`` holds the messages' UTF-8 bytes with separators between them: message
    ``i`` is ``joined[starts[i]:ends[i]]`` (ascending). Once a message is a candidate,
    the search goes on from the separator's last byte before the next one: a stand-in
    may take the character before a match (SPLIT_HINT's ``(?:^|[^0-9A-Za-z])``, at a
    message's start, where RE2's ``^`` is not), and a match that begins in a separator
    belongs to the message after it. A pattern matches nowhere before the first place its
    stand-in does, so its search may start there."""
    import re2

    found: list[tuple[int, int]] = []
    match = loose._regexp.Match  # the bare RE2 call: spans only, no match objects
    unanchored = re2._Anchor.UNANCHORED
    position = 0
    count = len(starts)
    size = len(joined)
    while (span := match(unanchored, joined, position, size)[0])[0] >= 0:
        start, end = span
        first = bisect.bisect_right(starts, start) - 1
        if start >= ends[first] and first + 1 < count and end > starts[first + 1]:
            first += 1  # it began in the separator before that message
        final = bisect.bisect_right(starts, max(start, end - 1)) - 1
        if not found or first > found[-1][0]:
            found.append((first, start))
        found.extend((index, -1) for index in range(max(first, found[-1][0] + 1), final + 1))
        if final + 1 >= count:
            break
        position = max(end, starts[final + 1] - 1, start + 1)
    return found


class StandInSet:
    """Several stand-ins run as one RE2 set: one pass over a message says which of them
    match in it (not where).

    RE2 answers "none" both when nothing matches and when its automaton runs out of
    memory; a pattern that matches everywhere (the empty one) is added last, so a
    message for which it is missing was not read, and every stand-in may match there.
    """

    def __init__(self, stand_ins: Sequence[Any]) -> None:
        import re2

        options = re2.Options()
        options.max_mem = _MAX_MEMORY
        options.log_errors = False
        self._set = re2.Set.SearchSet(options)
        for stand_in in stand_ins:
            self._set.Add(stand_in.pattern.encode() if isinstance(stand_in.pattern, str)
                          else stand_in.pattern)
        self._read = self._set.Add(b"")  # matches every message that was read
        self._set.Compile()
        self.size = len(stand_ins)

    def matching(self, message: bytes) -> list[int]:
        """Indices of the stand-ins that match somewhere in ``message`` (all of them if
        RE2 could not read it)."""
        found = self._set._set.Match(message)  # the bare call: a list of indices
        if self._read not in found:
            return list(range(self.size))
        found.remove(self._read)
        return sorted(found)
