"""Batch output rows are csv.writer's, byte for byte, with or without the C extension."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sextortion_triage import batch_io, compiled
from sextortion_triage.batch_io import open_writer

format_rows = compiled.csv_rows.format_rows if compiled.csv_rows is not None else None
needs_extension = pytest.mark.skipif(format_rows is None, reason="the C extension is not built")

#: text with the characters that decide quoting, and any others
texts = st.text(st.sampled_from(',\t"\r\n ;é€😀\x7f\u2028a') | st.characters(), max_size=30)
values = st.one_of(st.none(), texts, st.floats(), st.integers(), st.booleans())


def _csv_writer_text(rows: Sequence[Sequence[Any]], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


@needs_extension
@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(values, max_size=6), max_size=5), st.sampled_from([",", "\t"]))
def test_rows_are_formatted_as_csv_writer_formats_them(rows: list[list[Any]],
                                                       delimiter: str) -> None:
    if any("\x00" in v for row in rows for v in row if isinstance(v, str)):
        assert format_rows(rows, delimiter) is None  # left to csv.writer
        return
    assert format_rows(rows, delimiter) == _csv_writer_text(rows, delimiter)


@needs_extension
def test_a_lone_empty_field_and_an_empty_row_are_written_as_csv_writer_writes_them() -> None:
    rows = [[""], [None], [], ["", ""]]
    assert format_rows(rows, ",") == '""\r\n""\r\n\r\n,\r\n' == _csv_writer_text(rows, ",")


@needs_extension
def test_values_it_does_not_take_are_left_to_csv_writer() -> None:
    assert format_rows([["ok"], [{"a": 1}]], ",") is None
    assert format_rows([["nul \x00 inside"]], ",") is None
    with pytest.raises(TypeError, match="sequence"):
        format_rows([1], ",")
    with pytest.raises(ValueError, match="delimiter"):
        format_rows([["a"]], '"')


def _written(rows: list[list[Any]], fmt: str) -> bytes:
    handle = io.BytesIO()
    writer = open_writer(handle, fmt, ["id", "text", "signals"], list_columns=["signals"])
    for row in rows:
        writer.write(row)
    writer.close()
    return handle.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_the_writer_gives_the_same_bytes_with_and_without_the_extension(
        fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # more rows than one write takes, a row csv.writer must write itself, lists and None
    rows = [[f"m{n}", f'say "{n}",\tnow\r\n' if n % 3 else "é€😀", ["a", "b"] if n % 2 else None]
            for n in range(batch_io._CSV_ROWS_AT_ONCE * 2 + 7)]
    rows[600][1] = {"not": "a string"}
    with_extension = _written(rows, fmt)
    monkeypatch.setattr(batch_io, "_csv_rows", None)
    plain = _written(rows, fmt)
    delimiter = "," if fmt == "csv" else "\t"
    expected = _csv_writer_text(
        [["id", "text", "signals"],
         *([i, t, "" if s is None else ";".join(s)] for i, t, s in rows)], delimiter)
    assert with_extension == plain == expected.encode()
