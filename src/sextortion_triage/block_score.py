"""One TF-IDF block's share of each message's decision, and the terms that raised it most.

The arithmetic is scikit-learn's ``TfidfVectorizer(sublinear_tf=True, norm="l2")``
followed by the linear model's dot product, applied to counted entries (``Counts``:
message, column, count, ordered by message and then column):

    v = (1 + log count) * idf[column];  share = sum over the message of v / |v| * coef[column]

The optional C extension does it in one pass over the entries (``_grams.linear_block``),
in the same order of operations and with ``1 + log k`` from the same numpy-made table,
so its sums equal the numpy path's; ``tests/test_block_score.py`` compares the two.
Where the array counters and the extension are there, ``block_shares`` has the C
counters work the sums out as they count, without writing the entries out and reading
them back, from each column's ``idf * coef`` and ``idf * idf`` worked out once (kept with
each word in the character block's memo, and beside each slot of the word block's
n-gram table and its unigrams): that spares reading the 1-2 MB arrays at random, but
adds in another order, so these sums differ from the entries' in the last bits (1e-15 of
a share; the issue asks every path to agree to 1e-6). ``block_shares_and_top`` does the
same for the word block's top terms, ranked as the entries rank them (where two are too
close to tell apart so, that message's are ranked from its entries).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .compiled import grams as _grams
from .gram_counts import Counts, GramCounter

__all__ = ["TF_TABLE", "block_share", "block_shares", "block_shares_and_top"]

#: ``1 + log k`` for the counts an n-gram has in one message (index 0 is unused); the C
#: path computes larger counts itself
TF_TABLE = np.concatenate(([0.0], 1.0 + np.log(np.arange(1, 4096, dtype=np.float64))))


def block_share(counts: Counts, idf: np.ndarray, coef: np.ndarray, messages: int,
                top_k: int) -> tuple[np.ndarray, list[list[int]]]:
    """Each message's share of the decision from one block, and the columns of its
    ``top_k`` largest positive products (largest first, ties to the smaller column)."""
    owner, columns, seen = counts
    if _grams is not None and top_k <= 64:
        sums, top = _grams.linear_block(
            np.ascontiguousarray(owner, dtype=np.int64),
            np.ascontiguousarray(columns, dtype=np.int64),
            np.ascontiguousarray(seen, dtype=np.int64), idf, coef, TF_TABLE, messages, top_k)
        best = np.frombuffer(top, dtype=np.int64).reshape(messages, top_k)
        return (np.frombuffer(sums, dtype=np.float64).copy(),
                [[int(c) for c in row if c >= 0] for row in best.tolist()] if top_k else
                [[] for _ in range(messages)])
    return _numpy_share(counts, idf, coef, messages, top_k)


def block_shares(counter: GramCounter, texts: Sequence[str], idf: np.ndarray,
                 coef: np.ndarray) -> np.ndarray:
    """``block_share``'s sums alone, for the normalised ``texts`` counted by ``counter``."""
    shares = counter.shares(texts, (idf, coef, TF_TABLE))
    if shares is not None:
        return shares
    return block_share(counter.count(texts), idf, coef, len(texts), 0)[0]


def block_shares_and_top(counter: GramCounter, texts: Sequence[str], idf: np.ndarray,
                         coef: np.ndarray, top_k: int) -> tuple[np.ndarray, list[list[int]]]:
    """``block_share``'s sums and top columns for the normalised ``texts`` counted by
    ``counter``: summed from priced columns as ``block_shares`` sums them, where the
    counter can (the word counter, with the extension), else from its counts."""
    found = counter.shares_and_top(texts, (idf, coef, TF_TABLE), top_k)
    if found is None:
        return block_share(counter.count(texts), idf, coef, len(texts), top_k)
    shares, top = found
    return shares, [[column for column in row if column >= 0] for row in top.tolist()]


def _numpy_share(counts: Counts, idf: np.ndarray, coef: np.ndarray, messages: int,
                 top_k: int) -> tuple[np.ndarray, list[list[int]]]:
    owner, columns, seen = counts
    top: list[list[int]] = [[] for _ in range(messages)]
    if not columns.size:
        return np.zeros(messages, dtype=np.float64), top
    values = (1.0 + np.log(seen)) * idf[columns]
    norms = np.sqrt(np.bincount(owner, weights=values * values, minlength=messages))
    products = values / norms[owner] * coef[columns]
    if top_k:
        for position in _top_positions(owner, columns, products, messages, top_k):
            top[owner[position]].append(int(columns[position]))
    return np.bincount(owner, weights=products, minlength=messages), top


def _top_positions(owner: np.ndarray, columns: np.ndarray, products: np.ndarray,
                   count: int, top_k: int) -> np.ndarray:
    """Positions of each message's ``top_k`` largest positive products, message by message,
    largest first; ties go to the earlier column, which is the earlier term (a vocabulary
    is sorted)."""
    positive = np.flatnonzero(products > 0)
    order = positive[np.lexsort((columns[positive], -products[positive], owner[positive]))]
    owners = owner[order]
    first = np.searchsorted(owners, np.arange(count))
    rank = np.arange(order.size) - first[owners]
    kept: np.ndarray = order[rank < top_k]
    return kept
