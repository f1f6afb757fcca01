"""Seeded disguises that senders use to slip past filters, for measuring robustness.

Each kind rewrites a message the way evasive senders do: look-alike letters from other
alphabets, invisible characters, soft hyphens, letter spacing, dots or dashes between
letters, leetspeak, emoji for words, wallet addresses split in pieces, HTML entities.
``perturb(text, kind, seed)`` is a pure function of its arguments, so an evaluation
that uses it can be repeated exactly.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .wallets import find_wallets

__all__ = ["KINDS", "perturb"]

# Latin letter -> a look-alike from Cyrillic, Greek, full-width or mathematical alphabets
_LOOKALIKES = {
    "a": "аαａ𝐚", "c": "сϲｃ𝐜", "e": "еεｅ𝐞", "i": "іιｉ𝐢", "o": "оοｏ𝐨", "p": "рρｐ𝐩",
    "s": "ѕｓ𝐬", "x": "хχｘ𝐱", "y": "уγｙ𝐲", "n": "ոｎ𝐧", "d": "ԁｄ𝐝", "u": "υｕ𝐮",
    "t": "τｔ𝐭", "k": "κｋ𝐤", "b": "Ьｂ𝐛", "h": "һｈ𝐡", "m": "ｍ𝐦", "r": "ｒ𝐫", "v": "ν𝐯",
}
_INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "b": "8", "g": "9"}
_EMOJI = {"money": "💰", "cash": "💵", "video": "🎥", "camera": "📷", "photo": "📸",
          "photos": "📸", "pics": "📸", "pic": "📸", "phone": "📱", "time": "⏰",
          "hours": "⏳", "police": "👮", "secret": "🤫", "love": "❤️", "fire": "🔥"}
# whole words of four letters or more, in any alphabet: senders disguise words, never a
# piece of a word or of a wallet address (which would no longer take a payment)
_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
_ENTITIES = {"a": "&#97;", "e": "&#101;", "o": "&#x6f;", " ": "&nbsp;", "&": "&amp;",
             "'": "&#39;", "s": "&#115;"}


def _some_words(text: str, rng: random.Random, share: float,
                change: Callable[[str], str]) -> str:
    """Apply ``change`` to about ``share`` of the words of four letters or more."""
    def replace(match: re.Match[str]) -> str:
        return change(match.group()) if rng.random() < share else match.group()

    return _WORD.sub(replace, text)


def _homoglyphs(text: str, rng: random.Random) -> str:
    def swap(word: str) -> str:
        return "".join(rng.choice(_LOOKALIKES[c.lower()]) if c.lower() in _LOOKALIKES
                       and rng.random() < 0.5 else c for c in word)
    return _some_words(text, rng, 0.6, swap)


def _invisible(text: str, rng: random.Random) -> str:
    def split(word: str) -> str:
        cut = rng.randrange(1, len(word))
        return word[:cut] + rng.choice(_INVISIBLES) + word[cut:]
    return _some_words(text, rng, 0.6, split)


def _soft_hyphens(text: str, rng: random.Random) -> str:
    return _some_words(text, rng, 0.6, lambda w: "\u00ad".join(w))


def _letter_spacing(text: str, rng: random.Random) -> str:
    return _some_words(text, rng, 0.4, lambda w: " ".join(w))


def _dotted(text: str, rng: random.Random) -> str:
    return _some_words(text, rng, 0.4, lambda w: rng.choice(".-_*").join(w))


def _leetspeak(text: str, rng: random.Random) -> str:
    def leet(word: str) -> str:
        return "".join(_LEET.get(c.lower(), c) if rng.random() < 0.6 else c for c in word)
    return _some_words(text, rng, 0.6, leet)


def _emoji_words(text: str, rng: random.Random) -> str:
    pattern = re.compile(r"\b(" + "|".join(sorted(_EMOJI, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
    return pattern.sub(lambda m: _EMOJI[m.group().lower()], text)


def _split_wallets(text: str, rng: random.Random) -> str:
    pieces = []
    last = 0
    for match in find_wallets(text):
        address = text[match.start : match.end]
        cut = rng.randrange(4, len(address) - 4)
        pieces += [text[last : match.start], address[:cut], rng.choice([" ", " - ", "\n"]),
                   address[cut:]]
        last = match.end
    return "".join([*pieces, text[last:]])


def _html_entities(text: str, rng: random.Random) -> str:
    return "".join(_ENTITIES[c] if c in _ENTITIES and rng.random() < 0.4 else c for c in text)


KINDS: dict[str, Callable[[str, random.Random], str]] = {
    "homoglyphs": _homoglyphs,
    "invisible": _invisible,
    "soft_hyphens": _soft_hyphens,
    "letter_spacing": _letter_spacing,
    "dotted": _dotted,
    "leetspeak": _leetspeak,
    "emoji_words": _emoji_words,
    "split_wallets": _split_wallets,
    "html_entities": _html_entities,
}


def perturb(text: str, kind: str, seed: int = 0) -> str:
    """Disguise ``text`` in one way; the same arguments always give the same result.

    >>> perturb("send the money now", "letter_spacing", seed=3) == perturb(
    ...     "send the money now", "letter_spacing", seed=3)
    True
    >>> perturb("pay the money", "emoji_words")
    'pay the 💰'
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    return KINDS[kind](text, random.Random(f"{seed}:{kind}:{text}"))
