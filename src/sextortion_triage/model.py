"""Find, verify and load the model: the shipped one, or one the user names.

Every model directory holds ``model.json``, ``weights.npz`` and ``model_card.json``;
the card lists the sha256 of each model file, and a model is loaded only when they
match (unless the caller explicitly trusts it). The loaded model is cached per
directory and shared between threads.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from .engine import BUNDLE_FORMAT, LinearBundle, read_document
from .errors import ModelFormatError, ModelIntegrityError

__all__ = ["CARD_NAME", "MODEL_FILES", "file_sha256", "load_model", "model_metadata",
           "shipped_model_dir", "verify_model"]

MODEL_FILES = ("model.json", "weights.npz")
CARD_NAME = "model_card.json"
_CACHE: dict[tuple[Path, bool], LinearBundle] = {}
_LOCK = threading.Lock()


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@functools.cache
def shipped_model_dir() -> Path:
    """The model installed with the package (falls back to a source checkout's models/).

    Found once per process: looking it up cost every ``score`` call about 30 us."""
    try:
        packaged = resources.files("sextortion_triage.shipped_model")
    except ModuleNotFoundError:
        packaged = None
    if isinstance(packaged, Path) and (packaged / "model.json").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models"
    if (checkout / "model.json").is_file():
        return checkout
    raise ModelIntegrityError(
        "no model is installed with this package.",
        "reinstall sextortion-triage, or train one with 'sextortion-triage train'.",
    )


def verify_model(directory: Path | None = None) -> dict[str, Any]:
    """Check every model file against the sha256 in the card; return the card.

    Raises ``ModelIntegrityError`` naming the file that does not match.
    """
    directory = Path(directory) if directory is not None else shipped_model_dir()
    card_path = directory / CARD_NAME
    if not card_path.is_file():
        raise ModelIntegrityError(
            f"{card_path} is missing, so the model in {directory} cannot be verified.",
            "use a model directory written by 'sextortion-triage train', or pass --trust-model.",
        )
    card = json.loads(card_path.read_text(encoding="utf-8"))
    expected = card.get("files", {})
    for name in MODEL_FILES:
        path = directory / name
        if not path.is_file():
            raise ModelIntegrityError(f"{path} is missing.", "retrain or reinstall the model.")
        if expected.get(name) != file_sha256(path):
            raise ModelIntegrityError(
                f"{path} does not match the sha256 in its model card (modified or corrupted).",
                "reinstall the package or retrain; pass --trust-model only for a model you built.",
            )
    return dict(card)


def load_model(directory: Path | None = None, *, trust: bool = False) -> LinearBundle:
    """Load (once) and return the model in ``directory`` (default: the shipped model)."""
    directory = Path(directory).resolve() if directory is not None else shipped_model_dir()
    key = (directory, trust)
    with _LOCK:
        if key not in _CACHE:
            if not trust:
                verify_model(directory)
            try:
                _CACHE[key] = LinearBundle.load(directory)
            except (ValueError, KeyError) as error:
                raise _unreadable(directory, error) from None
        return _CACHE[key]


def _unreadable(directory: Path, error: Exception) -> ModelFormatError:
    return ModelFormatError(f"the model in {directory} cannot be read by this version "
                            f"(expects format {BUNDLE_FORMAT}): {error}",
                            "retrain it with this version: sextortion-triage train")


def model_metadata(directory: Path | None = None, *, trust: bool = False) -> dict[str, Any]:
    """The model's ``metadata`` (version, thresholds), checked as ``load_model`` checks
    the files, without keeping its vocabularies: a batch's parent process, which only
    hands the messages to its workers, then does not hold a copy of them (about 25 MB).
    The model itself, when already loaded here, is not read again."""
    directory = Path(directory).resolve() if directory is not None else shipped_model_dir()
    with _LOCK:
        loaded = _CACHE.get((directory, trust))
    if loaded is not None:
        return loaded.metadata
    if not trust:
        verify_model(directory)
    try:
        metadata: dict[str, Any] = read_document(directory)["metadata"]
        return metadata
    except (ValueError, KeyError, OSError) as error:
        raise _unreadable(directory, error) from None
