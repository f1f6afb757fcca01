"""Count a vocabulary's n-grams in many normalised messages at once, with numpy.

The counts are exactly those of ``features.char_ngrams`` and ``features.word_ngrams``
followed by a vocabulary lookup (``tests/test_gram_counts.py`` checks it), but the
work is done on whole arrays instead of one Python string per n-gram:

- characters: the messages are joined into one array of code points; every window of
  n characters that ``char_ngrams`` would produce becomes a 64-bit integer key (the
  code points side by side, n in the top bits) and is looked up in a ``KeyTable``.
  Windows with a code point too large for the key (emoji, CJK) are looked up as
  strings, one by one; they are rare.
  The optional C extension ``_grams`` does the same windows and lookups in one loop,
  each distinct word's once, remembered across calls in a ``WordTable`` (up to
  ``word_memo_limit()`` words); the numpy path runs where the extension was not built.
- words: each token is looked up once as a unigram (in C, in a ``WordTable`` of the
  vocabulary's unigrams); a bigram becomes the key of its two unigram numbers. (Every
  word of a bigram the vectoriser kept is itself a kept unigram, since a bigram is never
  more frequent than its words.) Other n-gram ranges fall back to counting strings.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from .code_points import code_points
from .compiled import grams as _grams
from .features import char_ngrams, word_ngrams, word_tokens
from .keytable import KeyTable
from .regex_cache import derived

if TYPE_CHECKING:
    from ._grams import WordTable

__all__ = ["CharGramCounter", "Counts", "GramCounter", "StringGramCounter", "Weights",
           "WordGramCounter", "counter_for"]

#: (message number, vocabulary column, count), one entry per distinct n-gram found.
Counts = tuple[np.ndarray, np.ndarray, np.ndarray]
#: a TF-IDF block's (idf, coef, ``1 + log k`` table), as ``block_score`` weighs counts
Weights = tuple[np.ndarray, np.ndarray, np.ndarray]
_KEY_BITS = 60  # key = n << 60 | code points packed into the low 60 bits
_MAX_TOP = 64  # the most top columns the C loops keep a message (MAX_TOP in _grams.c)
#: terms in the small first-look table of the C path (16,384 slots: 256 KB)
HOT_TERMS = 8192
#: distinct words whose character n-gram columns a counter remembers (about 5 MB) where
#: RE2 runs the signal stand-ins: its automata take the memory a larger memo would need
#: (50,000 words took a 400,000-row batch without Hyperscan to 535 MB)
WORD_MEMO_LIMIT = 10_000
#: ... and where Hyperscan runs them (``hyperscan_set.py``): a batch builds no RE2 stand-in
#: automata, so more words fit under 500 MB (50,000 were 6% faster than 10,000: 194 against
#: 207 us a message). 35,000 since the RE2 twins of the word lists (``re2_twin.py``) take
#: about 27 MB a process: a 400,000-row batch peaked at 479 MB with 50,000, 466 with 35,000
WORD_MEMO_LIMIT_WITH_HYPERSCAN = 35_000


def word_memo_limit() -> int:
    """How many words a counter remembers in this process (see the two limits above)."""
    return WORD_MEMO_LIMIT_WITH_HYPERSCAN if _hyperscan_runs_stand_ins() else WORD_MEMO_LIMIT


@functools.cache
def _hyperscan_runs_stand_ins() -> bool:
    from .hyperscan_set import available

    return available()


def _grouped(documents: np.ndarray, columns: np.ndarray, width: int) -> Counts:
    """Collapse repeated (message, column) pairs into counts."""
    if not columns.size:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    combined = np.sort(documents.astype(np.int64) * width + columns)
    starts = np.flatnonzero(np.concatenate(([True], combined[1:] != combined[:-1])))
    counts = np.diff(np.append(starts, combined.size))
    unique = combined[starts]
    return unique // width, unique % width, counts


#: what the C extension's counting returns without weights: three int64 arrays
CountsFromC = tuple[bytearray, bytearray, bytearray]
#: ... or with weights, the shares (bytes), and with a ``top_k`` too the top columns
FromC = bytes | CountsFromC | tuple[bytes, bytes]


def _from_c(found: FromC) -> Counts:
    """The C extension's three int64 arrays (bytearrays, not copied) as numpy arrays."""
    assert isinstance(found, tuple) and len(found) == 3
    documents, columns, counts = (np.frombuffer(part, dtype=np.int64) for part in found)
    return documents, columns, counts


def _shares_from_c(found: FromC) -> np.ndarray:
    """The C extension's shares (a float64 a message, bytes) as a numpy array."""
    assert isinstance(found, bytes)
    return np.frombuffer(found, dtype=np.float64)


