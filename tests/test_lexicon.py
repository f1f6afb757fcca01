"""The word list that undoes disguises hiding word boundaries: how it is built and read."""

from __future__ import annotations

from sextortion_triage.lexicon import is_word, lexicon_text, segment


def test_the_lexicon_keeps_words_used_in_two_messages_and_common_one_letter_words() -> None:
    messages = ["send the video.", "send it, the «video»!", "once only", "a m0ney", "a m0ney"]
    counts = dict(line.split("\t") for line in lexicon_text(messages).splitlines())
    # "once" and "only" are in one message, "a" needs 100, "m0ney" is not all letters
    assert counts == {"send": "2", "the": "2", "video": "2"}


def test_a_one_letter_word_used_in_a_hundred_messages_is_kept() -> None:
    counts = dict(line.split("\t") for line in lexicon_text(["i did"] * 100).splitlines())
    assert counts == {"i": "100", "did": "100"}


def test_the_shipped_lexicon_knows_common_words_of_every_language() -> None:
    for word in ("send", "video", "schicken", "envoyer", "enviar", "inviare", "sturen"):
        assert is_word(word), word


def test_segment_finds_the_likeliest_split_into_known_words() -> None:
    assert segment("sendmethemoney") == ["send", "me", "the", "money"]
    assert segment("ihaveyourvideo") == ["i", "have", "your", "video"]


def test_segment_refuses_single_words_unknown_letters_and_fragments() -> None:
    assert segment("video") is None  # already one word
    assert segment("qxzvvqk") is None  # no known words
    assert segment("ieseo") is None  # only one- and two-letter pieces: not several words
