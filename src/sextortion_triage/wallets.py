"""Crypto wallet addresses: find wallet-shaped strings and check their checksums.

Base58Check (Bitcoin legacy and P2SH, Litecoin, Tron) and Bech32/Bech32m (SegWit
``bc1``/``ltc1``) carry checksums, so a real address can be told from a string that
merely has the right shape. Ethereum and Monero are reported by shape only.

Senders also break an address into pieces so that filters miss it: ``bc1q ar0s rrr7
...``, ``1A1zP1eP5Q-Gefi2DMPTf-TL5SLmv7DivfNa``, one half per line. Pieces separated by
spaces, dashes, dots or a line break are joined and kept when the joined string is one
address shape and either its checksum is valid, or every piece (bar one in four) looks
like code rather than a word, each at least four characters long. A sentence of short
words therefore never joins into an address.

The C extension finds the same matches, with the same verdicts (``_wallet_find.h``);
the Python below runs without it, and is what the tests compare it with.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .compiled import grams as _grams

__all__ = ["WalletMatch", "bech32_polymod", "find_wallets", "find_wallets_in_markup",
           "may_hold_each"]

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
_B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3


@dataclass(frozen=True, slots=True)
class WalletMatch:
    """A wallet-shaped string: its coin, span, and whether its checksum is valid."""

    coin: str
    start: int
    end: int
    checksum_valid: bool | None  # None where the coin's format has no checksum we check
    pieces: int = 1  # more than one: the address was split, ``start:end`` covers every piece


def _base58check_version(address: str) -> int | None:
    """Return the version byte of a valid Base58Check string, else None."""
    number = 0
    for char in address:
        number = number * 58 + _B58_INDEX[char]
    leading_zeros = len(address) - len(address.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    raw = b"\x00" * leading_zeros + body
    if len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload[0]


def bech32_polymod(hrp: str, data: list[int]) -> int:
    """The BIP-173 checksum polynomial over a human-readable part and 5-bit values."""
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    check = 1
    for value in values:
        check = (check & 0x1FFFFFF) << 5 ^ value ^ _BECH32_STEP[check >> 25]
    return check


def _bech32_step(top: int) -> int:
    """What the five bits shifted out of the checksum add back: the generators that
    ``top``'s bits pick, XORed (one table lookup a value instead of five tests)."""
    step = 0
    for i, gen in enumerate((0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)):
        if (top >> i) & 1:
            step ^= gen
    return step


_BECH32_STEP = tuple(_bech32_step(top) for top in range(32))


def _bech32_valid(address: str) -> bool:
    """True when ``address`` is a Bech32 or Bech32m string with a valid checksum."""
    if address.lower() != address and address.upper() != address:
        return False
    address = address.lower()
    hrp, _, data = address.rpartition("1")
    if not hrp or len(data) < 6 or any(c not in _B32 for c in data):
        return False
    return bech32_polymod(hrp, [_B32.index(c) for c in data]) in (_BECH32_CONST,
                                                                  _BECH32M_CONST)


_B58_CHARS = "1-9A-HJ-NP-Za-km-z"
_SHAPES: tuple[tuple[str, re.Pattern[str], dict[int, str] | None], ...] = (
    # (coin, pattern, Base58Check version byte -> coin; None for other checks)
    ("bitcoin", re.compile(rf"(?<![{_B58_CHARS}])[13][{_B58_CHARS}]{{25,34}}(?![{_B58_CHARS}])"),
     {0x00: "bitcoin", 0x05: "bitcoin"}),
    ("litecoin", re.compile(rf"(?<![{_B58_CHARS}])[LM][{_B58_CHARS}]{{26,33}}(?![{_B58_CHARS}])"),
     {0x30: "litecoin", 0x32: "litecoin"}),
    ("tron", re.compile(rf"(?<![{_B58_CHARS}])T[{_B58_CHARS}]{{33}}(?![{_B58_CHARS}])"),
     {0x41: "tron"}),
    ("monero", re.compile(rf"(?<![{_B58_CHARS}])[48][0-9AB][{_B58_CHARS}]{{93}}(?![{_B58_CHARS}])"),
     None),
)
_BECH32 = re.compile(r"(?<![0-9A-Za-z])(?:bc1|BC1|ltc1|LTC1)[0-9A-Za-z]{11,71}(?![0-9A-Za-z])")
_ETHEREUM = re.compile(r"(?<![0-9A-Za-z])0x[0-9a-fA-F]{40}(?![0-9A-Za-z])")


