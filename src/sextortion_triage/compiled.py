"""The optional C extension (``_grams.c``), or None where the package was built without it;
and whether other optional compiled modules (RE2, Hyperscan) import here.

Every caller has a pure-Python path that gives the same results; the extension only
makes batch scoring faster. ``tests/test_compiled.py`` compares the two.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

__all__ = ["grams", "importable"]


@functools.cache
def importable(name: str) -> bool:
    """Whether the optional module ``name`` can be imported here."""
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


grams: ModuleType | None
try:
    from . import _grams as grams
except ImportError:  # no C compiler when the package was installed
    grams = None