def _in_slices(count: Callable[[Sequence[str]], Counts], texts: Sequence[str],
               size: int = 512) -> Counts:
    """Count ``size`` messages at a time: the arrays then stay in the CPU's caches."""
    if len(texts) <= size:
        return count(texts)
    parts = [count(texts[start : start + size]) for start in range(0, len(texts), size)]
    documents = np.concatenate([part[0] + start for part, start in
                                zip(parts, range(0, len(texts), size), strict=True)])
    return (documents, np.concatenate([part[1] for part in parts]),
            np.concatenate([part[2] for part in parts]))


class StringGramCounter:
    """The reference: n-gram strings from ``features`` and a dictionary lookup.

    Also the fastest for a few messages: it costs a tenth of the array counters' set-up
    (which a one-message ``check`` would pay in full). Its entries come in the same order
    as theirs (by message, then column), so sums over them are the same to the last bit.
    """

    def __init__(self, kind: str, ngram_range: tuple[int, int], terms: Sequence[str]) -> None:
        self._grams = char_ngrams if kind == "chars" else word_ngrams
        self._range = ngram_range
        self._width = max(len(terms), 1)
        self._vocabulary = {term: index for index, term in enumerate(terms)}

    def count(self, texts: Sequence[str]) -> Counts:
        documents: list[int] = []
        columns: list[int] = []
        counts: list[int] = []
        lookup = self._vocabulary.get
        for row, text in enumerate(texts):
            counted = Counter(self._grams(text, self._range))
            for column, seen in zip(map(lookup, counted), counted.values(), strict=True):
                if column is not None:
                    documents.append(row)
                    columns.append(column)
                    counts.append(seen)
        found = (np.array(documents, dtype=np.int64), np.array(columns, dtype=np.int64),
                 np.array(counts, dtype=np.int64))
        order = np.argsort(found[0] * self._width + found[1], kind="stable")
        return found[0][order], found[1][order], found[2][order]

    def shares(self, texts: Sequence[str], weights: Weights) -> None:
        """None: this counter has no quicker way to the shares than its counts."""
        return None

    def shares_and_top(self, texts: Sequence[str], weights: Weights, top_k: int) -> None:
        """None: nor to the top columns."""
        return None


class _ArrayCounter(ABC):
    """What the two array counters share: their loop in the C extension where it was
    built (``_in_c``), else their numpy path (``_count``)."""

    def count(self, texts: Sequence[str]) -> Counts:
        if _grams is not None:  # the same windows and lookups, in one C loop
            return _from_c(self._in_c(texts))
        return _in_slices(self._count, texts)

    def shares(self, texts: Sequence[str], weights: Weights) -> np.ndarray | None:
        """Each message's share of the decision under a block's ``weights``, counted and
        weighed in one C loop (``block_score.block_shares``); None without the extension."""
        return None if _grams is None else _shares_from_c(self._in_c(texts, *weights))

    def shares_and_top(self, texts: Sequence[str], weights: Weights, top_k: int
                       ) -> tuple[np.ndarray, np.ndarray] | None:
        """``shares`` and each message's ``top_k`` columns (a row each, -1 padded), as
        ``block_score.block_share`` finds them; None where this counter cannot (only the
        word counter can, and only with the extension)."""
        return None

    @abstractmethod
    def _in_c(self, texts: Sequence[str], *weights: np.ndarray) -> FromC:
        """The C loop's counts, or with ``weights`` its shares."""

    @abstractmethod
    def _count(self, texts: Sequence[str]) -> Counts:
        """The counts of at most a slice of ``texts``, with numpy."""


