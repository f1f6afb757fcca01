"""Where a signal pattern can start a match: at a word start, before a literal prefix.

``re`` tries a pattern at every position of a message. For the two long word lists that
have no RE2 twin (``re2_twin.py``: threat to share and conditional threat, 64 and 36 kB,
with wide gaps), that walk through the lists at each word was the largest cost left in
the signal searches. Yet every match of such a pattern opens with ``\\b`` and one of
its short literal prefixes ("sende", "poste", "an de", ...: 3,464 of up to six
characters for the threat list, 93 for the conditional one), which ``prefixes`` works
out from the parsed pattern. The C extension lists the word starts where one of
them follows (``_grams.prefix_starts``), and the pattern is tried there alone, in order,
each search going on from the end of the last match, as ``finditer`` does: the same
matches, since no match can start anywhere else. ``tests/test_match_starts.py`` checks
both on the corpus and on random text.

Short patterns that open with an alternation (``\\b(?:pay|paying|payment)``) gain too:
``re`` can only skip to their possible first characters, and tries the alternation at
each. A pattern that opens with a literal (``\\bruin (?:your|ur)``) is left to ``re``,
which skips to that literal faster than the word starts are listed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .compiled import grams as _grams
from .regex_cache import derived

if TYPE_CHECKING:
    from ._grams import WordTable

try:
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

__all__ = ["LONGEST_PREFIX", "StartFinder", "openings", "opens_with_literal", "prefixes",
           "start_finder"]

#: prefixes are cut at this many characters: longer ones leave fewer starts to try, but
#: there are more of them to hold (threat list, starts a candidate message: 3 characters
#: 23, 4 13.6, 5 10.6, 6 9.2, 8 8.3, 10 8.1)
LONGEST_PREFIX = 6
#: a pattern with more prefixes than this is searched with ``re`` alone
_MOST_PREFIXES = 20_000
#: a small class (``[ée]``) is spelled out; a larger one ends the prefix
_LARGEST_CLASS = 16
#: flags under which a pattern's literals are not the characters it matches
_UNREADABLE_FLAGS = re.IGNORECASE | re.ASCII | re.LOCALE

Span = tuple[int, int]
#: a prefix being read, and whether it may still grow
_Partial = tuple[str, bool]
#: a parsed pattern's step: (operator, argument), as ``re``'s parser gives it
_Item = tuple[Any, Any]


@dataclass(frozen=True, eq=False)
class StartFinder:
    """A pattern's literal prefixes, looked up at each word start by the C extension."""

    table: WordTable  # each prefix (value 1), and each shorter start of one (no value)
    longest: int      # characters in the longest prefix
    openings: bytes   # the prefixes' first two letters (``openings``)

    def spans(self, pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> list[Span]:
        """``pattern``'s non-empty match spans in ``text[pos:endpos]`` (as ``finditer``
        gives them: the pattern never matches empty text)."""
        assert _grams is not None
        found: list[Span] = []
        resume = pos
        match = pattern.match
        for start in _grams.prefix_starts(text, self.table, self.longest, pos, endpos,
                                          self.openings):
            if start >= resume and (hit := match(text, start, endpos)) is not None:
                found.append(hit.span())
                resume = hit.end()
        return found


@functools.cache
def start_finder(pattern: re.Pattern[str]) -> StartFinder | None:
    """The finder for ``pattern``, or None where ``re`` should search it alone: no C
    extension, a pattern that opens with a literal (``opens_with_literal``), or one whose
    matches may start other than at a word start with a literal prefix (``prefixes``)."""
    if _grams is None:
        return None
    found = _cached_prefixes(pattern)
    if found is None:
        return None
    table = _grams.WordTable()
    whole = (1).to_bytes(8, "little")
    for start in sorted({prefix[:end] for prefix in found for end in range(1, len(prefix))}
                        - found):
        table.add(start, b"")
    for prefix in sorted(found):
        table.add(prefix, whole)
    return StartFinder(table, max(map(len, found)), openings(found))


#: ``openings``' column for a second character outside a-z, or none
_OTHER_SECOND = 31


def openings(found: Iterable[str]) -> bytes:
    """The first two letters that the prefixes ``found`` open with, as ``prefix_starts``
    reads them (128 bytes): bit ``(first - "a") * 32 + column``, where the column is the
    second letter's place in a-z, or 31 for any other second character or none. A
    one-letter prefix sets its letter's whole row. A word that opens with anything but
    a-z is looked up whatever the bits say, so prefixes that do are left out. By hand, on
    4,000 bench messages: one call for each finder, 114 against 98 µs."""
    bits = bytearray(128)
    for prefix in found:
        first = prefix[0]
        if not "a" <= first <= "z":
            continue
        row = (ord(first) - ord("a")) * 32
        if len(prefix) == 1:
            columns: Iterable[int] = range(32)
        else:
            second = prefix[1]
            columns = [ord(second) - ord("a") if "a" <= second <= "z" else _OTHER_SECOND]
        for column in columns:
            bits[(row + column) >> 3] |= 1 << ((row + column) & 7)
    return bytes(bits)


def _cached_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """``prefixes(pattern, LONGEST_PREFIX)``, or None for a pattern that opens with a
    literal; kept in the cache folder of ``regex_cache.py`` (parsing the threat list takes
    about 0.1 s, in every batch worker and every server), keyed by the pattern and its
    flags. The file holds prefixes of patterns only, never message text."""
    def build() -> tuple[str, ...] | None:
        if pattern.flags & _UNREADABLE_FLAGS:
            return None
        parsed = _parsed(pattern)  # once for both questions: 0.1 s for the threat list
        found = None if _opens_with_literal(parsed) else _prefixes_of(parsed, LONGEST_PREFIX)
        return None if found is None else tuple(sorted(found))

    stored = derived("prefixes", (str(LONGEST_PREFIX), str(pattern.flags), pattern.pattern),
                     build, _is_prefix_list)
    return None if stored is None else frozenset(stored)


def _is_prefix_list(stored: object) -> bool:
    return stored is None or (isinstance(stored, tuple)
                              and all(isinstance(text, str) for text in stored))


def prefixes(pattern: re.Pattern[str], longest: int) -> frozenset[str] | None:
    """Strings of at most ``longest`` characters, one of which begins every match of
    ``pattern``, each with a word character first; None unless every match also opens
    with ``\\b`` (then it starts a word), or where they cannot be worked out (flags,
    references, too many)."""
    if pattern.flags & _UNREADABLE_FLAGS:
        return None
    return _prefixes_of(_parsed(pattern), longest)


def _prefixes_of(parsed: list[_Item], longest: int) -> frozenset[str] | None:
    if not _opens_with_boundary(parsed):
        return None
    read = _read(parsed, {("", True)}, longest)
    if read is None:
        return None
    found = frozenset(text for text, _ in read)
    if not all(text and _is_word_character(text[0]) for text in found):
        return None
    return found


def opens_with_literal(pattern: re.Pattern[str]) -> bool:
    """Whether every match of ``pattern`` opens, after any zero-width assertions, with one
    literal character: ``re`` then skips to it by itself (its prefix search; by hand, 1.6
    to 5 µs a 250-character candidate message against a finder's 3 to 6)."""
    return _opens_with_literal(_parsed(pattern))


def _opens_with_literal(items: list[_Item]) -> bool:
    while items:
        operator, argument = items[0]
        if operator is _sre.AT:
            items = items[1:]
        elif operator is _sre.SUBPATTERN and not (argument[1] or argument[2]):
            items = list(argument[3]) + items[1:]
        else:
            return operator is _sre.LITERAL
    return False


def _parsed(pattern: re.Pattern[str]) -> list[_Item]:
    return list(_sre_parse.parse(pattern.pattern, pattern.flags))


def _opens_with_boundary(items: list[_Item]) -> bool:
    """Whether the parsed pattern's first step, on every path, is ``\\b``."""
    if not items:
        return False
    operator, argument = items[0]
    if operator is _sre.AT:
        return argument is _sre.AT_BOUNDARY
    if operator is _sre.SUBPATTERN:
        return _opens_with_boundary(list(argument[3]))
    if operator is _sre.BRANCH:
        return all(_opens_with_boundary(list(branch)) for branch in argument[1])
    return False


def _read(items: Iterable[_Item], partial: set[_Partial],
          longest: int) -> set[_Partial] | None:
    """Extend each growing prefix in ``partial`` by what ``items`` must match next."""
    for operator, argument in items:
        if not any(growing for _, growing in partial):
            break
        if operator is _sre.LITERAL:
            partial = _extend(partial, [chr(argument)], longest)
        elif operator is _sre.IN:
            characters = _spelled_class(argument)
            partial = (_closed(partial) if characters is None
                       else _extend(partial, characters, longest))
        elif operator is _sre.BRANCH:
            branches: set[_Partial] = set()
            for branch in argument[1]:
                read = _read(branch, partial, longest)
                if read is None:
                    return None
                branches |= read
            partial = branches
        elif operator is _sre.SUBPATTERN:
            if argument[1] or argument[2]:  # inline flags
                return None
            read = _read(argument[3], partial, longest)
            if read is None:
                return None
            partial = read
        elif operator in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, _, body = argument
            if low:  # the first repetition must be there; what follows it is not read
                read = _read(body, partial, longest)
                if read is None:
                    return None
                partial = read
            partial = _closed(partial)
        elif operator in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the next character is still the next one
        elif operator is _sre.GROUPREF or operator is getattr(_sre, "GROUPREF_EXISTS", None):
            return None
        else:  # any other character (\w, ., a negated class): the prefix ends here
            partial = _closed(partial)
        if len(partial) > _MOST_PREFIXES:
            return None
    return partial


def _extend(partial: set[_Partial], characters: list[str], longest: int) -> set[_Partial]:
    grown: set[_Partial] = set()
    for text, growing in partial:
        if not growing:
            grown.add((text, False))
            continue
        for character in characters:
            grown.add((text + character, len(text) + 1 < longest))
    return grown


def _closed(partial: set[_Partial]) -> set[_Partial]:
    return {(text, False) for text, _ in partial}


def _spelled_class(items: list[_Item]) -> list[str] | None:
    """The characters of a small class without categories or negation, else None."""
    characters: list[str] = []
    for operator, argument in items:
        if operator is _sre.LITERAL:
            characters.append(chr(argument))
        elif operator is _sre.RANGE and argument[1] - argument[0] < _LARGEST_CLASS:
            characters.extend(map(chr, range(argument[0], argument[1] + 1)))
        else:
            return None
    return characters if len(characters) <= _LARGEST_CLASS else None


def _is_word_character(character: str) -> bool:
    """Whether ``character`` is one of ``re``'s Unicode ``\\w``."""
    return character.isalnum() or character == "_"
