"""The optional C extension (``_grams.c``), or None where the package was built without it.

Every caller has a pure-Python path that gives the same results; the extension only
makes batch scoring faster. ``tests/test_compiled.py`` compares the two.
"""

from __future__ import annotations

from types import ModuleType

__all__ = ["grams"]

grams: ModuleType | None
try:
    from . import _grams as grams
except ImportError:  # no C compiler when the package was installed
    grams = None
