"""RE2 twins of the long signal patterns: ``re``'s very matches, found in linear time.

``re`` backtracks through the six languages' word lists (up to 64 kB of pattern) at
nearly every position of a candidate message: those searches were a fifth of a batch's
scoring time. RE2 runs a pattern as an automaton and chooses the match ``re`` chooses
(the leftmost, and of those the one a backtracking search tries first), but it reads
``\\w``, ``\\b``, ``\\d`` and ``\\s`` as ASCII. So a twin reads a copy of the message with one
byte a character (RE2's Latin-1 mode), in which

- ASCII stays as it is (normalised text has no capitals and no control characters);
- each non-ASCII character that the pattern names has a byte of its own: a capital
  letter for a letter, so that ``\\w`` and ``\\b`` see a letter, and a control
  character for anything else; the pattern's own copies of it are rewritten alike;
- any other letter or digit becomes one more capital, anything else one more control
  character: the pattern names neither, so only their class can matter to it.

A message with a capital or control character, or with a non-ASCII digit or white space
(which ``re`` reads as ``\\d`` and ``\\s``), is searched with ``re`` instead. A pattern
that RE2 cannot run alike (look-arounds, flags, a class of capitals or of the control
characters used as bytes, a non-ASCII range) gets no twin, and so does one with a wide
gap between two word lists in a long pattern, on which RE2's automaton grows too large
to be quicker. Positions are characters
on both sides, so spans need no mapping. ``tests/test_re2_twin.py`` checks that twins
give ``re``'s spans on the corpus and on random text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .compiled import grams as _grams
from .compiled import importable
from .regex_cache import derived
from .regex_factor import _skip_class, _skip_escape

__all__ = ["TWIN_MIN_LENGTH", "Twin", "twin_of"]

#: patterns shorter than this are searched with ``re``: a twin's call costs more than
#: ``re`` spends on a short pattern
TWIN_MIN_LENGTH = 2_000
#: each twin's automaton may use this much memory; a fuller cache is emptied and built
#: again (slower, never wrong)
_MAX_MEMORY = 64 << 20
#: a pattern this long with a bounded repeat much wider than its minimum (a gap such as
#: ``[^.!?\n]{0,60}?`` between two word lists) gets no twin: its automaton's states
#: explode. The threat-to-share and conditional-threat lists (64 and 36 kB) took RE2 20
#: and 15 us a message against re's 36 and 11, with 70 MB more memory a process; the
#: contacts and secrecy lists (9 and 7 kB, gaps of 40 and 30) 6 and 3 against 14 and 11.
#: The gap is read from the source's ``{m,n}``: a refusal by mistake only costs speed
_LONGEST_WITH_GAP = 20_000
_GAP_WIDTH = 8
_BOUNDS = re.compile(r"\{(\d*),(\d+)\}")
_CAPITALS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
#: control characters that RE2 reads as nothing special (not \s, not a line end)
_CONTROLS = [chr(c) for c in (*range(0x01, 0x09), *range(0x0E, 0x20))]
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}

Span = tuple[int, int]


class _Unsupported(ValueError):
    """The pattern uses something that RE2 would not read as ``re`` does."""


@dataclass(frozen=True, eq=False)
class Twin:
    """A pattern's RE2 twin and the one-byte alphabet it reads."""

    match: Any            # the compiled twin's bare Match call: spans only, no match objects
    unanchored: Any       # RE2's anchor argument for a search
    table: bytes = field(repr=False)  # 65,536: a character's byte, 0 where none is named
    word: int             # the byte of every other letter or digit
    other: int            # the byte of every other character

    def spans(self, text: str, pos: int = 0) -> list[Span] | None:
        """The pattern's match spans in ``text[pos:]`` (as ``finditer`` gives them; a
        pattern with a twin never matches empty text), or None where the text must be
        searched with ``re``."""
        assert _grams is not None
        data = _grams.one_byte_text(text, self.table, self.word, self.other)
        if data is None:
            return None
        end = len(data)
        found: list[Span] = []
        while pos <= end and (span := self.match(self.unanchored, data, pos, end)[0])[0] >= 0:
            found.append(span)
            pos = span[1]
        return found


@functools.cache
def twin_of(source: str) -> Twin | None:
    """The RE2 twin of the Python pattern ``source`` (no flags), or None where there is
    none: no C extension or RE2 here, a short pattern, a long one with a wide gap, one
    that can match empty text, or one RE2 cannot run alike."""
    if len(source) < TWIN_MIN_LENGTH or _grams is None or not importable("re2"):
        return None
    if len(source) >= _LONGEST_WITH_GAP and any(
            int(high) - int(low or 0) >= _GAP_WIDTH for low, high in _BOUNDS.findall(source)):
        return None  # read from the source, without parsing 40-64 kB (0.1 s a process)
    recipe = derived("twin", (source,), lambda: _recipe(source), _is_recipe)
    if recipe is None:
        return None
    rewritten, table, word, other = recipe
    import re2

    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    options.max_mem = _MAX_MEMORY
    options.log_errors = False
    try:
        regexp = re2.compile(rewritten.encode("latin-1"), options)
    except re2.error:
        return None
    return Twin(regexp._regexp.Match, re2._Anchor.UNANCHORED, table, word, other)


#: what a twin is compiled from: its RE2 source, and ``Twin``'s table, word and other
_Recipe = tuple[str, bytes, int, int]


def _recipe(source: str) -> _Recipe | None:
    """The twin's RE2 source and alphabet, or None where RE2 cannot run ``source`` alike.
    Parsing a 64 kB list takes about 0.1 s, so ``twin_of`` keeps this in the cache folder
    (``regex_cache.derived``): it holds patterns only, never message text."""
    try:
        parsed = _parse(source)
        if parsed.getwidth()[0] == 0:
            raise _Unsupported("a pattern that can match empty text")
        codes, word, other = _alphabet(_named(parsed))
        rewritten = _rewrite(source, codes)
    except _Unsupported:
        return None
    table = bytearray(65536)
    for char, code in codes.items():
        table[ord(char)] = ord(code)
    return rewritten, bytes(table), ord(word), ord(other)