#: the shortest whole address (bc1 and 11 more) is a run of 14 letters and digits
_LONG_RUN = re.compile(r"[0-9A-Za-z]{14}")


@dataclass(frozen=True)
class _Unpreceded:
    """``finditer`` of a pattern that opens with a negative look-behind of one class,
    ``(?<![...])body``, found faster: ``re`` tries such a pattern at every position,
    while ``body`` alone, which opens with its own characters, is skipped to where it
    can start. The look-behind is checked by hand there, and on a miss the search goes
    on one character later, as the pattern's own search would."""

    body: re.Pattern[str]
    before: re.Pattern[str]  # the look-behind's class

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> _Unpreceded:
        found = re.fullmatch(r"\(\?<!(\[[^\]]+\])\)(.+)", pattern.pattern, re.DOTALL)
        if found is None:
            raise ValueError("the pattern does not open with a look-behind of one class")
        return cls(re.compile(found.group(2), pattern.flags),
                   re.compile(found.group(1), pattern.flags))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        position = 0
        while (match := self.body.search(text, position)) is not None:
            start = match.start()
            if start and self.before.match(text, start - 1):
                position = start + 1
                continue
            yield match
            position = max(match.end(), start + 1)


_SHAPE_FINDERS = tuple((coin, _Unpreceded.of(pattern), versions)
                       for coin, pattern, versions in _SHAPES)
_BECH32_FINDER = _Unpreceded.of(_BECH32)
_ETHEREUM_FINDER = _Unpreceded.of(_ETHEREUM)


def _whole_wallets(text: str) -> Iterator[WalletMatch]:
    if _LONG_RUN.search(text) is None:  # one fast scan instead of six slow ones
        return
    for coin, finder, versions in _SHAPE_FINDERS:
        for match in finder.finditer(text):
            valid: bool | None = None
            if versions is not None:
                valid = _base58check_version(match.group()) in versions
            yield WalletMatch(coin, match.start(), match.end(), valid)
    for match in _BECH32_FINDER.finditer(text):
        coin = "litecoin" if match.group().lower().startswith("ltc") else "bitcoin"
        yield WalletMatch(coin, match.start(), match.end(), _bech32_valid(match.group()))
    for match in _ETHEREUM_FINDER.finditer(text):
        yield WalletMatch("ethereum", match.start(), match.end(), None)


def _identify(address: str) -> tuple[str, bool | None] | None:
    """The coin and checksum verdict of a string that is exactly one address shape."""
    for coin, pattern, versions in _SHAPES:
        if pattern.fullmatch(address):
            return coin, None if versions is None else _base58check_version(address) in versions
    if _BECH32.fullmatch(address):
        coin = "litecoin" if address.lower().startswith("ltc") else "bitcoin"
        return coin, _bech32_valid(address)
    if _ETHEREUM.fullmatch(address):
        return "ethereum", None
    return None


