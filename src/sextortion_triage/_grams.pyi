"""Types of the optional C extension (``_grams.c``)."""

import numpy as np

def count_char_grams(texts: list[str], low: int, high: int, bits: int, slots: np.ndarray,
                     shift: int, hot_slots: np.ndarray, hot_shift: int, width: int,
                     wide: dict[str, int], /) -> tuple[bytes, bytes, bytes]: ...
def count_word_grams(texts: list[str], longest: int, unigrams: dict[str, int],
                     slots: np.ndarray, shift: int, width: int, /
                     ) -> tuple[bytes, bytes, bytes]: ...
def fold_white_space(text: str, /) -> tuple[str, bytes, bytes]: ...
