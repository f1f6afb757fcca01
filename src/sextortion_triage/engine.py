"""Pickle-free linear model: export a fitted pipeline, save it, load it, score with it.

A bundle is two files: ``model.json`` (recipe, vocabularies, calibration, thresholds)
and ``weights.npz`` (float arrays, read with ``allow_pickle=False``). Scoring needs
only numpy: no unpickling, no scikit-learn import, so it is safe and starts fast.
The arithmetic is the pipeline's own (TF-IDF with sublinear tf, smooth idf and l2
norm per block; linear decision; Platt sigmoid), so scores match ``predict_proba``.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .block_score import block_shares, block_shares_and_top
from .features import SIGNAL_FEATURES, SIGNAL_PAIR_FEATURES, signal_feature_matrix
from .gram_counts import GramCounter, StringGramCounter, counter_for
from .normalise import NormalisedText, normalise
from .results import Signal
from .signal_batch import prepare as prepare_signals
from .signal_batch import signal_spans_many
from .signals import Span, as_signals

__all__ = ["BUNDLE_FORMAT", "PREDICT_SLICE", "LinearBundle", "Prediction", "read_document"]

BUNDLE_FORMAT = "sextortion-triage/linear-bundle/1"
_TEXT_BLOCKS = ("words", "chars")
#: messages scored together at most (see ``LinearBundle.predict``): 1,024 put a batch's
#: peak 20 MB higher, and with RE2's larger automata scored about 5% faster
PREDICT_SLICE = 512
#: below this many messages, n-grams are looked up as strings (see ``TextBlock.quickest_counter``)
FEW_MESSAGES = 16


@dataclass(frozen=True, slots=True)
class Prediction:
    """Calibrated probability, the word n-grams that pushed it up most, and the signals."""

    probability: float
    top_terms: tuple[str, ...]
    signals: tuple[Signal, ...]


@dataclass(frozen=True)
class TextBlock:
    """One TF-IDF block: its n-gram recipe, vocabulary (``terms``), idf and weights."""

    name: str
    ngram_range: tuple[int, int]
    idf: np.ndarray
    coef: np.ndarray
    terms: tuple[str, ...]

    @functools.cached_property
    def counter(self) -> GramCounter:
        """Counts this block's terms in many messages at once (built on first use)."""
        return counter_for(self.name, self.ngram_range, self.terms, self.idf)

    @functools.cached_property
    def lookup_counter(self) -> StringGramCounter:
        """Counts this block's terms in a few messages: cheap to build, same counts."""
        return StringGramCounter(self.name, self.ngram_range, self.terms)

    def quickest_counter(self, messages: int) -> GramCounter:
        """The counter that is quickest for this many messages, set-up included (once the
        array counter is built, it is the quickest for any number, and building the other
        as well would only cost memory: a batch's last chunk may be small)."""
        if messages < FEW_MESSAGES and "counter" not in self.__dict__:
            return self.lookup_counter
        return self.counter


def _vectorizer_and_scale(transformer: Any) -> tuple[Any, np.ndarray | None]:
    """A text block's TF-IDF vectoriser, and its naive Bayes column scale if it has one."""
    if not hasattr(transformer, "steps"):
        return transformer, None
    (_, vectorizer), (_, weighting) = transformer.steps
    return vectorizer, np.asarray(weighting.weights_, dtype=np.float64)