# ------------------------------------------------------------------ split addresses
# white space, and the invisible characters senders slip in (zero-width, soft hyphen)
_SPACE = " \t\u00a0\u2009\u202f\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SEPARATOR = rf"(?:[{_SPACE}]*(?:\r?\n|[-.\u2010-\u2015·])[{_SPACE}]*|[{_SPACE}]+)"
# The first piece: the start of a supported shape, followed by a separator and a piece.
# (A word such as "The" or "Mom" cannot start Litecoin or Tron: those need a digit or a
# capital after their first letter.)
# Each branch opens with one literal character ("1...|3..." rather than "[13]..."), in the
# order of the shapes: then ``re`` skips ahead to the characters a first piece can start
# with (it cannot for a branch that opens with a class), and the look-behind is checked
# by ``_Unpreceded`` there. Searching the pattern as a whole tried every position: about
# 15 us of the 25-40 that a message the split hint lets through cost.
_SPLIT_FIRST = "(?:" + "|".join([
    *(rf"{c}[{_B58_CHARS}]*" for c in "13"),
    *(rf"{c}[0-9AB][{_B58_CHARS}]{{2,}}" for c in "48"),
    *(rf"{prefix}[0-9A-Za-z]*" for prefix in ("bc1", "BC1", "ltc1", "LTC1")),
    "0x[0-9a-fA-F]*",
    *(rf"{c}[a-z]*[0-9A-Z][{_B58_CHARS}]*" for c in "LMT"),
]) + ")"
_SPLIT_START = _Unpreceded.of(
    re.compile(rf"(?<![0-9A-Za-z]){_SPLIT_FIRST}(?={_SEPARATOR}[0-9A-Za-z])"))
_NEXT_PIECE = re.compile(rf"{_SEPARATOR}([0-9A-Za-z]+)")
#: What a text holds wherever ``find_wallets_in_markup`` finds a whole address: an HTML
#: entity's "&" or the address's shape (the shapes themselves, look-arounds and all: a
#: batch's Hyperscan or RE2 pass loosens them, ``prefilter.py``). A batch skips each
#: finder in the messages its hint (this, or ``SPLIT_HINT``) misses: a German compound
#: has a long run of letters but no address's shape.
WHOLE_HINT = "|".join(["&", *(pattern.pattern for _, pattern, _ in _SHAPES), _BECH32.pattern,
                       _ETHEREUM.pattern])
_PREFIXES = ("bc1", "ltc1", "0x")
_MIN_PIECE = 4


def _longest(first_piece: str) -> int:
    """The longest address that can start with ``first_piece``."""
    lowered = first_piece.lower()
    if lowered.startswith(("bc1", "ltc1")):
        return 90
    if lowered.startswith("0x"):
        return 42
    return 95 if first_piece[0] in "48" else 35


#: The shortest address a join starting with this character can be: bitcoin 26, Bech32
#: 14 ("bc1" and 11) or 15 ("ltc1" and 11), litecoin 27, tron 34, monero 95, ethereum
#: 42. A shorter join cannot be identified, so ``_split_wallets`` does not try.
_SHORTEST = {"1": 26, "3": 26, "b": 14, "B": 14, "l": 15, "L": 15, "M": 27, "T": 34,
             "4": 95, "8": 95, "0": 42}


_ANY_SEPARATORS = rf"[{_SPACE}\r\n\-.\u2010-\u2015·]*"
#: What a text holds wherever ``find_wallets_in_markup`` finds a split address: an "&",
#: or the start of an address (after no letter or digit) followed by as many more of its
#: characters as the shortest address of that start has, with any separators between
#: them (a whole address matches too). "1 hour to pay" has a start and a separator but is
#: far too short for an address.
SPLIT_HINT = "|".join(["&", *(
    rf"(?:^|[^0-9A-Za-z]){start}(?:{_ANY_SEPARATORS}[{characters}]){{{_SHORTEST[first] - size}}}"
    for start, first, size, characters in (
        ("[13]", "1", 1, _B58_CHARS), ("T", "T", 1, _B58_CHARS), ("[LM]", "M", 1, _B58_CHARS),
        ("[48][0-9AB]", "4", 2, _B58_CHARS), ("(?:bc1|BC1)", "b", 3, "0-9A-Za-z"),
        ("(?:ltc1|LTC1)", "l", 4, "0-9A-Za-z"), ("0x", "0", 2, "0-9a-fA-F")))])


