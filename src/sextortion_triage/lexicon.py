"""Known words, learnt from the training split, for undoing disguises that hide words.

Two disguises cannot be undone by rules alone:
- letter spacing over several words erases the word boundaries ("I h a v e y o u r"
  reads as one run of letters), so the run is split back into known words;
- leetspeak that starts with a digit ("53nd", "0nly") looks like a number with a unit
  ("48h", "5min"), so it is read as a word only when it decodes to a known one.

The word list is ``data/lexicon.txt`` in the package: every word of two or more letters
used in at least two training messages, and the single-letter words used in at least
100, each with the number of messages it is used in. ``data/tools/build_corpus.py``
writes it from the training split with :func:`lexicon_text`, so held-out messages
never shape it.
"""

from __future__ import annotations

import functools
import math
import string
from collections import Counter
from collections.abc import Iterable
from importlib import resources

__all__ = ["is_word", "lexicon_text", "segment"]

_MIN_MESSAGES = 2
_MIN_MESSAGES_ONE_LETTER = 100
_LONGEST_WORD = 30
_SHORTEST_MEAN_WORD = 2.5
_EDGE_PUNCTUATION = string.punctuation + "«»“”„‘’‚‹›¿¡…–—"


def lexicon_text(normalised_texts: Iterable[str]) -> str:
    """The lexicon file for these (normalised, not unmasked) training messages."""
    used_in: Counter[str] = Counter()
    for text in normalised_texts:
        words = {token.strip(_EDGE_PUNCTUATION) for token in text.split()}
        used_in.update(word for word in words if word.isalpha())
    kept = sorted((word, count) for word, count in used_in.items()
                  if count >= (_MIN_MESSAGES if len(word) > 1 else _MIN_MESSAGES_ONE_LETTER))
    return "".join(f"{word}\t{count}\n" for word, count in kept)


@functools.cache
def _costs() -> dict[str, float]:
    """Each known word's cost: minus the log of its share of all word uses."""
    counts: dict[str, int] = {}
    source = resources.files("sextortion_triage").joinpath("data/lexicon.txt")
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    total = sum(counts.values())
    return {word: math.log(total / count) for word, count in counts.items()}


def is_word(word: str) -> bool:
    """Whether ``word`` (normalised) is used in at least two training messages."""
    return word in _costs()


def segment(letters: str) -> list[str] | None:
    """The most likely split of ``letters`` into two or more known words, or None.

    >>> segment("ihaveyourvideo")
    ['i', 'have', 'your', 'video']
    >>> segment("send") is None  # one word is not a split
    True
    >>> segment("xqzvvbt") is None  # nothing known
    True
    """
    costs = _costs()
    n = len(letters)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            cost = costs.get(letters[start:end])
            if cost is not None and best[start][0] + cost < best[end][0]:
                best[end] = (best[start][0] + cost, start)
    if math.isinf(best[n][0]):
        return None
    words: list[str] = []
    end = n
    while end:
        start = best[end][1]
        words.append(letters[start:end])
        end = start
    if len(words) < 2 or n / len(words) < _SHORTEST_MEAN_WORD:
        return None  # mostly one- and two-letter pieces: a word the lexicon lacks
    return words[::-1]