class CharGramCounter(_ArrayCounter):
    """Character n-grams inside word boundaries (each word padded with one space)."""

    def __init__(self, ngram_range: tuple[int, int], terms: Sequence[str],
                 idf: np.ndarray | None = None) -> None:
        low, high = ngram_range
        self._range = (low, high)
        self._terms = terms
        self._width = len(terms)
        self._bits = _KEY_BITS // high
        # building the tables takes about 0.1 s a process: kept in the cache folder
        wide, table, hot = derived("char-grams", (str(ngram_range), _digest(terms, idf)),
                                   lambda: self._tables(idf), _are_char_tables)
        self._wide = dict(wide)
        self._table = KeyTable.from_state(table)
        self._hot = KeyTable.from_state(hot)
        self._words: WordTable | None = _grams.WordTable() if _grams is not None else None
        self._priced_by: tuple[np.ndarray, ...] = ()

    def _tables(self, idf: np.ndarray | None
                ) -> tuple[list[tuple[str, int]], _TableState, _TableState]:
        """The terms too wide to pack (term, column), and the states of the table of
        packed terms and of the frequent terms' table."""
        terms, (low, high) = self._terms, self._range
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
        codes = code_points("".join(terms))
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        nonempty = lengths > 0
        widest = np.zeros(len(terms), dtype=np.uint32)
        if codes.size:
            widest[nonempty] = np.maximum.reduceat(codes, offsets[nonempty])
        packable = (lengths >= low) & (lengths <= high) & (widest < 1 << self._bits)
        wide = [(terms[int(i)], int(i)) for i in np.flatnonzero(~packable)]
        keys = self._packed_keys(codes, offsets[packable], lengths[packable])
        table = KeyTable(keys, np.flatnonzero(packable).astype(np.int64))
        return wide, table.state, self._frequent(keys, np.flatnonzero(packable), idf).state

    def _seen_words(self) -> WordTable:
        """The C path's word -> columns memo, kept across calls (most words of a message
        were seen in earlier ones). When it reaches ``word_memo_limit()`` words, it keeps
        the half found most often since the last time, and forgets the others."""
        assert self._words is not None
        size = len(self._words)
        # the first test spares a short memo (``check``) from working out the limit
        if size >= WORD_MEMO_LIMIT and size >= (limit := word_memo_limit()):
            self._words.keep_frequent(limit // 2)
        return self._words

    def _packed_keys(self, codes: np.ndarray, offsets: np.ndarray,
                     lengths: np.ndarray) -> np.ndarray:
        """Keys of the terms at ``offsets`` (code points side by side, length on top)."""
        keys = np.zeros(lengths.size, dtype=np.uint64)
        shift = np.uint64(self._bits)
        for position in range(int(lengths.max()) if lengths.size else 0):
            has = lengths > position
            keys[has] = (keys[has] << shift) | codes[offsets[has] + position].astype(np.uint64)
        return keys | (lengths.astype(np.uint64) << np.uint64(_KEY_BITS))

    @staticmethod
    def _frequent(keys: np.ndarray, columns: np.ndarray, idf: np.ndarray | None) -> KeyTable:
        """The ``HOT_TERMS`` packed terms most messages have (lowest idf) in a table small
        enough for the CPU's own cache; the C path looks there first (about 85% of
        windows are found in it). Which terms are in it changes speed, never counts."""
        if idf is None or not columns.size:
            return KeyTable(keys[:0], columns[:0])
        chosen = np.argsort(idf[columns], kind="stable")[:HOT_TERMS]
        return KeyTable(keys[chosen], columns[chosen].astype(np.int64))

    def _in_c(self, texts: Sequence[str], *weights: np.ndarray) -> bytes | CountsFromC:
        assert _grams is not None
        low, high = self._range
        if weights:
            # the memo keeps each word's columns priced by these weights, and tells
            # weights apart by where they lie: held here, no others can come to lie there
            # while the memo's prices are theirs (weights changed in place are not seen)
            self._priced_by = weights
        found: bytes | CountsFromC = _grams.count_char_grams(
            list(texts), low, high, self._bits, self._table.slots, self._table.shift,
            self._hot.slots, self._hot.shift, self._width, self._wide, self._seen_words(),
            *weights)
        return found

    def _count(self, texts: Sequence[str]) -> Counts:
        if any("\x00" in text for text in texts):  # never in normalised text, but be exact
            return StringGramCounter("chars", self._range, self._terms).count(texts)
        padded = [" " + " ".join(text.split()) + " " for text in texts]
        joined = "\x00".join(padded)
        codes = code_points(joined)
        length = codes.size
        lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
        owner = np.repeat(np.arange(len(padded), dtype=np.int64), lengths + 1)[:length]
        breaks = (codes == 32) | (codes == 0)  # no n-gram has these inside it
        breaks_before = np.concatenate(([0], np.cumsum(breaks, dtype=np.int64)))
        nul = codes == 0
        wide = codes >= 1 << self._bits
        wide_before = np.concatenate(([0], np.cumsum(wide, dtype=np.int64)))
        low, high = self._range
        key = codes.astype(np.uint64)
        shift = np.uint64(self._bits)
        found_documents: list[np.ndarray] = []
        found_columns: list[np.ndarray] = []
        wide_windows: list[tuple[int, int]] = []
        for n in range(1, high + 1):
            windows = length - n + 1
            if windows <= 0:
                break
            if n > 1:
                key = (key[:windows] << shift) | codes[n - 1 :].astype(np.uint64)
            if n < low:
                continue
            # breaks strictly inside the window: at positions start+1 .. start+n-2
            inside = breaks_before[n - 1 : n - 1 + windows] - breaks_before[1 : 1 + windows]
            valid = (inside == 0) & ~nul[:windows] & ~nul[n - 1 :]
            has_wide = (wide_before[n : n + windows] - wide_before[:windows]) > 0
            packed = valid & ~has_wide
            columns = self._table.lookup(key[packed] | np.uint64(n << _KEY_BITS))
            hit = columns >= 0
            found_documents.append(owner[:windows][packed][hit])
            found_columns.append(columns[hit])
            if self._wide:
                wide_windows.extend((int(i), n) for i in np.flatnonzero(valid & has_wide))
        if wide_windows:
            lookup = self._wide.get
            extra = [(int(owner[i]), lookup(joined[i : i + n])) for i, n in wide_windows]
            found_documents.append(np.array([d for d, c in extra if c is not None],
                                            dtype=np.int64))
            found_columns.append(np.array([c for _, c in extra if c is not None],
                                          dtype=np.int64))
        if not found_columns:
            return _grouped(np.zeros(0, np.int64), np.zeros(0, np.int64), self._width)
        return _grouped(np.concatenate(found_documents), np.concatenate(found_columns),
                        self._width)


class WordGramCounter(_ArrayCounter):
    """Word n-grams from unigrams up to trigrams (``ngram_range`` (1, 1), (1, 2) or (1, 3)).

    An n-gram's key is its words' unigram numbers side by side (20 bits each), with n in
    the top bits; so every word of a kept n-gram must be a kept unigram, which holds for a
    vectoriser's vocabulary (an n-gram is never in more messages than each of its words).
    """

    _BITS = 20

    def __init__(self, ngram_range: tuple[int, int], terms: Sequence[str]) -> None:
        self._longest = ngram_range[1]
        self._width = len(terms)
        self._unigrams = {term: index for index, term in enumerate(terms) if " " not in term}
        if len(terms) >= 1 << self._BITS:
            raise KeyError("vocabulary too large for packed word keys")
        self._unigram_table = _word_table(self._unigrams) if _grams is not None else None
        # reading every n-gram's words takes about 0.4 s a process: kept in the cache folder
        self._table = KeyTable.from_state(derived(
            "word-grams", (str(ngram_range), _digest(terms, None)),
            lambda: self._longer_grams(terms).state, _is_table_state))
        self._priced: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def _longer_grams(self, terms: Sequence[str]) -> KeyTable:
        """The table of the n-grams of two or more words: key -> column."""
        keys, columns = [], []
        for index, term in enumerate(terms):
            if " " in term:
                words = [self._unigrams[word] for word in term.split(" ")]
                keys.append(self._key(words))
                columns.append(index)
        return KeyTable(np.array(keys, dtype=np.uint64), np.array(columns, dtype=np.int64))

    @classmethod
    def _key(cls, words: Sequence[int]) -> int:
        key = len(words) << 60
        for position, word in enumerate(words):
            key |= word << (cls._BITS * (len(words) - 1 - position))
        return key

    def _in_c(self, texts: Sequence[str], *weights: np.ndarray, top_k: int = 0) -> FromC:
        """The C loop's counts; with ``weights`` its shares, and with ``top_k`` as well
        (which needs them) each message's top columns."""
        assert _grams is not None and self._unigram_table is not None
        priced = (self._priced_table(weights[0], weights[1]),) if weights else ()
        found: FromC = _grams.count_word_grams(
            list(texts), self._longest, self._unigram_table, self._table.slots,
            self._table.shift, self._width, *weights, *priced, *((top_k,) if top_k else ()))
        return found

    def shares_and_top(self, texts: Sequence[str], weights: Weights, top_k: int
                       ) -> tuple[np.ndarray, np.ndarray] | None:
        if _grams is None or not 0 < top_k <= _MAX_TOP:
            return None
        found = self._in_c(texts, *weights, top_k=top_k)
        assert isinstance(found, tuple) and len(found) == 2
        shares, top = found
        return (np.frombuffer(shares, dtype=np.float64),
                np.frombuffer(top, dtype=np.int64).reshape(len(texts), top_k))

    def _priced_table(self, idf: np.ndarray, coef: np.ndarray) -> np.ndarray:
        """The n-gram table with each slot's parts beside its key and column: key, column,
        idf * coef and idf * idf (as bits), four ``uint64`` a slot, so that a share needs
        no read of the weights' arrays (see ``_grams.priced_share``). Made once for the
        weights given, which it holds: as the character counter's memo, it tells weights
        apart by identity (weights changed in place are not seen)."""
        held = self._priced
        if held is not None and held[0] is idf and held[1] is coef:
            return held[2]
        slots = self._table.slots
        keys, columns = slots[0::2], slots[1::2].view(np.int64)
        filled = keys != 0
        found = columns[filled]
        product, square = np.zeros(keys.size), np.zeros(keys.size)
        product[filled] = idf[found] * coef[found]
        square[filled] = idf[found] * idf[found]
        priced = np.empty(4 * keys.size, dtype=np.uint64)
        priced[0::4], priced[1::4] = keys, slots[1::2]
        priced[2::4], priced[3::4] = product.view(np.uint64), square.view(np.uint64)
        self._priced = (idf, coef, priced)
        return priced

    def _count(self, texts: Sequence[str]) -> Counts:
        lookup = self._unigrams.get
        ids: list[int] = []
        documents: list[int] = []
        for row, text in enumerate(texts):
            tokens = word_tokens(text)
            ids.extend(map(lookup, tokens, repeat(-1)))
            documents.extend(repeat(row, len(tokens)))
        token_ids = np.array(ids, dtype=np.int64)
        token_documents = np.array(documents, dtype=np.int64)
        known = token_ids >= 0
        found_documents = [token_documents[known]]
        found_columns = [token_ids[known]]
        for n in range(2, self._longest + 1):
            if token_ids.size < n:
                break
            windows = token_ids.size - n + 1
            usable = np.ones(windows, dtype=bool)
            keys = np.full(windows, n << 60, dtype=np.uint64)
            for offset in range(n):
                usable &= known[offset : offset + windows]
                usable &= token_documents[offset : offset + windows] == token_documents[:windows]
                keys |= (token_ids[offset : offset + windows].clip(0).astype(np.uint64)
                         << np.uint64(self._BITS * (n - 1 - offset)))
            columns = self._table.lookup(keys[usable])
            hit = columns >= 0
            found_documents.append(token_documents[:windows][usable][hit])
            found_columns.append(columns[hit])
        return _grouped(np.concatenate(found_documents), np.concatenate(found_columns),
                        self._width)


#: a ``KeyTable``'s state (``KeyTable.state``)
_TableState = tuple[bytes, int]


def _digest(terms: Sequence[str], idf: np.ndarray | None) -> str:
    """sha256 of a vocabulary (and its idf, where the tables depend on it)."""
    digest = hashlib.sha256("\x1f".join(terms).encode("utf-8", "surrogatepass"))
    if idf is not None:
        digest.update(np.ascontiguousarray(idf, dtype=np.float64).tobytes())
    return digest.hexdigest()


def _is_table_state(stored: object) -> bool:
    """Whether ``stored`` can be a ``KeyTable.state``: slots of 16 bytes, a power of two
    of them (at least 16), and a probe length."""
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], bytes)
            and isinstance(stored[1], int)):
        return False
    slots = len(stored[0]) // 16
    return len(stored[0]) == 16 * slots and slots >= 16 and slots & (slots - 1) == 0


