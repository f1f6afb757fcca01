"""Large regular expressions compiled once per machine, the way Python caches bytecode.

The other-language signal patterns are about 200 kB of regular expression; building them
from the word lists and compiling them with Python's pure-Python regex compiler takes
about a second, which a victim would wait for on every ``check``. So the compiled form
(the regex engine's code words, which depend only on the Python build) is kept in the
user's cache folder, keyed by the Python version, the regex engine's version and the
bytes of the source files the patterns are built from. A changed file, another Python
or an unreadable cache simply means compiling again; the patterns are the same either
way (``tests/test_regex_cache.py``). The cache holds patterns only, never message text.

Other modules keep what they derive from the patterns and the model here as well
(``derived``, ``hyperscan_set.py``). Each new version of the package or of a model adds
files, so the folder is kept under ``CACHE_LIMIT`` bytes: a write removes the files used
least recently (a read marks a file as used).

Set ``SEXTORTION_TRIAGE_CACHE`` to a folder to move the cache, or to ``off`` to skip it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["CACHE_LIMIT", "cache_file", "cache_folder", "code_digest", "compiled", "derived",
           "known_min_width", "read_cache_file", "write_cache_file"]

#: the cache folder's largest size: one version of the package with the shipped model
#: keeps about 25 MB there (the n-gram tables, Hyperscan's database, compiled patterns)
CACHE_LIMIT = 100 << 20

Value = TypeVar("Value")

_WIDTHS: dict[str, int] = {}  # pattern source -> shortest match, for fastscan


def cache_folder() -> Path | None:
    """Where compiled patterns are kept, or None when caching is off."""
    setting = os.environ.get("SEXTORTION_TRIAGE_CACHE", "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sextortion-triage"


def cache_file(kind: str, suffix: str, *key: str) -> Path | None:
    """Where the cache keeps a ``kind`` of file made from ``key`` (its parts hashed), or
    None when caching is off."""
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256("\x00".join(key).encode()).hexdigest()
    return folder / f"{kind}-{digest[:32]}{suffix}"


@functools.cache
def code_digest() -> str:
    """sha256 of this package's Python files: part of the key of everything ``derived``
    keeps, so that changed code never reads what older code worked out. Empty where the
    files cannot be read (a zip import): ``derived`` then keeps nothing."""
    digest = hashlib.sha256()
    try:
        files = sorted(Path(__file__).parent.glob("*.py"))
        for path in files:
            digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    except OSError:
        return ""
    return digest.hexdigest() if files else ""


def derived(kind: str, key: Iterable[str], build: Callable[[], Value],
            valid: Callable[[Any], bool]) -> Value:
    """``build()``, kept in the cache folder as a ``kind`` file named by ``key``, the
    package's code (``code_digest``) and the Python version, and read back from there
    by later processes. ``build`` must return what ``marshal`` can write; a stored value
    that fails ``valid``, or that cannot be read, is built again."""
    code = code_digest()
    path = cache_file(kind, ".marshal", sys.version, code, *key) if code else None
    if path is not None:
        try:
            stored = marshal.loads(read_cache_file(path))
            if valid(stored):
                return stored  # type: ignore[no-any-return]
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not kept yet, or unreadable: build it
    value = build()
    if path is not None:
        try:
            data = marshal.dumps(value)  # type: ignore[arg-type]
        except ValueError:  # a value marshal cannot write: only a slower next start
            return value
        write_cache_file(path, data)
    return value


def known_min_width(source: str) -> int | None:
    """The shortest match of a pattern compiled here, if known (saves re-parsing it)."""
    return _WIDTHS.get(source)


def _engine() -> tuple[Any, Any, Any]:
    import _sre  # type: ignore[import-not-found]

    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_compile as _compiler
        import sre_parse as _parser
    return _sre, _compiler, _parser


def _record(source: str) -> tuple[Any, ...]:
    """Everything ``_sre.compile`` needs, as ``re.compile`` would compute it."""
    _sre, _compiler, _parser = _engine()
    parsed = _parser.parse(source, 0)
    code = _compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (source, int(parsed.state.flags), [int(word) for word in code],
            int(parsed.state.groups) - 1, groupindex, tuple(indexgroup),
            int(parsed.getwidth()[0]))


def _from_record(record: tuple[Any, ...]) -> re.Pattern[str]:
    _sre = _engine()[0]
    source, flags, code, groups, groupindex, indexgroup, width = record
    _WIDTHS[source] = width
    pattern: re.Pattern[str] = _sre.compile(source, flags, code, groups, groupindex,
                                            indexgroup)
    return pattern


def compiled(name: str, inputs: Iterable[Path], build: Callable[[], dict[str, str]]
             ) -> dict[str, re.Pattern[str]]:
    """``{key: re.compile(source)}`` for the sources ``build`` returns, cached on disk.

    ``inputs`` are the files the sources are built from: when any of them changes, the
    cache entry no longer matches and the patterns are built and compiled again.
    """
    folder = cache_folder()
    path = None
    try:
        _sre = _engine()[0]
        digest = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{name}".encode())
        for item in inputs:
            digest.update(item.read_bytes())
        if folder is not None:
            path = folder / f"{name}-{digest.hexdigest()[:24]}.marshal"
            records = marshal.loads(read_cache_file(path))
            return {key: _from_record(record) for key, record in records.items()}
    except Exception:  # no cache yet, unreadable, or another engine: compile below
        pass
    sources = build()
    try:
        records = {key: _record(source) for key, source in sources.items()}
        patterns = {key: _from_record(record) for key, record in records.items()}
    except Exception:  # an engine whose internals differ: plain compilation
        return {key: re.compile(source) for key, source in sources.items()}
    if path is not None:
        _write(path, records)
    return patterns


def _write(path: Path, records: dict[str, tuple[Any, ...]]) -> None:
    try:
        data = marshal.dumps(records)
    except ValueError:  # a value marshal cannot write: no cache, only a slower next start
        return
    write_cache_file(path, data)


def read_cache_file(path: Path) -> bytes:
    """The bytes of a cache file, which is marked as used (``OSError`` where there is none)."""
    data = path.read_bytes()
    with contextlib.suppress(OSError):  # a cache this process may read but not change
        os.utime(path)
    return data


def write_cache_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (processes may race to write it),
    then keep the folder under ``CACHE_LIMIT``; a cache that cannot be written is only a
    slower next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except OSError:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(path.parent, keep=path)
    except OSError:
        pass


def _prune(folder: Path, keep: Path) -> None:
    """Remove the least recently used files until the folder holds ``CACHE_LIMIT`` bytes
    or less (never ``keep``, just written); another process may remove the same ones."""
    files = []
    for entry in os.scandir(folder):
        try:
            if entry.is_file(follow_symlinks=False):
                status = entry.stat(follow_symlinks=False)
                files.append((status.st_mtime, status.st_size, entry.path))
        except OSError:
            continue
    total = sum(size for _, size, _ in files)
    for _, size, name in sorted(files):
        if total <= CACHE_LIMIT:
            break
        if name == str(keep):
            continue
        try:
            os.unlink(name)
        except OSError:
            continue
        total -= size
