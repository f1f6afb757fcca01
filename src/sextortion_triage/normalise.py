"""Normalise message text once, the same way for training and scoring.

The normalised text is Unicode NFKC, case-folded, without invisible characters and
with runs of white space folded to one space. Every normalised character remembers
the span of the original text it came from, so detectors that read the normalised
text can still report where in the *original* message they found something.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .code_points import code_points
from .compiled import grams as _compiled
from .lexicon import is_word, segment

__all__ = ["NormalisedText", "fold", "normalise", "normalise_text", "unmask"]

# Characters that render as nothing and are used to break up words: zero-width
# space/joiners, word joiner, soft hyphen, BOM, bidi controls, Hangul fillers,
# Mongolian vowel separator, combining grapheme joiner, variation selectors.
_INVISIBLE = frozenset([
    0x00AD, 0x034F, 0x115F, 0x1160, 0x180E, 0x3164, 0xFFA0, 0xFEFF,
    *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070),
    *range(0xFE00, 0xFE10),
])
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: str.isspace() for every code point up to U+3000 (the last white space), False after.
_SPACE_TABLE = np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)


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
    """Fast path when folding maps the text one character to one: fold white space only.

    Kept: every character that is not white space, and the first character of each run
    of white space between two words (it becomes the one space there).
    """
    codes = code_points(folded)
    space = _SPACE_TABLE[np.minimum(codes, _SPACE_TABLE.size - 1)]
    solid = np.flatnonzero(~space)
    if not solid.size:
        return NormalisedText("", array("i"), array("i"))
    keep = ~space
    after_word = np.zeros_like(space)
    after_word[1:] = space[1:] & ~space[:-1]  # first white space after a word ...
    after_word[solid[-1] :] = False  # ... with another word still to come
    keep |= after_word
    starts = np.flatnonzero(keep).astype(np.int32)
    return NormalisedText(" ".join(folded.split()), _int_array(starts), _int_array(starts + 1))


def _int_array(values: np.ndarray) -> array[int]:
    result = array("i")
    result.frombytes(values.astype(np.int32).tobytes())
    return result


def _normalise_unicode(text: str) -> NormalisedText:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space: int | None = None
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if " " < char < "\x7f" and (i + 1 == n or text[i + 1] < "\x7f"):
            # a visible ASCII character with no combining mark after it (those are not
            # ASCII): NFKC leaves it alone and case folding is lower-casing
            j, folded = i + 1, char.lower()
        else:
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
            folded = unicodedata.normalize("NFKC",
                                           unicodedata.normalize("NFKC", cluster).casefold())
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
    """Normalise ``text``, undo common disguises, and keep the map back to the original.

    >>> normalise("Ｓｅｎｄ  $300\u200b NOW").text
    'send $300 now'
    >>> normalise("s e n d the m0ney &amp; the v.i.d.e.o").text
    'send the money & the video'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return _unmask_fully(_base(text))


def _unmask_fully(view: NormalisedText) -> NormalisedText:
    """Unmask until nothing changes: a disguise can hide another ("&amp;amp;")."""
    for _ in range(3):
        unmasked = unmask(view)
        if unmasked is view:
            break
        view = unmasked
    return view


def _one_to_one_view(folded: str) -> NormalisedText:
    """The view of text that folding mapped one to one: white space folded, spans kept
    (the C extension folds characters and white space together: ``_folded_by_character``)."""
    if " ".join(folded.split()) == folded:  # the common case: nothing to fold
        positions = np.arange(len(folded) + 1, dtype=np.int32)
        return NormalisedText(folded, _int_array(positions[:-1]), _int_array(positions[1:]))
    return _normalise_simple(folded)


def _base(text: str) -> NormalisedText:
    """NFKC, case folding, invisible characters and white space (fast paths first)."""
    if _compiled is not None:
        return _folded_by_character(text) or _normalise_unicode(text)
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return _one_to_one_view(text.lower())
    return _per_character(text) or _normalise_unicode(text)


#: the C path's memo: what ``_FOLDINGS``'s entry of a character writes, or None
_FOLDED_TEXT: dict[str, str | None] = {}


