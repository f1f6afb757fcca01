"""The C extension finds the wallet addresses that ``wallets.py``'s patterns and join loop
find: the same matches, in the same order, with the same checksum verdicts."""

from __future__ import annotations

import csv
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import wallets
from sextortion_triage.compiled import grams

pytestmark = pytest.mark.skipif(grams is None, reason="the C extension is not built")

#: addresses whose checksums are valid (Bitcoin's first address, BIP 13's P2SH and
#: BIP 173's and BIP 350's examples) and shapes that are not
VALID = ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
         "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
         "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"]
SHAPES = ["LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
          "ltc1qg82tq5tc5vfqxf7jktsjwu6nz6dp4gzg7ym7u7", "0x" + "ab12" * 10,
          "4" + "A" + "x9" * 46 + "z", "LTC1QG82TQ5TC5VFQXF7JKTSJWU6NZ6DP4GZG7YM7U7"]
#: what may stand between an address's pieces (``wallets._SEPARATOR``), and what may not
JOINING = [" ", "  ", "-", " - ", ".", "\n", "\r\n", "\u200b", "\u00a0", "·", "\u2013", "\t",
           "\u00ad", " ."]
SEPARATORS = [*JOINING, "\r", "- -", ",", "&amp;"]
FRAGMENTS = ["1", "3", "4", "8", "40", "4A", "bc1", "BC1", "ltc1", "LTC1", "0x", "T", "L", "M",
             "Lab", "TRX", "Tm0", "hour", "pay", "to", "é", "0", "O", "I", "l", "_", "Qm9x",
             "fi2DMPTf", "DivfNa", "ab12cd34", "zzzzzzzzzzzzzzzzzzzzzzzzzz"]


@st.composite
def cut(draw: st.DrawFn, address: str, separators: list[str] = SEPARATORS,
        first: int = 1) -> str:
    """``address`` broken into pieces (the first at least ``first`` long), one of
    ``separators`` between each two."""
    places = sorted(draw(st.sets(st.integers(first, len(address) - 1), max_size=6)))
    pieces = [address[a:b] for a, b in zip([0, *places], [*places, len(address)], strict=True)]
    joined = pieces[0]
    for piece in pieces[1:]:
        joined += draw(st.sampled_from(separators)) + piece
    return joined


def any_piece(draw: st.DrawFn) -> str:
    address = draw(st.sampled_from(VALID + SHAPES))
    return draw(st.one_of(st.just(address), cut(address),
                          st.integers(0, len(address)).map(lambda k: address[:k]),
                          st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)))


TEXTS = st.lists(st.composite(any_piece)(), max_size=14).map("".join)


def _in_python(text: str, whole: bool = True, split: bool = True
               ) -> tuple[list[wallets.WalletMatch], list[wallets.WalletMatch]]:
    return (list(wallets._whole_wallets(text)) if whole else [],
            list(wallets._split_wallets(text)) if split else [])


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_generated_texts_give_the_same_matches(text: str) -> None:
    assert wallets._found_in_c(text, whole=True, split=True) == _in_python(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(VALID), st.data())
def test_a_valid_address_cut_anywhere_is_found_alike(address: str, data: st.DataObject) -> None:
    # a split address opens with its whole prefix ("bc1"), then anything goes
    text = f"send it to {data.draw(cut(address, JOINING, first=4))} now"
    found = wallets._found_in_c(text, whole=True, split=True)
    assert found == _in_python(text)
    assert any(match.checksum_valid for match in found[0] + found[1])


def test_the_corpus_gives_the_same_matches() -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    with_wallets = 0
    for text in texts:
        for whole, split in ((True, True), (True, False), (False, True)):
            expected = _in_python(text, whole, split)
            assert wallets._found_in_c(text, whole=whole, split=split) == expected, text[:80]
        with_wallets += bool(expected[0] or expected[1])
    assert with_wallets > 40


def test_one_word_like_piece_in_four_is_allowed() -> None:
    text = "to 0x abcd ef12 3456 beef 7890 a1b2 c3d4 e5f6 0a1b 2c3d now"  # 11 pieces, 2 words
    found = wallets._found_in_c(text, whole=True, split=True)
    assert found == _in_python(text)
    assert [(m.coin, m.pieces) for m in found[1]] == [("ethereum", 11)]
    fewer = text.replace("ef12", "efab")  # 3 word-like pieces
    assert wallets._found_in_c(fewer, whole=True, split=True) == ([], []) == _in_python(fewer)


@pytest.mark.parametrize("address", VALID)
def test_valid_checksums_are_valid_and_one_changed_character_is_not(address: str) -> None:
    changed = address[:-1] + ("q" if address[-1] != "q" else "p")
    verdicts = [match.checksum_valid for found in wallets._found_in_c(
        f"{address} and {changed}", whole=True, split=False) for match in found]
    assert verdicts == [True, False]


def test_sha256_is_the_standard_one() -> None:
    assert grams is not None
    for size in [*range(0, 130), 1000]:
        data = bytes((7 * k + size) % 256 for k in range(size))
        assert grams.wallet_sha256(data) == hashlib.sha256(data).digest()
