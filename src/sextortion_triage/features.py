"""The feature recipe: how a message becomes numbers. The only home of the recipe.

Three views of a message, each a block of features:
- ``words``: word n-grams of the normalised text (digits folded to ``0``; by default
  unigrams and bigrams, ``train`` also tries up to trigrams);
- ``chars``: character n-grams inside word boundaries of the normalised text (by
  default 3- to 5-grams);
- ``signals``: ``log1p`` of how often each named signal fired; optionally (``pairs``)
  also whether intimate material or a recording is mentioned *together with* a threat,
  a payment demand, a deadline, contacts or secrecy, a combination a linear model
  cannot form from the counts alone. Whether the pairs help is measured in ``train``.

The two text blocks may also be scaled by each n-gram's naive Bayes log-count ratio
(``nb_weighting.py``); ``train`` measures that too.

The tokenisers here are plain functions with no scikit-learn import, so that the
scoring engine (``engine.py``) and the training pipeline (``build_pipeline``) read
messages identically. The scikit-learn parts are imported only inside the functions
that train.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .normalise import normalise, normalise_text
from .signals import SIGNAL_NAMES, Span, signal_spans

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

__all__ = [
    "CHAR_NGRAMS",
    "SIGNAL_FEATURES",
    "SIGNAL_PAIR_FEATURES",
    "WORD_NGRAMS",
    "build_pipeline",
    "char_ngrams",
    "signal_feature_matrix",
    "word_ngrams",
]

WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[$€£¥₹₦]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_DIGIT = re.compile(r"\d")


def word_tokens(normalised: str) -> list[str]:
    """Words, numbers (digits folded to 0, at most 4 long), currency signs and emoji."""
    return [_DIGIT.sub("0", t)[:4] if t[0].isdigit() else t for t in _TOKEN.findall(normalised)]


def word_ngrams(normalised: str, ngram_range: tuple[int, int] = WORD_NGRAMS) -> list[str]:
    """Word n-grams of normalised text, joined by a space."""
    tokens = word_tokens(normalised)
    low, high = ngram_range
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_ngrams(normalised: str, ngram_range: tuple[int, int] = CHAR_NGRAMS) -> list[str]:
    """Character n-grams inside word boundaries, each word padded with one space."""
    low, high = ngram_range
    grams: list[str] = []
    for word in normalised.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            if n > length:
                break
            grams.extend(padded[i : i + n] for i in range(length - n + 1))
    return grams


_INTIMATE = ("intimate_content", "recording_claim")
_WITH_INTIMATE = ("threat_to_share", "payment_demand", "deadline", "contacts_leverage", "secrecy")
SIGNAL_FEATURES: tuple[str, ...] = SIGNAL_NAMES
SIGNAL_PAIR_FEATURES: tuple[str, ...] = (
    *SIGNAL_NAMES, *(f"intimate_and_{name}" for name in _WITH_INTIMATE)
)
_NAME_COLUMN = {name: column for column, name in enumerate(SIGNAL_NAMES)}
_INTIMATE_COLUMNS = [_NAME_COLUMN[name] for name in _INTIMATE]
_WITH_INTIMATE_COLUMNS = [_NAME_COLUMN[name] for name in _WITH_INTIMATE]


def signal_feature_matrix(spans: Sequence[Sequence[Span]], *, pairs: bool = False
                          ) -> np.ndarray:
    """The signal block of each message, one row per message, from its merged signal spans
    (``signals.signal_spans``): ``SIGNAL_FEATURES``, or ``SIGNAL_PAIR_FEATURES`` with
    ``pairs``."""
    width = len(SIGNAL_NAMES)
    cells = [row * width + _NAME_COLUMN[span[2]]
             for row, found in enumerate(spans) for span in found]
    counts = np.bincount(np.array(cells, dtype=np.int64),
                         minlength=len(spans) * width).reshape(len(spans), width)
    log1p = np.array([math.log1p(k) for k in range(int(counts.max(initial=0)) + 1)])
    values = log1p[counts]
    if not pairs:
        return values
    intimate: np.ndarray = np.any(counts[:, _INTIMATE_COLUMNS] > 0, axis=1)
    together = intimate[:, None] & (counts[:, _WITH_INTIMATE_COLUMNS] > 0)
    return np.concatenate([values, together.astype(np.float64)], axis=1)


# ---- analysers for scikit-learn: raw text in, grams out (module level, so clone() works)

def analyse_words(text: str, ngram_range: tuple[int, int] = WORD_NGRAMS) -> list[str]:
    """Raw text -> word n-grams (normalises first)."""
    return word_ngrams(normalise_text(text), ngram_range)


def analyse_chars(text: str, ngram_range: tuple[int, int] = CHAR_NGRAMS) -> list[str]:
    """Raw text -> character n-grams (normalises first)."""
    return char_ngrams(normalise_text(text), ngram_range)


def _signal_matrix(texts: Iterable[str], pairs: bool = False) -> np.ndarray:
    return signal_feature_matrix([signal_spans(t, normalise(t)) for t in texts], pairs=pairs)


def _pair(values: Sequence[int]) -> tuple[int, int]:
    low, high = values
    return int(low), int(high)


def build_pipeline(
    *,
    blocks: Sequence[str] = ("words", "chars", "signals"),
    classifier: str = "logistic",
    C: float = 4.0,
    signal_pairs: bool = False,
    word_ngram_range: tuple[int, int] = WORD_NGRAMS,
    char_ngram_range: tuple[int, int] = CHAR_NGRAMS,
    min_df: int = 2,
    nb_weighting: float | None = None,
    calibration_cv: Any = 5,
    random_state: int = 0,
) -> Pipeline:
    """Return the unfitted scikit-learn pipeline for a feature/estimator choice.

    ``nb_weighting`` (a power, e.g. 0.5) scales the words and chars blocks by the naive
    Bayes log-count ratio of each n-gram (``nb_weighting.py``). ``calibration_cv`` is
    passed to ``CalibratedClassifierCV`` (sigmoid method, one final estimator), so callers
    can give family-grouped folds.
    """
    import numpy as np
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    views: dict[str, Any] = {
        "words": TfidfVectorizer(
            analyzer=functools.partial(analyse_words, ngram_range=_pair(word_ngram_range)),
            sublinear_tf=True, min_df=min_df, dtype=np.float64),
        "chars": TfidfVectorizer(
            analyzer=functools.partial(analyse_chars, ngram_range=_pair(char_ngram_range)),
            sublinear_tf=True, min_df=min_df, dtype=np.float64),
        "signals": FunctionTransformer(_signal_matrix, kw_args={"pairs": signal_pairs}),
    }
    if nb_weighting is not None:
        from .nb_weighting import NaiveBayesWeighting

        for name in ("words", "chars"):
            views[name] = Pipeline([("tfidf", views[name]),
                                    ("weighting", NaiveBayesWeighting(power=nb_weighting))])
    unknown = set(blocks) - set(views)
    if unknown:
        raise ValueError(f"unknown feature blocks {sorted(unknown)}; choose from {sorted(views)}")
    if classifier == "logistic":
        estimator: Any = LogisticRegression(C=C, class_weight="balanced", max_iter=5000,
                                            solver="liblinear", random_state=random_state)
    elif classifier == "linear_svm":
        estimator = LinearSVC(C=C / 10, class_weight="balanced", max_iter=20000,
                              random_state=random_state)
    else:
        raise ValueError(f"classifier must be 'logistic' or 'linear_svm', not {classifier!r}")
    return Pipeline([
        ("features", FeatureUnion([(name, views[name]) for name in blocks])),
        ("classifier", CalibratedClassifierCV(estimator, method="sigmoid", cv=calibration_cv,
                                              ensemble=False)),
    ])