def _folded_by_character(text: str) -> NormalisedText | None:
    """``_per_character(text)`` in one C loop (``_grams.fold_characters``), white space
    folded in the same loop. Characters met for the first time are folded here, and the
    text read again."""
    assert _compiled is not None
    found = _compiled.fold_characters(text, _FOLDED_TEXT)
    if isinstance(found, list):
        if len(_FOLDED_TEXT) + len(found) > _FOLDINGS_LIMIT:
            _FOLDED_TEXT.clear()  # bounded, but never below what this text needs
        _FOLDED_TEXT.update((char, _folded_text(char)) for char in found)
        found = _compiled.fold_characters(text, _FOLDED_TEXT)
        if isinstance(found, list):  # another thread emptied the memo in between
            found = _compiled.fold_characters(text, {char: _folded_text(char) for char in
                                                     set(text) if not " " <= char <= "~"})
    if found is None or isinstance(found, list):
        return None
    folded, starts, ends = found
    starts_array, ends_array = array("i"), array("i")
    starts_array.frombytes(starts)
    ends_array.frombytes(ends)
    return NormalisedText(folded, starts_array, ends_array)


def _folded_text(char: str) -> str | None:
    """What ``char`` becomes on its own, or None where it needs the general path."""
    folding = _folding(char)
    return None if folding is None else folding.text


#: what ``_normalise_unicode`` writes for a character that stands alone (no combining
#: mark after it), for the characters met so far: ``_Folding``, or None where the
#: character needs the general path (a combining mark joins the one before it; an
#: output with white space in it moves the folded space)
_FOLDINGS: dict[str, _Folding | None] = {}
#: Unicode has about 150,000 characters: texts that hold many of them must not grow the
#: memo without bound
_FOLDINGS_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class _Folding:
    text: str          # what the character becomes ("" when it is dropped)
    casefold: bool     # whether that is ``str.casefold`` of it


_MISSING = _Folding("", False)
#: the characters every text folds alike (lower-cased, as casefold does)
_VISIBLE_ASCII = re.compile("[ -~]+")
_ASCII_LOWER = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _folding(char: str) -> _Folding | None:
    """``_FOLDINGS``'s entry for ``char``, worked out as ``_normalise_unicode`` does."""
    if unicodedata.combining(char):
        return None
    if char.isspace():
        out = char
    elif _is_invisible(char):
        out = ""
    else:
        out = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", char).casefold())
        if any(c.isspace() for c in out):
            return None
    return _Folding(out, out == char.casefold())


def _per_character(text: str) -> NormalisedText | None:
    """``_normalise_unicode(text)`` for a text without combining marks, where it folds
    each character on its own: folded with ``str.casefold`` (or a table where NFKC or a
    dropped character differs from it), each piece keeping its character's span. None
    when the text needs the general path."""
    foldings: dict[str, _Folding] = {}
    for char in set(_VISIBLE_ASCII.sub("", text)):
        folding = _FOLDINGS.get(char, _MISSING)
        if folding is _MISSING:
            if len(_FOLDINGS) >= _FOLDINGS_LIMIT:
                _FOLDINGS.clear()
            folding = _FOLDINGS[char] = _folding(char)
        if folding is None:
            return None
        foldings[char] = folding
    if all(f.casefold for f in foldings.values()):
        folded = text.casefold()
    else:
        table = {ord(c): f.text for c, f in foldings.items() if f.text != c}
        folded = text.translate({**_ASCII_LOWER, **table})
    resized = {c: len(f.text) for c, f in foldings.items() if len(f.text) != 1}
    if not resized:
        return _one_to_one_view(folded)
    codes = code_points(text)
    lengths = np.ones(codes.size, dtype=np.int64)
    for char, length in resized.items():
        lengths[codes == ord(char)] = length
    source = np.repeat(np.arange(codes.size, dtype=np.int32), lengths)
    view = _one_to_one_view(folded)
    starts = source[np.frombuffer(view.starts, dtype=np.int32)]
    return NormalisedText(view.text, _int_array(starts), _int_array(starts + 1))


