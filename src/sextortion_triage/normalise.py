"""Normalise message text once, the same way for training and scoring.

The normalised text is Unicode NFKC, case-folded, without invisible characters and
with runs of white space folded to one space. Every normalised character remembers
the span of the original text it came from, so detectors that read the normalised
text can still report where in the *original* message they found something.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

__all__ = ["NormalisedText", "normalise", "normalise_text"]

# Characters that render as nothing and are used to break up words: zero-width
# space/joiners, word joiner, soft hyphen, BOM, bidi controls, Hangul fillers,
# Mongolian vowel separator, combining grapheme joiner, variation selectors.
_INVISIBLE = frozenset([
    0x00AD, 0x034F, 0x115F, 0x1160, 0x180E, 0x3164, 0xFFA0, 0xFEFF,
    *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070),
    *range(0xFE00, 0xFE10),
])
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WORD = re.compile(r"\S+")
# Anything the simple path cannot map one-to-one: invisible characters, other format and
# control characters, combining marks (they join the character before them).
_NOT_SIMPLE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in sorted(_INVISIBLE))
    + r"\x00-\x08\x0e-\x1f\x7f-\x9f\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    r"\ufe20-\ufe2f\U000e0000-\U000e007f]"
)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Normalised text plus, for each of its characters, the original span it came from."""

    text: str
    starts: array[int]  # compact: 4 bytes a character, not a Python int object each
    ends: array[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the normalised text to the original text."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is outside 0..{len(self.text)}")
        return self.starts[start], self.ends[end - 1]


def _is_invisible(char: str) -> bool:
    code = ord(char)
    if code in _INVISIBLE:
        return True
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and not char.isspace())


def _normalise_simple(folded: str) -> NormalisedText:
    """Fast path when folding maps the text one character to one: fold white space only."""
    pieces: list[str] = []
    starts: list[int] = []
    for match in _WORD.finditer(folded):
        if pieces:
            pieces.append(" ")
            starts.append(match.start() - 1)
        pieces.append(match.group())
        starts.extend(range(match.start(), match.end()))
    starts_array = array("i", starts)
    return NormalisedText("".join(pieces), starts_array, array("i", [s + 1 for s in starts]))


def _normalise_unicode(text: str) -> NormalisedText:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space: int | None = None
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if _is_invisible(char):
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        if char.isspace():
            if pending_space is None:
                pending_space = i
            i += 1
            continue
        cluster = "".join(c for c in text[i:j] if not _is_invisible(c))
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", cluster).casefold())
        for out in folded:
            if out.isspace():
                pending_space = i if pending_space is None else pending_space
                continue
            if pending_space is not None and chars:
                chars.append(" ")
                starts.append(pending_space)
                ends.append(pending_space + 1)
            pending_space = None
            chars.append(out)
            starts.append(i)
            ends.append(j)
        i = j
    return NormalisedText("".join(chars), array("i", starts), array("i", ends))


def normalise(text: str) -> NormalisedText:
    """Normalise ``text`` and keep the map back to the original.

    >>> normalise("Ｓｅｎｄ  $300\u200b NOW").text
    'send $300 now'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if text.isascii():
        if not _ASCII_CONTROL.search(text):
            return _normalise_simple(text.lower())
    elif (not _NOT_SIMPLE.search(text) and unicodedata.is_normalized("NFKC", text)
          and all(unicodedata.category(c) not in ("Cf", "Cc", "Mn", "Me", "Mc")
                  or c.isspace() for c in text if ord(c) > 0x7F)):
        folded = text.casefold()
        if len(folded) == len(text) and unicodedata.is_normalized("NFKC", folded):
            return _normalise_simple(folded)
    return _normalise_unicode(text)


def _normalise_slow(text: str) -> NormalisedText:
    """The general path alone (for tests that compare it with the fast paths)."""
    return _normalise_unicode(text)


def normalise_text(text: str) -> str:
    """Return only the normalised string (what the model's vectorisers read)."""
    return normalise(text).text
