"""Hyperscan says which messages each signal pattern may match, as RE2 does, in one pass."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest

from conftest import CORPUS
from sextortion_triage import fastscan, hyperscan_set, prefilter
from sextortion_triage.normalise import normalise
from sextortion_triage.signal_batch import _scan_patterns

pytest.importorskip("hyperscan")
re2 = pytest.importorskip("re2")


def _corpus_pieces(limit: int = 1200) -> tuple[list[str], list[bytes]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [normalise(row["text"]).text for row in csv.DictReader(handle)][::4][:limit]
    return texts, [text.encode("utf-8", "surrogatepass") for text in texts]


def test_every_message_a_pattern_matches_is_a_candidate_as_with_re2() -> None:
    _, scans = _scan_patterns()
    fast_set, places = fastscan._hyperscan_set(tuple(scans))
    assert fast_set is not None and len(places) == len(scans)
    texts, pieces = _corpus_pieces()
    found = fast_set.matching(pieces)
    batch = fastscan._RE2Batch.of(texts)
    split = 0
    for number, place in places.items():
        pattern = scans[number].original
        matched = {i for i, text in enumerate(texts) if pattern.search(text)}
        assert matched <= set(found[place]), pattern.pattern[:60]
        if len(fastscan._hyperscan_source(pattern.pattern) or "") > hyperscan_set.LONGEST_PATTERN:
            split += 1  # a formula of pieces: a looser or tighter net than RE2's, never a hole
            continue
        loose = re2.compile(prefilter.loosen(pattern.pattern, boundaries=False))
        assert set(found[place]) == {i for i, _ in prefilter.candidates(
            loose, batch.joined, batch.starts, batch.ends)}, pattern.pattern[:60]
    assert split == 3


def test_hyperscan_stand_ins_keep_no_word_boundary() -> None:
    # Hyperscan 5.4 missed "or i send it" 22 bytes into a message with the boundaries
    # that RE2's stand-ins keep; without them it finds it (and RE2 keeps them safely)
    _, scans = _scan_patterns()
    sources = [fastscan._hyperscan_source(scan.original.pattern) for scan in scans]
    assert all(source is not None and "\\b" not in source for source in sources)
    message = [b"x" * 30 + b" or i send it"]
    source = r"(?:\bi'?ll|\bi'?m going to|\bor i|\bi can) (?:just )?send it"
    stand_in = hyperscan_set.HyperscanSet.compile([prefilter.loosen(source, boundaries=False)])
    assert stand_in.matching(message) == [[0]]


def test_a_stand_in_too_long_for_hyperscan_goes_in_as_a_formula_of_pieces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    long_list = "(?:" + "|".join(f"word{n:04d}" for n in range(2000)) + ")"
    sources = ("pay", long_list + "[^.!?\\n]*(?:family|friends)")
    assert len(sources[1]) > hyperscan_set.LONGEST_PATTERN
    messages = [b"word1234 goes to your family", b"word1234. family", b"family word1234",
                b"word9999 and family", b"pay family"]
    hyperscan_set.stand_in_set.cache_clear()
    compiled = hyperscan_set.stand_in_set(sources)
    hyperscan_set.stand_in_set.cache_clear()
    loaded = hyperscan_set.stand_in_set(sources)  # the formula survives the cache file
    assert compiled is not None and loaded is not None and loaded is not compiled
    assert compiled.matching(messages) == loaded.matching(messages) == [[4], [0, 1, 2]]


def test_the_compiled_set_is_kept_in_the_cache_folder_and_read_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    sources = ("pay", "nudes|pics", "[0-9]{3}")
    hyperscan_set.stand_in_set.cache_clear()
    compiled = hyperscan_set.stand_in_set(sources)
    assert compiled is not None and len(list(tmp_path.glob("hyperscan-*.db"))) == 1
    hyperscan_set.stand_in_set.cache_clear()
    loaded = hyperscan_set.stand_in_set(sources)
    messages = [b"pay 300", b"send pics", b"hello", b""]
    assert loaded is not None and loaded is not compiled
    assert loaded.matching(messages) == compiled.matching(messages) == [[0], [1], [0]]


def test_an_unreadable_cached_set_is_compiled_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    sources = ("video",)
    hyperscan_set.stand_in_set.cache_clear()
    hyperscan_set.stand_in_set(sources)
    for path in tmp_path.glob("hyperscan-*.db"):
        path.write_bytes(b"not a database")
    hyperscan_set.stand_in_set.cache_clear()
    again = hyperscan_set.stand_in_set(sources)
    assert again is not None and again.matching([b"a video", b"audio"]) == [[0]]


def test_each_thread_scans_with_its_own_scratch() -> None:
    fast_set = hyperscan_set.HyperscanSet.compile(["pay", "post"])
    pieces = [b"pay now", b"i will post", b"nothing"] * 2000
    results: list[list[list[int]]] = []
    threads = [threading.Thread(target=lambda: results.append(fast_set.matching(pieces)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [list(range(0, 6000, 3)), list(range(1, 6000, 3))]
    assert results == [expected] * 4


def test_without_hyperscan_re2_finds_the_same_wallet_hints(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sextortion_triage.wallets import SPLIT_HINT, WHOLE_HINT

    texts = ["send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1 hour left", "hi &amp; bye",
             "nothing here"] * 100
    fast = fastscan.may_match_each([WHOLE_HINT, SPLIT_HINT], texts)
    monkeypatch.setattr(hyperscan_set, "available", lambda: False)
    assert fastscan.may_match_each([WHOLE_HINT, SPLIT_HINT], texts) == fast


def test_a_set_that_hyperscan_refuses_is_remembered_as_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    sources = ("(pay)\\1",)  # a back-reference: Hyperscan refuses it
    attempts: list[tuple[str, ...]] = []
    compile_set = hyperscan_set.HyperscanSet.compile

    def counted(found_sources: tuple[str, ...]) -> hyperscan_set.HyperscanSet:
        attempts.append(found_sources)
        return compile_set(found_sources)

    monkeypatch.setattr(hyperscan_set.HyperscanSet, "compile", counted)
    hyperscan_set.stand_in_set.cache_clear()
    assert hyperscan_set.stand_in_set(sources) is None
    hyperscan_set.stand_in_set.cache_clear()
    assert hyperscan_set.stand_in_set(sources) is None  # a second process: no second try
    hyperscan_set.stand_in_set.cache_clear()
    assert attempts == [sources]
