"""Text as an array of code points, for the numpy paths (normalisation, n-gram counting)."""

from __future__ import annotations

import numpy as np

__all__ = ["code_points"]


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as ``uint32``, one per character.

    Lone surrogates included: JSON (the HTTP API, JSONL batches) can carry one
    ("\\ud800"), and plain UTF-32 encoding would raise on it.

    >>> code_points("a\\ud800").tolist()
    [97, 55296]
    """
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