def fold(text: str) -> str:
    """NFKC, case folding, invisible characters and white space, with no disguise undone.

    >>> fold("Ｓ\u200bend  M0NEY")
    'send m0ney'
    """
    return _base(text).text


def _normalise_slow(text: str) -> NormalisedText:
    """The general path alone (for tests that compare it with the fast paths)."""
    return _unmask_fully(_normalise_unicode(text))


# ---------------------------------------------------------------- undoing disguises
# Each step rewrites the normalised text with a regular expression; every character it
# writes keeps the span of original text it stands for, so signals still point into
# the message as it was received.

Replacement = list[tuple[str, int, int]]  # (character, original start, original end)

_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});")
# look-alike letters (after case folding) from Cyrillic, Greek and Armenian
_LOOKALIKE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ѕ": "s", "і": "i", "ј": "j", "о": "o", "р": "p",
    "с": "c", "у": "y", "х": "x", "ԁ": "d", "һ": "h", "ь": "b", "к": "k", "м": "m",
    "т": "t", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ϲ": "c", "ո": "n", "ս": "u",
})
_LOOKALIKE_CHARS = "".join(chr(c) for c in _LOOKALIKE)
_MIXED_WORD = re.compile(rf"[a-z{_LOOKALIKE_CHARS}]*[{_LOOKALIKE_CHARS}][a-z{_LOOKALIKE_CHARS}]*")
_EMOJI_WORDS = {
    "💰": "money", "💵": "cash", "💸": "money", "🎥": "video", "📹": "video", "📷": "camera",
    "📸": "pics", "📱": "phone", "👮": "police", "🤫": "secret", "🔞": "adult", "❤": "love",
    "🍑": "nudes", "🍆": "nudes",
}
# (clock emoji stay: the deadline detector reads them as they are)
_EMOJI = re.compile("[" + "".join(_EMOJI_WORDS) + "]")
# three or more single letters or digits joined by one kind of separator: "v i d e o"
_SPACED = re.compile(r"(?<![\w.*_-])(\w)(?:([ .\-_*·•])\w)(?:\2\w)+(?![\w*_-]|\.\w)")
# A word with a leetspeak digit or sign and at least one letter. A leading "$" is a
# cashtag ("$lilmoney99", a payment signal), not leetspeak.
_LEET_TOKEN = re.compile(r"(?<![\w@$])(?=(?:[^\W_]|[@$])*[^\W\d_])(?=(?:[^\W_]|[@$])*[0134579@$8])"
                         r"(?:[^\W_]|@)(?:[^\W_]|[@$])*(?![\w@$])")
# numbers with a unit, which must stay numbers even where they decode to a word ("1st")
_NUMBER_WITH_UNIT = re.compile(r"\d*(?:1st|2nd|3rd)|\d+(?:th|am|pm|h|hrs?|min|k|x)")
_LOOKALIKE_HINT = re.compile(f"[{_LOOKALIKE_CHARS}]")
# one range from the lowest to the highest emoji: a class of the emoji themselves costs
# ``re`` a comparison with each of them at every character (5.6 against 1.1 us a message)
_EMOJI_HINT = re.compile(f"[{min(_EMOJI_WORDS)}-{max(_EMOJI_WORDS)}]")
_LEET_HINT = re.compile(r"[0134579@$8]")


# Quick tests that a text *may* hold a match, far cheaper than the patterns themselves.
def _may_hold_entity(text: str) -> bool:
    return "&" in text


def _may_hold_lookalike(text: str) -> bool:
    return not text.isascii() and _LOOKALIKE_HINT.search(text) is not None


def _may_hold_emoji(text: str) -> bool:
    return not text.isascii() and _EMOJI_HINT.search(text) is not None


def _may_hold_spacing(text: str) -> bool:
    return True


def _may_hold_leet(text: str) -> bool:
    return _LEET_HINT.search(text) is not None


#: the quick tests, in the order of ``unmask``'s passes
_MAY_HOLD = (_may_hold_entity, _may_hold_lookalike, _may_hold_emoji, _may_hold_spacing,
             _may_hold_leet)
_EMOJI_CHARS = "".join(_EMOJI_WORDS)


