"""Types of the optional C extension ``_csv_rows.c``."""

from collections.abc import Sequence
from typing import Any

def format_rows(rows: Sequence[Sequence[Any]], delimiter: str, /) -> str | None: ...
