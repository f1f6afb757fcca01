"""The optional C extension changes speed only: every result is the pure-Python one."""

from __future__ import annotations

import csv
from array import array

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sextortion_triage import block_score, compiled, features, gram_counts, normalise
from sextortion_triage.model import load_model

pytestmark = pytest.mark.skipif(compiled.grams is None, reason="the C extension is not built")

any_code_points = st.text(st.characters(exclude_categories=()), max_size=200)


def _pure_fold(text: str, patch: pytest.MonkeyPatch) -> tuple[str, array[int], array[int]]:
    with patch.context() as inner:
        inner.setattr(normalise, "_compiled", None)
        view = normalise._base(text)
    return view.text, view.starts, view.ends


@settings(max_examples=300, deadline=None)
@given(any_code_points)
def test_characters_and_white_space_are_folded_as_in_python(text: str) -> None:
    view = normalise._base(text)
    assert (view.text, view.starts, view.ends) == _pure_fold(text, pytest.MonkeyPatch())


def test_a_folded_run_points_at_its_first_white_space() -> None:
    view = normalise._base("  a \n\u2003b  ")
    assert view.text == "a b"
    assert list(view.starts) == [2, 3, 6]
    assert list(view.ends) == [3, 4, 7]


def test_the_counters_refuse_what_is_not_text() -> None:
    counter = gram_counts.CharGramCounter((2, 4), ["ab"])
    with pytest.raises(TypeError, match="message 1 is not str"):
        counter.count(["ab", b"ab"])  # type: ignore[list-item]


def test_scores_signals_and_top_terms_are_the_same_without_the_extension(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][::40]
    bundle = load_model()
    with_extension = bundle.predict(texts)
    monkeypatch.setattr(gram_counts, "_grams", None)
    monkeypatch.setattr(block_score, "_grams", None)
    monkeypatch.setattr(normalise, "_compiled", None)
    fresh = type(bundle)(tuple(type(block)(block.name, block.ngram_range, block.idf,
                                           block.coef, block.terms)
                               for block in bundle.text_blocks),
                         bundle.signal_names, bundle.signal_coef, bundle.intercept,
                         bundle.calibration, bundle.metadata)
    without = fresh.predict(texts)
    # the extension sums the character block in another order: equal to the last bits
    assert [(p.top_terms, p.signals) for p in without] == \
        [(p.top_terms, p.signals) for p in with_extension]
    assert [p.probability for p in without] == pytest.approx(
        [p.probability for p in with_extension], rel=1e-12, abs=1e-15)


leetish = st.text(st.sampled_from([*"ab01345789@$_ -.x2é", "²", "①", "\u0663", "\ud800"]),
                  max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(leetish, any_code_points))
def test_leetspeak_tokens_are_found_where_the_pattern_alone_finds_them(text: str) -> None:
    found = [match.span() for match in normalise._leet_tokens(text)]
    assert found == [match.span() for match in normalise._LEET_TOKEN.finditer(text)]


