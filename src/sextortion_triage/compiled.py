"""The optional C extensions (``_grams.c``, ``_csv_rows.c``), or None where the package was
built without them; and whether other optional compiled modules (RE2, Hyperscan) import
here.

Every caller has a pure-Python path that gives the same results; the extensions only
make batch scoring faster. ``tests/test_compiled.py`` and ``tests/test_csv_rows.py``
compare the two.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

__all__ = ["csv_rows", "grams", "importable"]


@functools.cache
def importable(name: str) -> bool:
    """Whether the optional module ``name`` can be imported here."""
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def _extension(name: str) -> ModuleType | None:
    """This package's C extension ``name``, or None (no C compiler at install time)."""
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ImportError:
        return None


grams = _extension("_grams")
csv_rows = _extension("_csv_rows")
