"""Signals: each detector's matches and non-matches, with spans in the original text."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sextortion_triage import wallets
from sextortion_triage.features import SIGNAL_PAIR_FEATURES, signal_feature_matrix
from sextortion_triage.signals import SIGNAL_NAMES, detect_signals, merge_spans
from sextortion_triage.wallets import find_wallets


def found(text: str, name: str) -> list[str]:
    """The original words of every ``name`` signal in ``text``."""
    return [s.text for s in detect_signals(text) if s.name == name]


# fmt: off
MATCHES = [
    # (signal, text, words it must report)
    ("payment_demand",    "send $300 now",                               ["$300"]),
    ("payment_demand",    "pay 1,500.50 eur today",                      ["pay 1,500.50 eur"]),
    ("payment_demand",    "put it on cash app or zelle",                 ["cash app", "zelle"]),
    ("payment_demand",    "buy 4 steam cards",                           ["steam cards"]),
    ("payment_demand",    "my cashtag is $lilmoney99",                   ["$lilmoney99"]),
    ("threat_to_share",   "I will send it to all your followers",        ["I will send it to all your followers"]),
    ("threat_to_share",   "or the video goes to your family",            ["goes to your family"]),
    ("threat_to_share",   "i will ruin your life",                       ["ruin your life"]),
    ("threat_to_share",   "or i post them",                              ["or i post them"]),
    ("contacts_leverage", "I have screenshots of your followers",        ["screenshots of your followers"]),
    ("contacts_leverage", "i know where you live",                       ["i know where you live"]),
    ("recording_claim",   "I recorded you on the video call",            ["recorded", "video call"]),
    ("recording_claim",   "my malware took over your webcam",            ["malware", "webcam"]),
    ("intimate_content",  "i have ur nudes",                             ["nudes"]),
    ("intimate_content",  "your explicit video",                         ["explicit video"]),
    ("deadline",          "you have 24 hours",                           ["you have 24 hours"]),
    ("deadline",          "pay by tonight",                              ["by tonight"]),
    ("deadline",          "clock is ticking ⏰",                          ["clock is ticking", "⏰"]),
    ("minor_indicator",   "ur only 15 lol",                              ["ur only 15"]),
    ("minor_indicator",   "your school will see it",                     ["your school"]),
    ("minor_indicator",   "a 14 year old",                               ["14 year old"]),
    ("secrecy",           "dont tell anyone about this",                 ["dont tell anyone"]),
    ("secrecy",           "if you block me it's over",                   ["if you block"]),
]
NO_MATCHES = [
    ("payment_demand",    "see you at the party tonight"),
    ("threat_to_share",   "I sent the holiday photos"),
    ("contacts_leverage", "my friends are coming over"),
    ("recording_claim",   "the weather is nice"),
    ("intimate_content",  "a private dinner"),
    ("deadline",          "it was a lovely day"),
    ("minor_indicator",   "I'm 15 minutes late"),
    ("minor_indicator",   "the meeting is at 15:00"),
    ("secrecy",           "tell everyone the good news"),
]
# fmt: on


@pytest.mark.parametrize(("name", "text", "words"), MATCHES)
def test_detector_finds_its_words(name: str, text: str, words: list[str]) -> None:
    assert found(text, name) == words


@pytest.mark.parametrize(("name", "text"), NO_MATCHES)
def test_detector_stays_silent(name: str, text: str) -> None:
    assert found(text, name) == []


def test_spans_point_into_the_original_text_after_normalisation() -> None:
    text = "Ｉ ｈａｖｅ ｕｒ ＮＵ\u200bＤＥＳ, send ＄５００"
    for signal in detect_signals(text):
        assert text[signal.start : signal.end] == signal.text
    assert found(text, "intimate_content") == ["ＮＵ\u200bＤＥＳ"]


def test_every_signal_name_is_stable_and_listed() -> None:
    assert SIGNAL_NAMES == (
        "payment_demand", "crypto_wallet", "threat_to_share", "contacts_leverage",
        "recording_claim", "intimate_content", "deadline", "minor_indicator", "conditional_threat",
        "secrecy",
    )


# fmt: off
WALLETS = [
    # (string, coin, checksum verdict)
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",         "bitcoin",  True),   # legacy, valid
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",         "bitcoin",  False),  # one character off
    ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",         "bitcoin",  True),   # P2SH, valid
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bitcoin",  True),   # bech32, valid
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp", "bitcoin",  False),  # bech32, bad checksum
    ("0x" + "a1" * 20,                             "ethereum", None),   # shape only
]
# fmt: on


@pytest.mark.parametrize(("address", "coin", "valid"), WALLETS)
def test_wallet_shapes_and_checksums(address: str, coin: str, valid: bool | None) -> None:
    text = f"send it to {address} today"
    (match,) = list(find_wallets(text))
    assert (match.coin, match.checksum_valid) == (coin, valid)
    assert text[match.start : match.end] == address


def test_wallet_signal_says_whether_the_checksum_is_valid() -> None:
    (valid,) = [s for s in detect_signals("pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
                if s.name == "crypto_wallet"]
    (invalid,) = [s for s in detect_signals("pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")
                  if s.name == "crypto_wallet"]
    assert "valid checksum" in valid.detail
    assert "not valid" in invalid.detail


def test_a_word_inside_a_longer_string_is_not_a_wallet() -> None:
    assert list(find_wallets("x1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")) == []


def test_overlapping_matches_of_one_signal_are_merged() -> None:
    text = "pay within 24 hours"  # "within 24 hours" and "24 hours" overlap
    spans = [(s.start, s.end) for s in detect_signals(text) if s.name == "deadline"]
    assert spans == [(4, 19)]


def test_a_bare_amount_after_send_is_a_payment_demand() -> None:
    assert found("send 200 on cashapp", "payment_demand") == ["send 200", "cashapp"]


def test_everyone_sees_it_is_a_threat_to_share() -> None:
    assert found("or everyone sees it", "threat_to_share") == ["everyone sees"]


# fmt: off
CONDITIONAL = [
    ("send 200 or everyone sees it",                                  ["or everyone sees"]),
    ("withdraw the claim or the tapes we made go to your children",   ["or the tapes we made go to your"]),
    ("If its not in my account Im uploading the pics",                ["If its not in my account Im uploading"]),
    ("do you want pizza or should we go out tonight",                 []),
    ("tea or coffee, and send the photos to grandma",                 []),
]
# fmt: on


@pytest.mark.parametrize(("text", "words"), CONDITIONAL)
def test_conditional_threat_ties_a_demand_to_a_consequence(text: str, words: list[str]) -> None:
    assert found(text, "conditional_threat") == words


pieces_of_text = st.lists(st.one_of(
    st.sampled_from([address for address, _, _ in WALLETS]
                    + ["LTC1", "ltc1", "T", "M", "4A", "8B", "0x", "1", "3", "bc1"]),
    st.text(alphabet="0123456789abcdefABCDEFLMTxqzlOI", min_size=1, max_size=12),
    st.sampled_from(["hour", "days", "to", "send", "now", "24", "300", "all", "Ok"]),
), max_size=12)
separators = st.sampled_from([" ", "-", " - ", "\n", ".", "\u200b", "  "])


@settings(max_examples=300, deadline=None)
@given(pieces_of_text, st.data())
def test_whole_address_finders_find_what_their_patterns_find(
        pieces: list[str], data: st.DataObject) -> None:
    text = "".join(piece + data.draw(separators) for piece in pieces)
    for pattern, finder in [*((p, f) for (_, p, _), (_, f, _) in
                              zip(wallets._SHAPES, wallets._SHAPE_FINDERS, strict=True)),
                            (wallets._BECH32, wallets._BECH32_FINDER),
                            (wallets._ETHEREUM, wallets._ETHEREUM_FINDER)]:
        assert [m.span() for m in finder.finditer(text)] == [
            m.span() for m in pattern.finditer(text)]


_B58 = wallets._B58
#: runs around every length a shape allows (Monero's 95, and its "0" second character)
wallet_like_runs = st.builds(
    lambda start, body: start + body,
    st.sampled_from(["1", "3", "T", "L", "M", "4A", "80", "8", "bc1", "BC1", "ltc1", "LTC1",
                     "0x", "bC1", "Ltc1", ""]),
    st.one_of(st.text(alphabet=_B58, min_size=10, max_size=36),
              st.text(alphabet=_B58, min_size=91, max_size=95),
              st.text(alphabet="0123456789abcdefABCDEF", min_size=38, max_size=42),
              st.text(alphabet=_B58 + "0OIl", min_size=1, max_size=12)))
wallet_hint_texts = st.lists(st.one_of(
    wallet_like_runs, st.sampled_from([a for a, _, _ in WALLETS] + ["&", "&#97;", "é", "ß1",
                                                                    "hour", "x"])),
    max_size=8)
wallet_separators = st.sampled_from([" ", "-", " - ", "\n", ".", "\u200b", "·", "\u2013",
                                     "", ",", "é", "_"])


@pytest.mark.skipif(wallets._grams is None, reason="the C extension is not built")
@settings(max_examples=400, deadline=None)
@given(wallet_hint_texts, st.data())
def test_the_c_extension_reads_the_wallet_hints_as_their_patterns_do(
        pieces: list[str], data: st.DataObject) -> None:
    text = "".join(data.draw(wallet_separators) + piece for piece in pieces)
    expected = (re.search(wallets.WHOLE_HINT, text) is not None,
                re.search(wallets.SPLIT_HINT, text) is not None)
    assert wallets.may_hold_each([text]) == [expected]


@pytest.mark.skipif(wallets._grams is None, reason="the C extension is not built")
def test_the_c_extension_reads_the_wallet_hints_as_their_patterns_do_at_every_length() -> None:
    # every start, whole and split, a body of each length from 8 to 99 characters
    texts = []
    for start in ["1", "3", "L", "M", "T", "4A", "40", "8B", "80", "bc1", "BC1", "ltc1",
                  "LTC1", "0x"]:
        alphabet = "0123456789abcdef" if start == "0x" else _B58
        for length in range(8, 100):
            body = (alphabet * 7)[3 : 3 + length]
            texts += [f"pay {start}{body} now", f"{start} {body[:5]}-{body[5:]}.",
                      f"x{start}{body}", f"{start}{body}0"]
    expected = [(re.search(wallets.WHOLE_HINT, text) is not None,
                 re.search(wallets.SPLIT_HINT, text) is not None) for text in texts]
    assert wallets.may_hold_each(texts) == expected
    assert sum(whole for whole, _ in expected) > 100  # the shapes were there to find


#: the first piece of a split address as one pattern, its branches opening with classes
_SPLIT_START_AS_WRITTEN = re.compile(
    rf"(?<![0-9A-Za-z])(?:[13][{wallets._B58_CHARS}]*|[48][0-9AB][{wallets._B58_CHARS}]{{2,}}"
    rf"|(?:bc1|BC1|ltc1|LTC1)[0-9A-Za-z]*|0x[0-9a-fA-F]*"
    rf"|[LMT][a-z]*[0-9A-Z][{wallets._B58_CHARS}]*)(?={wallets._SEPARATOR}[0-9A-Za-z])")


@settings(max_examples=300, deadline=None)
@given(pieces_of_text, st.data())
def test_split_address_starts_are_found_where_the_pattern_as_written_finds_them(
        pieces: list[str], data: st.DataObject) -> None:
    text = "".join(data.draw(separators) + piece for piece in pieces)
    assert [m.span() for m in wallets._SPLIT_START.finditer(text)] == [
        m.span() for m in _SPLIT_START_AS_WRITTEN.finditer(text)]


def _bech32_polymod_as_in_bip_173(hrp: str, data: list[int]) -> int:
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate((0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)):
            if (top >> i) & 1:
                check ^= gen
    return check


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="bcltBCLT", min_size=1, max_size=4),
       st.lists(st.integers(0, 31), max_size=90))
def test_bech32_checksum_is_bip_173s(hrp: str, data: list[int]) -> None:
    assert wallets.bech32_polymod(hrp, data) == _bech32_polymod_as_in_bip_173(hrp, data)


def test_a_finder_is_made_only_of_a_pattern_that_opens_with_a_look_behind() -> None:
    with pytest.raises(ValueError, match="look-behind"):
        wallets._Unpreceded.of(re.compile(r"\b0x[0-9a-f]{40}"))


@settings(max_examples=300, deadline=None)
@given(pieces_of_text, st.data())
def test_split_addresses_are_found_whether_or_not_hopeless_joins_are_skipped(
        pieces: list[str], data: st.DataObject) -> None:
    # _SHORTEST and _BASE58_ONLY only save work: with them emptied, every join is tried
    text = "".join(piece + data.draw(separators) for piece in pieces)
    found = list(find_wallets(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wallets, "_SHORTEST", {})
        patch.setattr(wallets, "_BASE58_ONLY", "")
        assert found == list(find_wallets(text))


@pytest.mark.parametrize(("address", "coin", "valid"), WALLETS)
def test_every_shape_split_in_pieces_is_one_wallet(address: str, coin: str,
                                                   valid: bool | None) -> None:
    text = f"send to {address[:6]} {address[6:14]} {address[14:]} now"
    (match,) = list(find_wallets(text))
    assert (match.coin, match.checksum_valid, match.pieces) == (coin, valid, 3)


def test_merging_keeps_the_first_detail_and_orders_by_start_end_and_name() -> None:
    spans = [(4, 10, "deadline", "first"), (0, 3, "payment_demand", "pay"),
             (6, 19, "deadline", "second"), (0, 3, "crypto_wallet", "wallet")]
    assert merge_spans(spans) == [(0, 3, "crypto_wallet", "wallet"),
                                  (0, 3, "payment_demand", "pay"), (4, 19, "deadline", "first")]


def test_signal_features_count_merged_signals_and_pair_intimate_ones() -> None:
    spans = [[(0, 3, "payment_demand", ""), (5, 9, "payment_demand", ""),
              (10, 12, "intimate_content", "")], [], [(0, 2, "deadline", "")]]
    matrix = signal_feature_matrix(spans, pairs=True)
    assert matrix.shape == (3, len(SIGNAL_PAIR_FEATURES))
    row = dict(zip(SIGNAL_PAIR_FEATURES, matrix[0], strict=True))
    assert row["payment_demand"] == math.log1p(2)
    assert row["intimate_content"] == math.log1p(1)
    assert row["intimate_and_payment_demand"] == 1.0
    assert row["intimate_and_deadline"] == 0.0
    assert not matrix[1].any()
    assert matrix[2, SIGNAL_PAIR_FEATURES.index("intimate_and_deadline")] == 0.0
    assert signal_feature_matrix(spans).shape == (3, len(SIGNAL_NAMES))
