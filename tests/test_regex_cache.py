"""Compiled patterns read back from the cache behave exactly like freshly compiled ones."""

from __future__ import annotations

import marshal
import os
import re
from pathlib import Path

import pytest

from sextortion_triage import regex_cache

SOURCES = {"demand": r"\b(?:pay|send) (?:me )?\$?\d+\b", "named": r"(?P<word>nudes?)\b"}
TEXT = "send me $300 now or the nudes go out; pay 50. repay 20"


def _compile(tmp_path: Path, inputs: list[Path]) -> dict[str, re.Pattern[str]]:
    return regex_cache.compiled("test", inputs, lambda: dict(SOURCES))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(folder))
    return folder


def test_a_second_start_reads_the_cache_and_matches_the_same(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.py"
    source.write_text("v1")
    first = _compile(tmp_path, [source])
    assert len(list(cache.iterdir())) == 1
    built = []
    second = regex_cache.compiled("test", [source], lambda: built.append(1) or dict(SOURCES))
    assert built == []  # nothing rebuilt: read from the cache
    for key, pattern in SOURCES.items():
        fresh = re.compile(pattern)
        assert [m.span() for m in second[key].finditer(TEXT)] == \
            [m.span() for m in fresh.finditer(TEXT)] == [m.span() for m in first[key].finditer(TEXT)]
        assert second[key].groupindex == fresh.groupindex
    assert regex_cache.known_min_width(SOURCES["named"]) == 4


def test_a_changed_source_file_builds_again(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.py"
    source.write_text("v1")
    _compile(tmp_path, [source])
    source.write_text("v2")
    built = []
    regex_cache.compiled("test", [source], lambda: built.append(1) or dict(SOURCES))
    assert built == [1]


def test_a_damaged_cache_file_is_ignored(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.py"
    source.write_text("v1")
    _compile(tmp_path, [source])
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not a cache")
    patterns = _compile(tmp_path, [source])
    assert patterns["demand"].search(TEXT)


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", "off")
    assert regex_cache.cache_folder() is None
    source = tmp_path / "words.py"
    source.write_text("v1")
    assert _compile(tmp_path, [source])["demand"].search(TEXT)


def test_a_cache_file_is_named_by_its_kind_and_key_and_absent_when_caching_is_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", str(tmp_path))
    path = regex_cache.cache_file("prefixes", ".marshal", "a", "b")
    assert path is not None and path.parent == tmp_path and path.name.startswith("prefixes-")
    assert path == regex_cache.cache_file("prefixes", ".marshal", "a", "b")
    assert path != regex_cache.cache_file("prefixes", ".marshal", "ab")  # parts stay apart
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", "off")
    assert regex_cache.cache_file("prefixes", ".marshal", "a", "b") is None


def _counted_build(calls: list[int], value: object) -> object:
    calls.append(1)
    return value


def test_a_derived_value_is_built_once_and_read_back_by_later_processes(cache: Path) -> None:
    calls: list[int] = []
    value = ["stand-in", None, ("a", 1)]
    for _ in range(2):
        assert regex_cache.derived("test", ["key"], lambda: _counted_build(calls, value),
                                   lambda stored: isinstance(stored, list)) == value
    assert calls == [1] and len(list(cache.glob("test-*.marshal"))) == 1


def test_a_derived_value_is_built_again_for_other_code_or_a_stored_value_that_fails_its_check(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def derive() -> object:
        return regex_cache.derived("test", ["key"], lambda: _counted_build(calls, [1]),
                                   lambda stored: stored == [1])

    derive()
    for path in cache.glob("test-*.marshal"):
        path.write_bytes(b"\x00not marshal")
    assert derive() == [1]  # unreadable
    for path in cache.glob("test-*.marshal"):
        path.write_bytes(marshal.dumps([2]))
    assert derive() == [1]  # readable, but not what the check accepts
    monkeypatch.setattr(regex_cache, "code_digest", lambda: "other code")
    assert derive() == [1]
    assert len(calls) == 4


def test_nothing_derived_is_written_when_the_cache_is_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTORTION_TRIAGE_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    assert regex_cache.derived("test", ["key"], lambda: [1], lambda stored: True) == [1]
    assert not list(tmp_path.rglob("test-*"))



def test_nothing_derived_is_kept_where_the_package_s_code_cannot_be_read(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "code_digest", lambda: "")
    assert regex_cache.derived("test", ["key"], lambda: [1], lambda stored: True) == [1]
    assert not list(cache.glob("test-*"))


def test_the_cache_folder_keeps_under_its_limit_by_dropping_what_was_used_least_recently(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "CACHE_LIMIT", 3500)
    paths = [cache / f"part-{number}.bin" for number in range(3)]
    for age, path in enumerate(paths):
        regex_cache.write_cache_file(path, b"x" * 1000)
        os.utime(path, (1000.0 + age, 1000.0 + age))  # written in this order, long ago
    regex_cache.read_cache_file(paths[0])  # used just now: the oldest is now paths[1]
    newest = cache / "part-new.bin"
    regex_cache.write_cache_file(newest, b"y" * 1000)
    assert sorted(path.name for path in cache.iterdir()) == [
        "part-0.bin", "part-2.bin", "part-new.bin"]


def test_a_file_larger_than_the_limit_is_still_kept_once_written(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "CACHE_LIMIT", 100)
    regex_cache.write_cache_file(cache / "old.bin", b"x" * 50)
    regex_cache.write_cache_file(cache / "big.bin", b"y" * 1000)
    assert [path.name for path in cache.iterdir()] == ["big.bin"]