def may_hold_each(texts: Sequence[str]) -> list[tuple[bool, bool]] | None:
    """For each text, whether ``WHOLE_HINT`` and ``SPLIT_HINT`` find anything in it: so
    whether it may hold a whole and a split address. The C extension reads each text
    once for both (``_wallet_hints.h``): 1.5-2.2 us a message, where RE2's passes over
    the batch had taken 3.0-4.5 (by hand; Hyperscan refuses the split hint). None
    without the extension."""
    if _grams is None:
        return None
    found = _grams.wallet_hints(list(texts))
    return [(bool(hints & 1), bool(hints & 2)) for hints in found]


#: First characters that only Base58 shapes start (Bitcoin legacy and P2SH, Tron): an
#: address that starts there is Base58 up to its end, and must end in the last piece.
_BASE58_ONLY = "13T"
_B58_SET = frozenset(_B58)


def _looks_like_code(piece: str) -> bool:
    """A digit, or a capital after the first character: "fi2DMPTf", "DivfNa", not "Mom"."""
    return any(c.isdigit() for c in piece) or any(c.isupper() for c in piece[1:])


def _unambiguous(pieces: list[str]) -> bool:
    """Pieces that cannot be ordinary words, for a join whose checksum does not vouch.

    A Bech32 join must also have a standard length (P2WPKH, or P2WSH and Taproot), so
    that the first pieces of a longer string do not pass for it. Its letters are not
    checked, as the whole-address shape does not check them either: a made-up address
    is still a demand to pay into it.
    """
    joined = "".join(pieces).lower()
    if joined.startswith(("bc1", "ltc1")) and len(joined) - joined.index("1") - 1 not in (39, 59):
        return False
    if any(len(p) < _MIN_PIECE and not (i == 0 and p.lower() in _PREFIXES)
           for i, p in enumerate(pieces)):
        return False
    wordlike = sum(not _looks_like_code(p) for p in pieces if p.lower() not in _PREFIXES)
    return wordlike <= max(1, len(pieces) // 4)


def _identify_join(pieces: list[str]) -> tuple[str, bool | None, int] | None:
    """Coin, checksum verdict and unused tail length of the address the pieces form.

    Like the whole-address shapes, a Base58 address may end where a character Base58
    lacks begins ("...Ja1Eb0S"); that end must lie in the last piece, or the last piece
    would not be part of the address.
    """
    joined = "".join(pieces)
    found = _identify(joined)
    if found is not None:
        return (*found, 0)
    for coin, pattern, versions in _SHAPES:
        match = pattern.match(joined)
        if match is not None and match.end() > len(joined) - len(pieces[-1]):
            valid = None if versions is None else _base58check_version(match.group()) in versions
            return coin, valid, len(joined) - match.end()
    return None


def _split_wallets(text: str) -> Iterator[WalletMatch]:
    """Addresses broken into two or more pieces, each reported once over all its pieces."""
    resume = 0
    for first in _SPLIT_START.finditer(text):
        if first.start() < resume:
            continue
        pieces, end, longest = [first.group()], first.end(), _longest(first.group())
        shortest = _SHORTEST.get(first.group()[0], 0)
        base58_only = first.group()[0] in _BASE58_ONLY
        length, best = len(first.group()), None
        while (piece := _NEXT_PIECE.match(text, end)) is not None:
            if base58_only and not _B58_SET.issuperset(pieces[-1]):
                break  # a character Base58 lacks, inside the address: no longer join fits
            length += len(piece.group(1))
            if length > longest:
                break
            pieces.append(piece.group(1))
            end = piece.end()
            if length < shortest:  # "1 hour to pay": no address is that short
                continue
            found = _identify_join(pieces)
            if found is None:
                continue
            coin, valid, left_over = found
            if valid or _unambiguous(pieces):
                best = WalletMatch(coin, first.start(), end - left_over, valid, len(pieces))
                if valid:
                    break
        if best is not None:
            resume = best.end
            yield best


#: the coins as ``_grams.find_wallet_matches`` numbers them, and its checksum verdicts
_COINS = ("bitcoin", "litecoin", "tron", "monero", "ethereum")
_VERDICTS: dict[int, bool | None] = {-1: None, 0: False, 1: True}


def _found_in_c(text: str, *, whole: bool, split: bool
                ) -> tuple[list[WalletMatch], list[WalletMatch]] | None:
    """``_whole_wallets`` and ``_split_wallets`` as lists, found by the C extension
    (``_wallet_find.h``: the same matches, in the same order), or None without it. By
    hand, a batch's wallets took 9 us a message in Python."""
    if _grams is None:
        return None
    wholes, splits = _grams.find_wallet_matches(text, whole, split)
    return _as_matches(wholes), _as_matches(splits)


def _as_matches(found: list[tuple[int, int, int, int, int]]) -> list[WalletMatch]:
    return [WalletMatch(_COINS[coin], start, end, _VERDICTS[verdict], pieces)
            for coin, start, end, verdict, pieces in found]


def _overlap(a: WalletMatch, b: WalletMatch) -> bool:
    return a.start < b.end and b.start < a.end


def find_wallets(text: str, *, whole: bool = True, split: bool = True
                 ) -> Iterator[WalletMatch]:
    """Yield every wallet-shaped string in ``text`` in order, with checksum verdicts where
    possible; an address split into pieces is one match spanning all of them.

    ``whole=False`` or ``split=False`` skip looking for whole or split addresses, for a
    caller that knows there are none (``WHOLE_HINT`` or ``SPLIT_HINT`` does not match).

    >>> [m.coin for m in find_wallets("send to 0x" + "ab" * 20)]
    ['ethereum']
    >>> [(m.pieces, m.checksum_valid) for m in find_wallets("1A1zP1eP5Q Gefi2DMPTfTL5SLmv7DivfNa")]
    [(2, True)]
    """
    found = _found_in_c(text, whole=whole, split=split)
    if found is None:
        found = (list(_whole_wallets(text)) if whole else [],
                 list(_split_wallets(text)) if split else [])
    wholes, joins = found
    # A split join wins over a whole piece it contains only when its checksum is valid
    # (a long first piece can itself look like a whole, invalid address).
    splits = [s for s in joins
              if not any(_overlap(s, w) and (w.checksum_valid or not s.checksum_valid)
                         for w in wholes)]
    kept = [w for w in wholes if not any(_overlap(w, s) for s in splits)]
    yield from sorted(kept + splits, key=lambda m: (m.start, m.end))


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def find_wallets_in_markup(text: str, *, whole: bool = True, split: bool = True
                           ) -> Iterator[WalletMatch]:
    """:func:`find_wallets`, reading HTML entities as the characters they stand for.

    Senders write an address's letters as entities (``&#97;``, ``&#x62;``) so that it
    is not one run of letters in the source; spans still point into ``text``.

    >>> text = "to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN&#97; now"
    >>> [(m.checksum_valid, text[m.start : m.end][-5:]) for m in find_wallets_in_markup(text)]
    [(True, '&#97;')]
    """
    if "&" not in text or _ENTITY.search(text) is None:
        yield from find_wallets(text, whole=whole, split=split)
        return
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for entity in _ENTITY.finditer(text):
        decoded = html.unescape(entity.group())
        pieces += [text[last : entity.start()], decoded]
        starts += [*range(last, entity.start()), *[entity.start()] * len(decoded)]
        ends += [*range(last + 1, entity.start() + 1), *[entity.end()] * len(decoded)]
        last = entity.end()
    pieces.append(text[last:])
    starts += range(last, len(text))
    ends += range(last + 1, len(text) + 1)
    for match in find_wallets("".join(pieces)):
        yield dataclasses.replace(match, start=starts[match.start], end=ends[match.end - 1])