def _disguise_hints(text: str) -> int:
    """Bit k set where pass k of ``unmask`` may change ``text``: the C extension reads
    the text once for all five (its emoji, spacing and leetspeak bits are also narrower,
    set only where one of the emoji is, a spaced run can start or a word holds a
    leetspeak sign and a letter), else each quick test runs."""
    if _compiled is not None:
        return int(_compiled.disguise_hints(text, _LOOKALIKE_CHARS, _EMOJI_CHARS))
    return sum(1 << k for k, may_hold in enumerate(_MAY_HOLD) if may_hold(text))


_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                       "9": "g", "@": "a", "$": "s"})


def _matches_at(pattern: re.Pattern[str], text: str,
                starts: Iterable[int]) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, given every place (ascending) where a match could start."""
    found: list[re.Match[str]] = []
    resume = 0
    for start in starts:
        if start >= resume and (match := pattern.match(text, start)) is not None:
            found.append(match)
            resume = match.end()
    return found


def _leet_tokens(text: str) -> list[re.Match[str]]:
    """``_LEET_TOKEN``'s matches. It matches only whole runs of ``[\\w@$]`` that hold a
    leetspeak sign and a letter (and no "_", and do not start with "$"), so the C
    extension lists those runs and the pattern is tried at their starts alone, instead
    of at every position."""
    if _compiled is None:
        return list(_LEET_TOKEN.finditer(text))
    return _matches_at(_LEET_TOKEN, text, _compiled.leet_run_starts(text))


def _spaced_runs(text: str) -> list[re.Match[str]]:
    """``_SPACED``'s matches, tried only where the C extension finds its first five
    characters (a letter, a separator, a letter, the same separator, a letter)."""
    if _compiled is None:
        return list(_SPACED.finditer(text))
    return _matches_at(_SPACED, text, _compiled.spaced_run_starts(text))


def _substitute(view: NormalisedText, matches: Iterable[re.Match[str]],
                replace: Callable[[re.Match[str]], Replacement | None]) -> NormalisedText:
    """Rewrite every match (of ``view.text``, in order) that ``replace`` returns a
    replacement for."""
    pieces: list[str] = []
    starts: array[int] = array("i")
    ends: array[int] = array("i")
    last = 0
    for match in matches:
        replacement = replace(match)
        if replacement is None:
            continue
        pieces.append(view.text[last : match.start()])
        starts.extend(view.starts[last : match.start()])
        ends.extend(view.ends[last : match.start()])
        for char, start, end in replacement:
            pieces.append(char)
            starts.append(start)
            ends.append(end)
        last = match.end()
    if last == 0 and not pieces:
        return view
    pieces.append(view.text[last:])
    starts.extend(view.starts[last:])
    ends.extend(view.ends[last:])
    return NormalisedText("".join(pieces), starts, ends)


def _spread(view: NormalisedText, match: re.Match[str], text: str) -> Replacement:
    """``text`` stands for the whole match: every character points to the match's span."""
    start, end = view.original_span(match.start(), match.end())
    return [(char, start, end) for char in text]


def _rewritten(view: NormalisedText, matches: Iterable[re.Match[str]],
               replace: Callable[[re.Match[str]], str | None]) -> NormalisedText:
    """Rewrite every match that ``replace`` returns a text for, character for character
    (the text as long as the match): each character keeps its span, so the span maps stay
    as they are. What ``_substitute`` would make of the same replacements, without
    building the maps again (by hand, about half of ``unmask``'s time on the messages it
    changes)."""
    pieces: list[str] = []
    last = 0
    for match in matches:
        text = replace(match)
        if text is None:
            continue
        if len(text) != match.end() - match.start():
            raise ValueError("a rewrite character for character changed the length")
        pieces += (view.text[last : match.start()], text)
        last = match.end()
    if not pieces:
        return view
    pieces.append(view.text[last:])
    return NormalisedText("".join(pieces), view.starts, view.ends)


_EXTRA_SPACES = re.compile(r"^ +| +$|(?<= ) +")