spaced = st.text(st.sampled_from([*"ab1 .-_*x", "·", "•", "é", "\u0663", "\ud800"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(spaced, any_code_points))
def test_letter_spaced_runs_are_found_where_the_pattern_alone_finds_them(text: str) -> None:
    found = [match.span() for match in normalise._spaced_runs(text)]
    assert found == [match.span() for match in normalise._SPACED.finditer(text)]


disguised = st.lists(st.sampled_from([*"ab1 0.&;@$-_*x26", "&amp;", "а", "о", "ε", "💰", "🍑",
                                       "·", "é", "\u0663", "\ud800", "😂", "⏰"]),
                     max_size=40).map("".join)


def _pass_may_change(number: int, text: str) -> bool:
    """What the C hints stand for: pass ``number``'s quick test; for the emoji pass
    whether one of its emoji is in the text (not only a character in their range, as
    the quick test asks: "😂" is one, and most emoji are none of them), for the spacing
    pass (whose quick test takes every text) whether a spaced run can start anywhere, and
    for the leetspeak pass whether a word holds a leetspeak sign and a letter, which each
    must wherever the pass finds something."""
    if number == 2:
        holds_one = any(char in normalise._EMOJI_WORDS for char in text)
        assert holds_one == bool(normalise._EMOJI.search(text))
        return holds_one
    if number == 3:
        may_start = bool(compiled.grams.spaced_run_starts(text))
        assert may_start or not normalise._spaced_runs(text)
        return may_start
    if number == 4:
        tokens = [match.group() for match in normalise._LEET_TOKEN.finditer(text)]
        assert bool(compiled.grams.leet_run_starts(text)) == bool(tokens)
        return not all(map(_leet_keeps, tokens))
    return normalise._MAY_HOLD[number](text)


def _leet_keeps(token: str) -> bool:
    """The leetspeak pass's rules that keep an ASCII token as it is without the word list:
    over 20 characters or opening with "0x"; or opening with a digit and either under 4
    characters with under 2 letters, or a number with a unit."""
    if not token.isascii():
        return False
    if len(token) > 20 or token.startswith("0x"):
        return True
    letters = sum(c.isalpha() for c in token)
    return token[0].isdigit() and ((letters < 2 and len(token) < 4)
                                   or normalise._NUMBER_WITH_UNIT.fullmatch(token) is not None)


units = st.lists(st.sampled_from(["24h", "3pm", "1st", "22nd", "13rd", "40k", "12hrs", "10min",
                                  "5x", "2th", "0x1f", "3am4", "48hr", "9a", "h4x0r", "p0rn",
                                  "v1d30", "1337", "a1", "s3nd", "$300", "x" * 19 + "1", " ",
                                  ".", "_", "@", "é1"]), max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(units, leetish, disguised))
def test_texts_are_unmasked_alike_with_and_without_the_extension(text: str) -> None:
    view = normalise._base(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(normalise, "_compiled", None)
        plain = normalise._unmask_fully(view)
    unmasked = normalise._unmask_fully(view)
    assert (unmasked.text, unmasked.starts, unmasked.ends) == (plain.text, plain.starts,
                                                               plain.ends)


@settings(max_examples=300, deadline=None)
@given(st.one_of(disguised, any_code_points))
def test_disguise_hints_say_which_passes_may_change_a_text(text: str) -> None:
    hints = normalise._disguise_hints(text)
    assert [bool(hints >> k & 1) for k in range(5)] == [
        _pass_may_change(k, text) for k in range(5)]


def test_disguise_hints_agree_with_the_quick_tests_on_the_corpus() -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [normalise._base(row["text"]).text for row in csv.DictReader(handle)][::2]
    for text in texts:
        hints = normalise._disguise_hints(text)
        assert [bool(hints >> k & 1) for k in range(5)] == [
            _pass_may_change(k, text) for k in range(5)], text[:60]
    assert sum(normalise._disguise_hints(text) == 0 for text in texts) > len(texts) // 10


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(st.characters(exclude_categories=()), max_size=12),
                       st.lists(st.integers(-2**63, 2**63 - 1), max_size=5), max_size=3000),
       st.lists(st.text(st.characters(exclude_categories=()), max_size=12), max_size=50))
def test_a_word_table_holds_exactly_what_a_dict_would(
        words: dict[str, list[int]], others: list[str]) -> None:
    assert compiled.grams is not None
    table = compiled.grams.WordTable()
    for word, values in words.items():
        table.add(word, np.array(values, dtype=np.int64).tobytes())
    assert len(table) == len(words)
    for word in [*words, *others]:  # thousands of words: the slots grow several times
        found = table.get(word)
        if word in words:
            assert found is not None
            assert np.frombuffer(found, dtype=np.int64).tolist() == words[word]
        else:
            assert found is None


def test_a_word_table_refuses_a_word_twice_and_forgets_what_it_does_not_keep() -> None:
    assert compiled.grams is not None
    table = compiled.grams.WordTable()
    table.add("nudes", b"")
    with pytest.raises(KeyError):
        table.add("nudes", b"")
    with pytest.raises(ValueError, match="int64"):
        table.add("video", b"abc")
    with pytest.raises(TypeError):
        table.add(b"bytes", b"")  # type: ignore[arg-type]
    table.keep_frequent(0)
    assert len(table) == 0 and table.get("nudes") is None
    table.add("nudes", np.array([7], dtype=np.int64).tobytes())
    assert table.get("nudes") == np.array([7], dtype=np.int64).tobytes()


@pytest.mark.parametrize("limit", [500, 1_000_000])  # trimmed before the second call, or not
def test_words_remembered_from_earlier_calls_count_the_same(
        limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [normalise.normalise(row["text"]).text
                 for row in csv.DictReader(handle)][::5][:400]
    terms = sorted({gram for text in texts[::2] for gram in features.char_ngrams(text, (2, 5))})
    reference = gram_counts.StringGramCounter("chars", (2, 5), terms).count(texts[100:])
    monkeypatch.setattr(gram_counts, "WORD_MEMO_LIMIT", limit)
    monkeypatch.setattr(gram_counts, "WORD_MEMO_LIMIT_WITH_HYPERSCAN", limit)
    counter = gram_counts.CharGramCounter((2, 5), terms)
    counter.count(texts[:200])
    assert len(counter._words) > 500
    for ours, theirs in zip(counter.count(texts[100:]), reference, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    only_earlier = {w for t in texts[:100] for w in t.split()} - {
        w for t in texts[100:] for w in t.split()}
    forgotten = {word for word in only_earlier if counter._words.get(word) is None}
    assert bool(forgotten) == (limit == 500)


def test_a_full_word_memo_keeps_the_words_found_most_often(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gram_counts, "WORD_MEMO_LIMIT", 40)
    monkeypatch.setattr(gram_counts, "WORD_MEMO_LIMIT_WITH_HYPERSCAN", 40)
    counter = gram_counts.CharGramCounter((3, 5), ["nud", "send", "pay"])
    rare = [f"word{chr(ord('a') + n // 26)}{chr(ord('a') + n % 26)}" for n in range(60)]
    counter.count([" ".join(rare[:30])])  # added first, never found again
    for start in range(30, 60, 5):  # then the common words in every message, five rare ones
        counter.count([f"send nudes or pay {' '.join(rare[start:start + 5])}"])
    remembered = {word for word in ["send", "nudes", "or", "pay", *rare]
                  if counter._words.get(word) is not None}
    assert {"send", "nudes", "or", "pay"} <= remembered
    assert len(remembered) <= 40


def test_keeping_the_frequent_words_keeps_their_values_and_a_working_table() -> None:
    assert compiled.grams is not None
    table = compiled.grams.WordTable()
    values = {f"w{n}": np.arange(n % 5, dtype=np.int64).tobytes() for n in range(100)}
    for word, value in values.items():
        table.add(word, value)
    table.keep_frequent(30)  # none found yet: the 30 added first, as the tie-break says
    assert len(table) == 30
    assert all(table.get(f"w{n}") == values[f"w{n}"] for n in range(30))
    assert all(table.get(f"w{n}") is None for n in range(30, 100))
    table.add("w99", values["w99"])  # the slots were rebuilt: adding and finding still work
    assert table.get("w99") == values["w99"] and len(table) == 31
    with pytest.raises(ValueError, match="0 or more"):
        table.keep_frequent(-1)


def test_the_word_memo_is_larger_only_where_hyperscan_spares_the_memory_of_re2(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for hyperscan, limit in ((True, gram_counts.WORD_MEMO_LIMIT_WITH_HYPERSCAN),
                             (False, gram_counts.WORD_MEMO_LIMIT)):
        monkeypatch.setattr(gram_counts, "_hyperscan_runs_stand_ins", lambda h=hyperscan: h)
        assert gram_counts.word_memo_limit() == limit
    assert gram_counts.WORD_MEMO_LIMIT < gram_counts.WORD_MEMO_LIMIT_WITH_HYPERSCAN
