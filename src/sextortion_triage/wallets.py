"""Crypto wallet addresses: find wallet-shaped strings and check their checksums.

Base58Check (Bitcoin legacy and P2SH, Litecoin, Tron) and Bech32/Bech32m (SegWit
``bc1``/``ltc1``) carry checksums, so a real address can be told from a string that
merely has the right shape. Ethereum and Monero are reported by shape only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["WalletMatch", "bech32_polymod", "find_wallets"]

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
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(generator):
            if (top >> i) & 1:
                check ^= gen
    return check


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


def find_wallets(text: str) -> Iterator[WalletMatch]:
    """Yield every wallet-shaped string in ``text``, with checksum verdicts where possible.

    >>> [m.coin for m in find_wallets("send to 0x" + "ab" * 20)]
    ['ethereum']
    """
    for coin, pattern, versions in _SHAPES:
        for match in pattern.finditer(text):
            valid: bool | None = None
            if versions is not None:
                valid = _base58check_version(match.group()) in versions
            yield WalletMatch(coin, match.start(), match.end(), valid)
    for match in _BECH32.finditer(text):
        coin = "litecoin" if match.group().lower().startswith("ltc") else "bitcoin"
        yield WalletMatch(coin, match.start(), match.end(), _bech32_valid(match.group()))
    for match in _ETHEREUM.finditer(text):
        yield WalletMatch("ethereum", match.start(), match.end(), None)
