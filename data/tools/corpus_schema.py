"""The corpus vocabulary for the data tools, taken from the package so it is defined once."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from sextortion_triage.corpus import (
    CATEGORIES,
    CHANNELS,
    COLUMNS,
    HARD_NEGATIVE_CATEGORIES,
    LANGS,
    SPLITS,
)

__all__ = ["CATEGORIES", "CHANNELS", "COLUMNS", "HARD_NEGATIVE_CATEGORIES", "LANGS", "SPLITS"]
