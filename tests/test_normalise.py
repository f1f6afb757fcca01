"""Normalisation: NFKC, case folding, invisible characters, white space, and the span map."""

from __future__ import annotations

import re
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sextortion_triage import normalise as normalise_module
from sextortion_triage.normalise import normalise, normalise_text

# fmt: off
CASES = [
    ("Send $300 NOW",                  "send $300 now"),        # case folding
    ("Ｓｅｎｄ ＄３００",                  "send $300"),            # full-width forms (NFKC)
    ("re\u200bcor\u200dded",           "recorded"),             # zero-width space and joiner
    ("nu\u00addes",                    "nudes"),                # soft hyphen
    ("\ufeffhello",                    "hello"),                # byte-order mark
    ("  a \t\n\n b  ",                 "a b"),                  # white-space runs
    ("STRASSE Straße",                 "strasse strasse"),      # full case folding
    ("cafe\u0301",                     "café"),                 # combining mark composed
    ("𝐧𝐮𝐝𝐞𝐬",                           "nudes"),                # mathematical bold letters
    ("a\x00b\x07c",                    "abc"),                  # control characters dropped
    ("",                               ""),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalised_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(("raw", "_"), CASES)
def test_normalising_twice_changes_nothing(raw: str, _: str) -> None:
    once = normalise_text(raw)
    assert normalise_text(once) == once


def _original_of(raw: str, word: str) -> str:
    """The part of ``raw`` that ``word`` in its normalised text came from."""
    view = normalise(raw)
    start = view.text.index(word)
    begin, end = view.original_span(start, start + len(word))
    return raw[begin:end]


def test_spans_map_back_to_the_original_characters() -> None:
    assert _original_of("I  RE\u200bCORDED you", "recorded") == "RE\u200bCORDED"


def test_every_normalised_character_has_an_original_span() -> None:
    raw = "Ｈｉ\u200b there ﬁne"
    normalised = normalise(raw)
    assert len(normalised.starts) == len(normalised.ends) == len(normalised.text)
    assert all(0 <= s < e <= len(raw) for s, e in zip(normalised.starts, normalised.ends, strict=False))


def test_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        normalise("abc").original_span(2, 9)


def test_non_text_is_refused() -> None:
    with pytest.raises(TypeError, match="bytes"):
        normalise(b"abc")  # type: ignore[arg-type]


# fmt: off
FAST_PATH_CASES = [
    "I have ur pics 😈🔥 send £300 now",        # emoji and a currency sign
    "“Curly quotes” and – dashes…",              # typographic punctuation
    "Grüße aus Köln, Straße",                    # letters that fold (ß is not one-to-one)
    "ΣΊΣΥΦΟΣ and Ǆ",                              # Greek final sigma, a title-case digraph
    "e\u0301 combining and ｆｕｌｌ",             # combining mark and full-width letters
    "non\u00a0breaking\u2003spaces\u3000here",   # unusual white space
    "Straße\u200b und ﬁnal…",                     # longer (ß, ﬁ, …) and a dropped one
    "É\x00t\x1fé\x7f ¨ ǅ",                         # controls; NFKC writing a space (¨)
    "\u200bΣ\ufe0f\u034f x",                         # invisible ones, nothing around
]
# fmt: on


@pytest.mark.parametrize("text", FAST_PATH_CASES)
def test_fast_paths_give_exactly_what_the_general_path_gives(text: str) -> None:
    from sextortion_triage.normalise import _normalise_slow

    assert normalise(text) == _normalise_slow(text)


#: characters each fast path treats in its own way: visible ASCII, white space, controls,
#: letters that fold longer or differently under NFKC, invisible ones, combining marks
_TRICKY = st.sampled_from([*"aZ 9.", "\t", "\n", "\x00", "\x1f", "\x7f", "\xa0", "\u3000",
                           *"éÉßẞİΣςǅﬁ…¨½ｆ𝐧", "\u200b", "\ufe0f", "\u034f", "\u0301", "😈"])


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=40))
def test_per_character_folding_gives_what_the_general_path_gives(text: str) -> None:
    from sextortion_triage.normalise import _normalise_unicode, _per_character

    assert _per_character(text) in (None, _normalise_unicode(text))
    assert normalise(text) == normalise_module._normalise_slow(text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=40) | st.text(max_size=40))
def test_the_c_loop_folds_every_character_as_the_python_one(text: str) -> None:
    if normalise_module._compiled is None:
        pytest.skip("the C extension is not built here")
    assert normalise_module._folded_by_character(text) == normalise_module._per_character(text)