def _is_recipe(stored: object) -> bool:
    return stored is None or (
        isinstance(stored, tuple) and len(stored) == 4 and isinstance(stored[0], str)
        and isinstance(stored[1], bytes) and len(stored[1]) == 65536
        and isinstance(stored[2], int) and isinstance(stored[3], int))


def _parse(source: str) -> Any:
    try:
        parser = re._parser  # type: ignore[attr-defined]
    except AttributeError:  # Python 3.10
        import sre_parse as parser
    parsed = parser.parse(source)
    if parsed.state.flags & ~re.UNICODE.value:
        raise _Unsupported("flags")
    return parsed


def _constants() -> Any:
    try:
        return re._constants  # type: ignore[attr-defined]
    except AttributeError:  # Python 3.10
        import sre_constants

        return sre_constants


def _named(items: Iterable[tuple[Any, Any]]) -> set[str]:
    """Every character that the parsed pattern names (literals, class members), checking
    on the way that it uses only what RE2 reads alike."""
    c = _constants()
    boundaries = {c.AT_BOUNDARY, c.AT_NON_BOUNDARY, c.AT_BEGINNING, c.AT_END,
                  c.AT_BEGINNING_STRING}
    named: set[str] = set()
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL):
            named.add(chr(av))
        elif op is c.IN:
            for member, value in av:
                if member is c.LITERAL:
                    named.add(chr(value))
                elif member is c.RANGE:
                    low, high = value
                    if high >= 128:
                        raise _Unsupported("a range of non-ASCII characters")
                    named.update(chr(code) for code in range(low, high + 1))
                elif member not in (c.NEGATE, c.CATEGORY):
                    raise _Unsupported(str(member))
        elif op is c.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            if add_flags or del_flags:
                raise _Unsupported("flags")
            named |= _named(inner)
        elif op is c.BRANCH:
            for alternative in av[1]:
                named |= _named(alternative)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            named |= _named(av[2])
        elif op is c.AT:
            if av not in boundaries:
                raise _Unsupported(str(av))
        elif op is not c.ANY:
            raise _Unsupported(str(op))  # look-arounds, back-references, atomic groups
    return named


def _alphabet(named: set[str]) -> tuple[dict[str, str], str, str]:
    """Each non-ASCII character named -> its byte (as a character), and the bytes of
    every other letter or digit and of every other character."""
    if named & {*_CAPITALS, *_CONTROLS}:
        raise _Unsupported("the pattern names a capital or a control character")
    alphabet = sorted(char for char in named if ord(char) >= 128)
    letters = [char for char in alphabet if char.isalnum()]
    others = [char for char in alphabet if not char.isalnum()]
    if len(letters) >= len(_CAPITALS) or len(others) >= len(_CONTROLS):
        raise _Unsupported("too many non-ASCII characters")
    codes = dict(zip(letters, _CAPITALS, strict=False))
    codes.update(zip(others, _CONTROLS, strict=False))
    return codes, _CAPITALS[len(letters)], _CONTROLS[len(others)]


def _rewrite(source: str, codes: dict[str, str]) -> str:
    """``source`` in RE2's syntax over the one-byte alphabet: every character it names
    written as ``\\xHH`` (its byte where it is not ASCII), comments dropped."""
    out: list[str] = []
    i = 0
    while i < len(source):
        if source.startswith("(?#", i):
            i = source.index(")", i) + 1
        elif source[i] == "[":
            end = _skip_class(source, i)
            out.append(_rewrite_class(source[i:end], codes))
            i = end
        elif source[i] == "\\":
            end = _skip_escape(source, i)
            out.append(_rewrite_escape(source[i:end], codes, in_class=False))
            i = end
        else:
            out.append(_byte(source[i], codes) if ord(source[i]) >= 128 else source[i])
            i += 1
    return "".join(out)


def _rewrite_class(body: str, codes: dict[str, str]) -> str:
    opening = 2 if body.startswith("[^") else 1
    out = [body[:opening]]
    i = opening
    while i < len(body) - 1:
        if body[i] == "\\":
            end = _skip_escape(body, i)
            out.append(_rewrite_escape(body[i:end], codes, in_class=True))
            i = end
        else:
            char = body[i]
            out.append(_byte(char, codes) if ord(char) >= 128 or char in "[]^\\" else char)
            i += 1
    return "".join(out) + "]"


def _rewrite_escape(escape: str, codes: dict[str, str], *, in_class: bool) -> str:
    """A character escape as ``\\xHH``; a class or an assertion (``\\w``, ``\\b``) as it is."""
    letter = escape[1]
    if letter in "uUx":
        char = chr(int(escape[2:].strip("{}"), 16))
    elif letter == "N":
        char = unicodedata.lookup(escape[3:-1])
    elif letter in _SIMPLE_ESCAPES:
        char = _SIMPLE_ESCAPES[letter]
    elif letter == "b" and in_class:
        char = "\b"
    elif letter.isdigit():
        raise _Unsupported("an octal escape or a back-reference")
    elif letter.isalnum():
        return escape  # \w \W \d \D \s \S \b \B \A: RE2 reads them alike here
    else:
        char = letter  # an escaped punctuation mark
    return _byte(char, codes)


def _byte(char: str, codes: dict[str, str]) -> str:
    """``char`` in the one-byte alphabet, escaped for RE2."""
    return f"\\x{ord(codes.get(char, char)):02x}"