@dataclass(frozen=True)
class LinearBundle:
    """A linear model over TF-IDF blocks and signal counts, with Platt calibration."""

    text_blocks: tuple[TextBlock, ...]
    signal_names: tuple[str, ...]
    signal_coef: np.ndarray
    intercept: float
    calibration: tuple[float, float]
    metadata: dict[str, Any]

    # ------------------------------------------------------------------ export

    @classmethod
    def from_pipeline(cls, pipeline: Any, metadata: dict[str, Any]) -> LinearBundle:
        """Export a fitted ``features.build_pipeline`` pipeline."""
        union = pipeline.named_steps["features"]
        calibrated = pipeline.named_steps["classifier"].calibrated_classifiers_
        if len(calibrated) != 1:
            raise ValueError("export needs CalibratedClassifierCV(ensemble=False)")
        estimator = calibrated[0].estimator
        sigmoid = calibrated[0].calibrators[0]
        coef = np.asarray(estimator.coef_, dtype=np.float64).ravel()
        blocks: list[TextBlock] = []
        signal_coef = np.zeros(0)
        signal_names: tuple[str, ...] = ()
        offset = 0
        for name, transformer in union.transformer_list:
            if name in _TEXT_BLOCKS:
                vectorizer, scale = _vectorizer_and_scale(transformer)
                terms = tuple(vectorizer.get_feature_names_out())
                width = len(terms)
                low, high = vectorizer.analyzer.keywords["ngram_range"]
                ngram_range = (int(low), int(high))
                block_coef = coef[offset : offset + width].copy()
                if scale is not None:  # a fixed per-column scale folds into the weights
                    block_coef = block_coef * scale
                blocks.append(TextBlock(name, ngram_range,
                                        np.asarray(vectorizer.idf_, dtype=np.float64),
                                        block_coef, terms))
            elif name == "signals":
                pairs = bool((transformer.kw_args or {}).get("pairs"))
                signal_names = SIGNAL_PAIR_FEATURES if pairs else SIGNAL_FEATURES
                width = len(signal_names)
                signal_coef = coef[offset : offset + width].copy()
            else:
                raise ValueError(f"cannot export feature block {name!r}")
            offset += width
        if offset != coef.size:
            raise ValueError(f"exported {offset} weights but the estimator has {coef.size}")
        return cls(tuple(blocks), signal_names, signal_coef,
                   float(np.ravel(estimator.intercept_)[0]),
                   (float(sigmoid.a_), float(sigmoid.b_)), dict(metadata))

    def content_digest(self) -> str:
        """sha256 of everything that decides scores (not the metadata): the model's identity."""
        digest = hashlib.sha256()
        for block in self.text_blocks:
            digest.update(f"{block.name}{block.ngram_range}".encode())
            digest.update("\x1f".join(block.terms).encode())
            digest.update(block.idf.tobytes() + block.coef.tobytes())
        digest.update("\x1f".join(self.signal_names).encode() + self.signal_coef.tobytes())
        digest.update(np.array([self.intercept, *self.calibration]).tobytes())
        return digest.hexdigest()

    # ------------------------------------------------------------------ files

    def save(self, directory: Path) -> list[Path]:
        """Write ``model.json`` and ``weights.npz`` byte-for-byte reproducibly."""
        directory.mkdir(parents=True, exist_ok=True)
        document = {
            "format": BUNDLE_FORMAT,
            "metadata": self.metadata,
            "intercept": self.intercept,
            "calibration": {"a": self.calibration[0], "b": self.calibration[1]},
            "signal_names": list(self.signal_names),
            "blocks": [{"name": b.name, "ngram_range": list(b.ngram_range), "terms": list(b.terms)}
                       for b in self.text_blocks],
        }
        json_path = directory / "model.json"
        json_path.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True,
                                        separators=(",", ":")) + "\n", encoding="utf-8")
        arrays = {"signal_coef": self.signal_coef}
        for block in self.text_blocks:
            arrays[f"{block.name}_idf"] = block.idf
            arrays[f"{block.name}_coef"] = block.coef
        npz_path = directory / "weights.npz"
        with zipfile.ZipFile(npz_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(arrays):
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name],
                                                                       dtype="<f8"),
                                          allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, buffer.getvalue())
        return [json_path, npz_path]

    @classmethod
    def load(cls, directory: Path) -> LinearBundle:
        """Read a bundle written by ``save`` (no pickle anywhere)."""
        document = read_document(directory)
        with np.load(directory / "weights.npz", allow_pickle=False) as arrays:
            weights = {name: np.asarray(arrays[name]) for name in arrays.files}
        blocks = []
        for block in document["blocks"]:
            terms = tuple(block["terms"])
            low, high = block["ngram_range"]
            blocks.append(TextBlock(block["name"], (int(low), int(high)),
                                    weights[f"{block['name']}_idf"],
                                    weights[f"{block['name']}_coef"], terms))
        if document["signal_names"] and tuple(document["signal_names"]) not in (
                SIGNAL_FEATURES, SIGNAL_PAIR_FEATURES):
            raise ValueError("the model's signal features differ from this version's")
        calibration = document["calibration"]
        return cls(tuple(blocks), tuple(document["signal_names"]), weights["signal_coef"],
                   float(document["intercept"]), (float(calibration["a"]),
                                                  float(calibration["b"])),
                   document["metadata"])

    # ------------------------------------------------------------------ scoring

    def prepare(self) -> None:
        """Build the array n-gram counters and the signal patterns' stand-ins now, for a
        long-lived process (the server): every later message, even one alone, is then
        counted with them (about twice as fast as with the lookup counters that a one-off
        ``check`` builds instead) and searched only for the patterns that may match it."""
        for block in self.text_blocks:
            _ = block.counter
        prepare_signals()

    def predict(self, texts: Sequence[str], *, top_k: int = 5) -> list[Prediction]:
        """Score ``texts`` together: normalise and find signals, then count each block's
        n-grams for many messages at once and apply the weights as arrays.

        Long inputs are scored ``PREDICT_SLICE`` messages at a time: the n-gram arrays
        grow with the messages scored together (about 50 KB a message), and no message's
        score depends on which others share its slice. The blocks' sums are added in one
        of two orders, which agree to the last bits (about 1e-16): from priced columns
        (``block_score.block_shares``, and for the word block's top terms
        ``block_shares_and_top``), or from counted entries (every block of a call under
        ``FEW_MESSAGES`` before the array counters are built). The top terms are the same
        either way.
        """
        return [Prediction(probability, tuple(terms), tuple(as_signals(found, text)))
                for text, found, probability, terms in self._scored(texts, top_k)]

    def scores_and_names(self, texts: Sequence[str]) -> list[tuple[float, tuple[str, ...]]]:
        """What a batch row needs of each message: ``predict``'s probability and the
        sorted names of its signals, without building the signals or top terms."""
        return [(probability, tuple(sorted({span[2] for span in found})))
                for _, found, probability, _ in self._scored(texts, 0)]

    def _scored(self, texts: Sequence[str], top_k: int
                ) -> Iterator[tuple[str, list[Span], float, list[str]]]:
        """Each message with its merged signal spans, probability and ``top_k`` word
        n-grams, scored ``PREDICT_SLICE`` messages at a time."""
        for part in _slices(texts):
            views = [normalise(t) for t in part]
            spans = signal_spans_many(part, views)
            probabilities, top_terms = self._probabilities(views, spans, top_k)
            yield from zip(part, spans, probabilities, top_terms, strict=True)

    def _probabilities(self, views: Sequence[NormalisedText], spans: Sequence[Sequence[Span]],
                       top_k: int) -> tuple[list[float], list[list[str]]]:
        """Calibrated probabilities, and each message's ``top_k`` word n-grams."""
        count = len(views)
        decision = np.full(count, self.intercept, dtype=np.float64)
        normalised = [v.text for v in views]
        top_terms: list[list[str]] = [[] for _ in range(count)]
        for block in self.text_blocks:
            counter = block.quickest_counter(count)
            if not top_k or block.name != "words":  # a batch's rows, the chars: no terms
                decision += block_shares(counter, normalised, block.idf, block.coef)
                continue
            share, top = block_shares_and_top(counter, normalised, block.idf, block.coef,
                                              top_k)
            decision += share
            for row, columns in enumerate(top):
                top_terms[row].extend(block.terms[column] for column in columns)
        if self.signal_names:
            matrix = signal_feature_matrix(spans,
                                           pairs=self.signal_names == SIGNAL_PAIR_FEATURES)
            # a row-wise sum, not a matrix product: BLAS may add in another order for
            # another batch size, and a message's score must not depend on its neighbours
            decision += (matrix * self.signal_coef).sum(axis=1)
        a, b = self.calibration
        return [1.0 / (1.0 + math.exp(min(a * value + b, 700.0)))
                for value in decision.tolist()], top_terms


def read_document(directory: Path) -> dict[str, Any]:
    """A bundle's ``model.json``, its format checked (``ValueError`` for another)."""
    document: dict[str, Any] = json.loads((directory / "model.json").read_text(encoding="utf-8"))
    if document.get("format") != BUNDLE_FORMAT:
        raise ValueError(f"model format {document.get('format')!r} is not {BUNDLE_FORMAT!r}")
    return document


def _slices(texts: Sequence[str]) -> list[Sequence[str]]:
    """``texts`` in slices of at most ``PREDICT_SLICE`` messages."""
    return [texts[start : start + PREDICT_SLICE] for start in range(0, len(texts), PREDICT_SLICE)]