def test_the_c_loop_finishes_when_another_thread_empties_its_memo(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = normalise_module._compiled
    if real is None:
        pytest.skip("the C extension is not built here")

    class EmptiedEachTime:  # every read of the shared memo finds it emptied just before
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def fold_characters(self, text: str, foldings: dict[str, str | None]) -> object:
            if foldings is normalise_module._FOLDED_TEXT:
                foldings.clear()
            return real.fold_characters(text, foldings)

    monkeypatch.setattr(normalise_module, "_compiled", EmptiedEachTime())
    text = "ÉTÉ à Straße\u200b 😈"
    assert normalise_module._folded_by_character(text) == normalise_module._per_character(text)


def test_only_combining_marks_and_folded_white_space_need_the_general_path() -> None:
    from sextortion_triage.normalise import _per_character

    assert _per_character("Straße\u200b und ﬁnal… É\x00t") is not None
    assert _per_character("cafe\u0301") is None  # the mark joins the "e" before it
    assert _per_character("a ¨ b") is None        # NFKC writes a space and a mark


@pytest.mark.parametrize("memo", ["_FOLDINGS", "_FOLDED_TEXT"])  # Python's path, C's
def test_the_folding_memo_stays_bounded(memo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if memo == "_FOLDINGS":
        monkeypatch.setattr(normalise_module, "_compiled", None)
    elif normalise_module._compiled is None:
        pytest.skip("the C extension is not built here")
    monkeypatch.setattr(normalise_module, "_FOLDINGS_LIMIT", 3)
    getattr(normalise_module, memo).clear()
    for char in "éèêëà":
        normalise(char)
    assert 0 < len(getattr(normalise_module, memo)) <= 3
    assert normalise("ÉTÉ à") == normalise_module._normalise_slow("ÉTÉ à")


# fmt: off
UNMASKED = [
    # (disguised, normalised) - each line one kind of disguise, then what must stay as it is
    ("I have your &#110;udes &amp; the vid&eacute;o",  "i have your nudes & the vidéo"),   # HTML entities
    ("I hаve yоur nudеs",                              "i have your nudes"),               # Cyrillic in Latin words
    ("ѕеnd the ρhοtοs",                                "send the photos"),                 # Greek and Cyrillic
    ("pay the 💰 or the 📸 go out",                     "pay the money or the pics go out"),  # emoji for words
    ("s e n d the v i d e o",                          "send the video"),                  # letter spacing
    ("I h a v e y o u r v i d e o",                    "i have your video"),               # ... over several words
    ("x q z v b",                                      "xqzvb"),                           # ... of no known words
    ("your p.o.r.n and s-e-x tape",                    "your porn and sex tape"),          # dots and dashes
    ("send b1tc0in for the n00dz",                     "send bitcoin for the noodz"),      # leetspeak
    ("53nd it 0nly 4fter 7h47, p057 it",               "send it only after that, post it"),  # ... from a digit
    ("by the 1st, 3rd or 22nd, 10am, 5min, 1000, 50",  "by the 1st, 3rd or 22nd, 10am, 5min, 1000, 50"),
    ("привет мир",                                     "привет мир"),                      # a real Cyrillic phrase
    ("48hrs 24h $300 $lilmoney99 e.g. 10.5.2024",      "48hrs 24h $300 $lilmoney99 e.g. 10.5.2024"),
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",     "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),  # wallets
    ("&amp;amp; twice",                                "& twice"),                         # nested disguise
]
# fmt: on


@pytest.mark.parametrize(("disguised", "expected"), UNMASKED)
def test_disguises_are_undone_and_everything_else_is_left_alone(disguised: str,
                                                                expected: str) -> None:
    assert normalise_text(disguised) == expected


def test_unmasked_words_still_point_at_the_disguised_original() -> None:
    raw = "send the v i d e o and &#110;udes"
    assert _original_of(raw, "video") == "v i d e o"
    assert _original_of(raw, "nudes") == "&#110;udes"


def test_leetspeak_and_look_alikes_are_undone_character_for_character() -> None:
    raw = "p4y th3 m0ney оr I p05t"  # the "о" of "оr" is Cyrillic
    view = normalise(raw)
    assert view.text == "pay the money or i post"
    assert list(view.starts) == list(range(len(raw)))
    assert list(view.ends) == list(range(1, len(raw) + 1))


def test_a_rewrite_character_for_character_may_not_change_the_length() -> None:
    view = normalise("p4y now")
    with pytest.raises(ValueError, match="changed the length"):
        normalise_module._rewritten(view, list(re.finditer("now", view.text)), lambda m: "no")


def test_a_spaced_run_split_into_words_keeps_every_word_on_its_letters() -> None:
    raw = "I h a v e y o u r v i d e o"
    view = normalise(raw)
    spans = [view.original_span(m.start(), m.end()) for m in re.finditer(r"\S+", view.text)]
    assert [raw[start:end] for start, end in spans] == ["I", "h a v e", "y o u r", "v i d e o"]


_DISGUISE_ALPHABET = list("abcxyz019@$&#;. é") + list(normalise_module._EMOJI_WORDS) + list(
    normalise_module._LOOKALIKE_CHARS[:6]) + ["⌛", "€", "\u2763", "\U0001f4c8"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_DISGUISE_ALPHABET), max_size=30))
def test_the_quick_tests_before_each_disguise_pattern_never_skip_a_match(text: str) -> None:
    n = normalise_module
    for pattern, may_hold in ((n._ENTITY, n._may_hold_entity),
                              (n._MIXED_WORD, n._may_hold_lookalike),
                              (n._EMOJI, n._may_hold_emoji),
                              (n._LEET_TOKEN, n._may_hold_leet)):
        if pattern.search(text):
            assert may_hold(text), pattern.pattern[:40]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from([" ", "a", "\n", "é"]), max_size=12))
def test_spaces_are_compacted_only_where_the_pattern_finds_extra_ones(text: str) -> None:
    n = normalise_module
    view = n.NormalisedText(text, array("i", range(len(text))), array("i", range(1, len(text) + 1)))
    by_pattern = n._substitute(view, n._EXTRA_SPACES.finditer(text), lambda m: [])
    compacted = n._compact_spaces(view)
    assert (compacted.text, compacted.starts, compacted.ends) == (
        by_pattern.text, by_pattern.starts, by_pattern.ends)