def _compact_spaces(view: NormalisedText) -> NormalisedText:
    """Fold runs of spaces a rewrite left behind, and trim the ends."""
    text = view.text
    # ``_EXTRA_SPACES`` can match only where one of these holds (its ``$`` also before
    # a final line break), and ``re`` tries its three branches at every character: about
    # 20 us for each message a disguise was undone in, against 1-2 for the test (by hand)
    if not (text.startswith(" ") or "  " in text or text.endswith((" ", " \n"))):
        return view
    return _substitute(view, _EXTRA_SPACES.finditer(text), lambda m: [])


def unmask(view: NormalisedText) -> NormalisedText:
    """Undo disguises on normalised text: HTML entities, look-alike letters in Latin words,
    emoji that stand for words, letter spacing and dotting, leetspeak."""
    hints = _disguise_hints(view.text)  # most texts: no pass can change them
    if not hints:
        return view

    def entity(match: re.Match[str]) -> Replacement | None:
        decoded = html.unescape(match.group())
        if decoded == match.group():
            return None
        folded = unicodedata.normalize("NFKC", decoded).casefold()
        return _spread(view_now, match, folded.replace("\u00a0", " "))

    def lookalike(match: re.Match[str]) -> str | None:
        word = match.group()
        if not any("a" <= c <= "z" for c in word):
            return None  # a word wholly in another alphabet is a real word, not a disguise
        return word.translate(_LOOKALIKE)

    def emoji(match: re.Match[str]) -> Replacement:
        return _spread(view_now, match, f" {_EMOJI_WORDS[match.group()]} ")

    def spaced(match: re.Match[str]) -> Replacement:
        # "v i d e o" -> "video"; a run over several words ("i h a v e") is split back
        # into known words, each gap keeping the separator's place in the original
        separator = match.group(2)
        kept = [k for k, char in enumerate(match.group()) if char != separator]
        joined = "".join(match.group()[k] for k in kept)
        words = None if is_word(joined) else segment(joined)
        gaps: set[int] = set()
        if words:
            for length in itertools.accumulate(len(word) for word in words[:-1]):
                gaps.add(kept[length] - 1)
        return [(" " if k in gaps else match.group()[k], view_now.starts[match.start() + k],
                 view_now.ends[match.start() + k]) for k in sorted([*kept, *gaps])]

    def leet(match: re.Match[str]) -> str | None:
        # the C hint (_grams.c, leet_keeps) skips the pass where every token is kept by
        # the rules below that need no word list: change them there too
        token = match.group()
        if len(token) > 20 or token.startswith("0x"):
            return None
        decoded = token.translate(_LEET)
        letters = sum(c.isalpha() for c in token)
        if token[0].isdigit():  # "53nd", "7h47", or a number with a unit ("48h", "3rd")
            if (letters < 2 and len(token) < 4) or _NUMBER_WITH_UNIT.fullmatch(token) \
                    or not is_word(decoded):
                return None
        elif letters < 2 and not is_word(decoded):  # "p057" is "post", "a1" stays
            return None
        return decoded

    view_now = view
    # the look-alike and leetspeak passes rewrite character for character
    passes: tuple[tuple[Callable[[str], Iterable[re.Match[str]]],
                        Callable[[NormalisedText, list[re.Match[str]]], NormalisedText]], ...] = (
        (_ENTITY.finditer, functools.partial(_substitute, replace=entity)),
        (_MIXED_WORD.finditer, functools.partial(_rewritten, replace=lookalike)),
        (_EMOJI.finditer, functools.partial(_substitute, replace=emoji)),
        (_spaced_runs, functools.partial(_substitute, replace=spaced)),
        (_leet_tokens, functools.partial(_rewritten, replace=leet)))
    for number, (find, rewrite) in enumerate(passes):
        may_change = (hints >> number & 1 if view_now is view  # else a pass rewrote it
                      else _MAY_HOLD[number](view_now.text))
        if may_change and (matches := list(find(view_now.text))):
            view_now = rewrite(view_now, matches)
    return _compact_spaces(view_now) if view_now is not view else view


def normalise_text(text: str) -> str:
    """Return only the normalised string (what the model's vectorisers read)."""
    return normalise(text).text
