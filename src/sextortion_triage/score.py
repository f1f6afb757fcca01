"""The scoring API: ``score`` for one message, ``score_many`` for many (same results), and
``prepare`` for a process that goes on to score one message at a time."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .advice import advice_for, resolve_region, wording
from .engine import LinearBundle, Prediction
from .errors import InputError
from .metrics import level_of
from .model import load_model
from .results import TriageResult, scored_result

__all__ = ["prepare", "score", "score_many"]

#: scored by ``prepare``: what a first real message would otherwise build
_WARM_UP = "warm-up: build the detectors' tables now, not on the first real message"


def _check_text(text: object, position: int | None = None) -> str:
    where = "" if position is None else f" at position {position}"
    if not isinstance(text, str):
        raise TypeError(f"text{where} must be str, not {type(text).__name__}")
    if not text or text.isspace():  # what strip() leaves nothing of, without a copy
        raise InputError(f"text{where} is empty.", "give the message to score.")
    return text


def _result(prediction: Prediction, bundle: LinearBundle, region: str,
            under_18: bool | None) -> TriageResult:
    probability, signals = prediction.probability, prediction.signals
    thresholds = bundle.metadata["thresholds"]
    level = level_of(probability, thresholds)
    use_under_18 = bool(under_18) or (
        under_18 is None and "minor_indicator" in [s.name for s in signals])
    notes = (wording("notes")["under_18_from_message"],) if use_under_18 and not under_18 else ()
    return scored_result(
        score=probability,
        risk_level=level,  # type: ignore[arg-type]
        is_sextortion=probability >= thresholds["medium"],
        signals=signals,
        top_terms=prediction.top_terms,
        advice=advice_for(level, signals, region=region, under_18=use_under_18),
        model_version=str(bundle.metadata["model_version"]),
        notes=notes,
    )


def score_many(
    texts: Iterable[str],
    *,
    region: str | None = None,
    under_18: bool | None = None,
    model: Path | None = None,
    trust_model: bool = False,
) -> list[TriageResult]:
    """Score many messages in one vectorised pass; same results as ``score`` on each.

    ``under_18=None`` lets a ``minor_indicator`` signal switch on the under-18 advice;
    ``True`` or ``False`` forces it.
    """
    items = [_check_text(t, i) for i, t in enumerate(texts)]
    region = resolve_region(region)
    bundle = load_model(model, trust=trust_model)
    predictions = bundle.predict(items)
    return [_result(p, bundle, region, under_18) for p in predictions]


def score(
    text: str,
    *,
    region: str | None = None,
    under_18: bool | None = None,
    model: Path | None = None,
    trust_model: bool = False,
) -> TriageResult:
    """Score one message and choose the advice for it.

    Parameters
    ----------
    text : the message (any length; never logged or stored).
    region : ``uk``, ``us``, ``au``, ``ca``, ``ie`` or ``intl``
        (default: $SEXTORTION_TRIAGE_REGION, else ``intl``).
    under_18 : force the under-18 advice on or off; ``None`` lets the message decide.
    model : a model directory with its card (default: the model shipped with the package).

    Returns
    -------
    TriageResult with ``score`` (0-1), ``risk_level``, ``is_sextortion``, ``signals``,
    ``top_terms``, ``advice`` and ``model_version``.

    Raises
    ------
    TypeError for non-text input; InputError for empty text; ModelIntegrityError when
    the model files do not match their card.
    """
    return score_many([_check_text(text)], region=region, under_18=under_18, model=model,
                      trust_model=trust_model)[0]


def prepare(*, model: Path | None = None, trust_model: bool = False) -> None:
    """Make a long-lived process (a server, a worker that scores one message at a time)
    quick from its first message on: load and verify the model, and build the tables
    that narrow each message's pattern searches. Every later ``score`` call then searches
    only the patterns that may match its message, for the same results: by hand, a
    ``score`` loop over corpus messages took 394 µs a message after ``prepare`` against
    812 without. It takes under 0.1 s where the cache folder already holds what the
    tables are built from, and about 13 s the first time on a machine (Hyperscan
    compiles its database). A one-off call, such as ``check``, is quicker without it.
    """
    load_model(model, trust=trust_model).prepare()
    score_many([_WARM_UP], model=model, trust_model=trust_model)