def _are_char_tables(stored: object) -> bool:
    return (isinstance(stored, tuple) and len(stored) == 3 and isinstance(stored[0], list)
            and all(isinstance(item, tuple) and len(item) == 2 for item in stored[0])
            and _is_table_state(stored[1]) and _is_table_state(stored[2]))


def _word_table(columns: dict[str, int]) -> WordTable:
    """``columns`` (word -> column) as the C extension's ``WordTable``."""
    assert _grams is not None
    table: WordTable = _grams.WordTable()
    for word, column in columns.items():
        table.add(word, struct.pack("=q", column))
    return table


#: any of the counters: the same counts, each quickest somewhere
GramCounter = CharGramCounter | WordGramCounter | StringGramCounter


def counter_for(kind: str, ngram_range: tuple[int, int], terms: Sequence[str],
                idf: np.ndarray | None = None) -> GramCounter:
    """The fastest exact counter for a block of this kind and n-gram range (``idf``, when
    given, tells the character counter which terms are frequent)."""
    if kind == "chars" and ngram_range[0] >= 2:  # a 1-gram space belongs to two words
        return CharGramCounter(ngram_range, terms, idf)
    if kind == "words" and ngram_range in ((1, 1), (1, 2), (1, 3)):
        try:
            return WordGramCounter(ngram_range, terms)
        except KeyError:  # a bigram whose words are not unigrams: count strings instead
            pass
    return StringGramCounter(kind, ngram_range, terms)
