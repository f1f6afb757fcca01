"""Streaming readers and writers for batch files: CSV, TSV, JSON Lines, Parquet, e-mail.

Readers yield rows as lists in column order (so duplicate column names and column
order survive) and report malformed records as ``Reject``s with their line number,
never their content in messages. Undecodable bytes are replaced and counted.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import mailbox
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .compiled import csv_rows as _csv_rows
from .errors import InputError

__all__ = [
    "FORMATS",
    "Reject",
    "TableReader",
    "TableWriter",
    "detect_format",
    "open_reader",
    "open_writer",
]

FORMATS = ("csv", "tsv", "jsonl", "parquet", "eml", "mbox")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
               ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet",
               ".mbox": "mbox", ".eml": "eml"}
csv.field_size_limit(16 * 1024 * 1024)
#: CSV and TSV rows written together (``TableWriter.write``)
_CSV_ROWS_AT_ONCE = 512


def detect_format(path: Path | str, override: str | None = None) -> str:
    """The format named by ``override``, else by the path's extension (a folder is e-mail)."""
    if override:
        if override not in FORMATS:
            raise InputError(f"unknown format {override!r}.", f"use one of {', '.join(FORMATS)}.")
        return override
    if str(path) == "-":
        return "jsonl"
    path = Path(path)
    if path.is_dir():
        return "eml"
    found = _EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise InputError(f"cannot tell the format of {path} from its extension.",
                         f"pass --format ({', '.join(FORMATS)}).")
    return found


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be read as a row: where, why, and its raw text."""

    source: str
    line: int
    reason: str
    raw: str


class _ReplacementCounter:
    """A codec error handler that replaces undecodable bytes and counts them."""

    _serial = itertools.count()

    def __init__(self) -> None:
        self.count = 0
        self.name = f"sextortion_triage_count_{next(self._serial)}"
        codecs.register_error(self.name, self._handle)

    def _handle(self, error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        self.count += error.end - error.start
        return "\ufffd", error.end


@dataclass
class TableReader:
    """Columns plus an iterator of rows, with what went wrong on the way."""

    source: str
    columns: list[str]
    rows: Iterator[list[Any]]
    rejects: list[Reject] = field(default_factory=list)
    replacement: _ReplacementCounter | None = None
    raw: IO[bytes] | None = None  # the underlying file, for progress by bytes read

    def bytes_read(self) -> int:
        """How far into the input file reading has got (0 when unknown)."""
        try:
            return self.raw.tell() if self.raw is not None and not self.raw.closed else 0
        except (OSError, ValueError):
            return 0

    @property
    def replaced_bytes(self) -> int:
        """How many undecodable bytes were replaced with U+FFFD so far."""
        return self.replacement.count if self.replacement else 0


def _text_stream(path: Path, encoding: str) -> tuple[io.TextIOWrapper, _ReplacementCounter,
                                                    IO[bytes]]:
    counter = _ReplacementCounter()
    raw = sys.stdin.buffer if str(path) == "-" else path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding, errors=counter.name, newline="")
    return text, counter, raw


def _read_delimited(path: Path, delimiter: str, encoding: str) -> TableReader:
    stream, counter, raw = _text_stream(path, encoding)
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path} is empty: it has no header line.",
                         "give a file whose first line names the columns.") from None
    except csv.Error as error:
        raise InputError(f"{path}: the header line cannot be read ({error}).") from None
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    result = TableReader(str(path), header, iter(()), replacement=counter, raw=raw)

    def rows() -> Iterator[list[Any]]:
        line = reader.line_num
        writer_buffer = io.StringIO()
        writer = csv.writer(writer_buffer, delimiter=delimiter, lineterminator="")
        while True:
            try:
                record = next(reader)
            except StopIteration:
                stream.close()
                return
            except csv.Error as error:
                result.rejects.append(Reject(str(path), line + 1, f"unreadable record ({error})",
                                             ""))
                line = reader.line_num
                continue
            start, line = line + 1, reader.line_num
            if not record:
                continue  # a blank line is not a row
            if len(record) != len(header):
                writer_buffer.seek(0)
                writer_buffer.truncate()
                writer.writerow(record)
                result.rejects.append(Reject(
                    str(path), start, f"expected {len(header)} fields, found {len(record)}",
                    writer_buffer.getvalue()))
                continue
            yield record

    result.rows = rows()
    return result


def _read_jsonl(path: Path, encoding: str) -> TableReader:
    # First pass: the union of keys, in order of first appearance, so that every output
    # format has the same columns whatever the order of the records.
    columns: dict[str, None] = {}
    scan, _, _ = _text_stream(path, encoding)
    with scan:
        for text in scan:
            try:
                record = json.loads(text)
            except ValueError:
                continue
            if isinstance(record, dict):
                columns.update(dict.fromkeys(record))
    stream, counter, raw = _text_stream(path, encoding)
    names = list(columns)
    result = TableReader(str(path), names, iter(()), replacement=counter, raw=raw)

    def rows() -> Iterator[list[Any]]:
        with stream:
            for number, text in enumerate(stream, 1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except ValueError as error:
                    reason = f"not valid JSON ({type(error).__name__})"
                    result.rejects.append(Reject(str(path), number, reason, text.rstrip("\n")))
                    continue
                if not isinstance(record, dict):
                    result.rejects.append(Reject(str(path), number, "not a JSON object",
                                                 text.rstrip("\n")))
                    continue
                if "\\ud" in text.lower() and _holds_lone_surrogate(record):
                    result.rejects.append(Reject(str(path), number,
                                                 "a string holds a lone surrogate escape "
                                                 "(not a Unicode character)", text.rstrip("\n")))
                    continue
                yield [record.get(name) for name in names]

    result.rows = rows()
    return result


def _holds_lone_surrogate(record: dict[str, Any]) -> bool:
    """Whether a key or string in ``record`` holds a lone surrogate: JSON can escape one
    ("\\ud800"), but it is half of a character, and no UTF-8 output can carry it."""
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _read_parquet(path: Path) -> TableReader:
    parquet = _pyarrow_parquet("read")
    handle = parquet.ParquetFile(path)
    names = list(handle.schema_arrow.names)

    def rows() -> Iterator[list[Any]]:
        for batch in handle.iter_batches(batch_size=10_000):
            columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            yield from (list(values) for values in zip(*columns, strict=True))

    return TableReader(str(path), names, rows())


def _read_emails(path: Path, kind: str) -> TableReader:
    from .reading import read_eml

    def parse(data: bytes, where: str) -> list[Any]:
        try:
            return [where, read_eml(data, source=where), None]
        except InputError as error:
            return [where, None, error.problem]

    def rows() -> Iterator[list[Any]]:
        if kind == "mbox":
            box = mailbox.mbox(str(path), create=False)
            for number, key in enumerate(box.iterkeys(), 1):
                yield parse(box.get_bytes(key), f"{path}#{number}")
        else:
            for file in sorted(path.glob("*.eml")) if path.is_dir() else [path]:
                yield parse(file.read_bytes(), str(file))

    return TableReader(str(path), ["source", "text", "read_error"], rows())


def _pyarrow_parquet(action: str) -> Any:
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise InputError(f"to {action} Parquet files, pyarrow must be installed.",
                         "pip install 'sextortion-triage[parquet]'.") from None
    return parquet


def open_reader(path: Path, fmt: str, *, encoding: str = "utf-8") -> TableReader:
    """Open ``path`` (or ``-`` for standard input) as a table of the given format."""
    if str(path) != "-" and not Path(path).exists():
        raise InputError(f"{path} does not exist.", "check the path.")
    if fmt in ("csv", "tsv"):
        return _read_delimited(Path(path), "," if fmt == "csv" else "\t", encoding)
    if fmt == "jsonl":
        return _read_jsonl(Path(path), encoding)
    if fmt == "parquet":
        return _read_parquet(Path(path))
    return _read_emails(Path(path), fmt)


class TableWriter:
    """Writes rows of one format to an open binary file."""

    def __init__(self, handle: IO[bytes], fmt: str, columns: Sequence[str],
                 list_columns: Sequence[str] = (),
                 parquet_types: dict[str, str] | None = None) -> None:
        self.fmt = fmt
        self.columns = list(columns)
        self._lists = {self.columns.index(name) for name in list_columns}
        self._parquet_types = parquet_types or {}
        self._rows_written = 0
        self._handle = handle
        self._text: io.TextIOWrapper | None = None
        self._parquet: Any = None
        self._pending: list[list[Any]] = []
        if fmt in ("csv", "tsv"):
            self._text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            self._delimiter = "," if fmt == "csv" else "\t"
            self._csv = csv.writer(self._text, delimiter=self._delimiter,
                                   lineterminator="\r\n")
            self._csv.writerow(self.columns)
        elif fmt == "jsonl":
            self._text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        elif fmt != "parquet":
            raise InputError(f"cannot write {fmt} output.", "write csv, tsv, jsonl or parquet.")

    def write(self, row: Sequence[Any]) -> None:
        """Write one row (values in column order). CSV and TSV rows are written
        ``_CSV_ROWS_AT_ONCE`` at a time, by the C extension where it was built
        (``_csv_rows.c``: csv.writer's very text, about a third of a batch parent's work
        when written row by row)."""
        if self.fmt == "jsonl":
            assert self._text is not None
            record = dict(zip(self.columns, row, strict=True))
            self._text.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        elif self.fmt == "parquet":
            self._pending.append(list(row))
            if len(self._pending) >= 10_000:
                self._flush_parquet()
        else:  # None is written as an empty field
            row = list(row)
            for i in self._lists:
                row[i] = "" if row[i] is None else ";".join(row[i])
            self._pending.append(row)
            if len(self._pending) >= _CSV_ROWS_AT_ONCE:
                self._flush_delimited()

    def _flush_delimited(self) -> None:
        """Write the pending CSV or TSV rows."""
        assert self._text is not None
        text = (_csv_rows.format_rows(self._pending, self._delimiter)
                if _csv_rows is not None else None)
        if text is None:  # no extension, or a value it does not take: csv.writer itself
            self._csv.writerows(self._pending)
        else:
            self._text.write(text)
        self._pending.clear()

    def _flush_parquet(self) -> None:
        """Write the pending rows; the first batch fixes each column's type."""
        import pyarrow as pa

        parquet = _pyarrow_parquet("write")
        arrays = []
        for i, name in enumerate(self.columns):
            values = [row[i] for row in self._pending]
            if self._parquet is not None:
                wanted = self._parquet.schema.field(i).type
            elif name in self._parquet_types:
                wanted = pa.type_for_alias(self._parquet_types[name]) if not \
                    self._parquet_types[name].startswith("list") else pa.list_(pa.string())
            else:
                wanted = None
            try:
                array = pa.array(values, type=wanted)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                raise InputError(
                    f"column {name!r} changes type after row {self._rows_written:,}, which "
                    "Parquet cannot hold.", "write CSV or JSON Lines output instead.") from None
            if pa.types.is_null(array.type):
                array = array.cast(pa.string())
            arrays.append(array)
        table = pa.Table.from_arrays(arrays, names=self.columns)
        if self._parquet is None:
            self._parquet = parquet.ParquetWriter(self._handle, table.schema)
        self._parquet.write_table(table)
        self._rows_written += len(self._pending)
        self._pending.clear()

    def close(self) -> None:
        """Flush everything to the underlying file (which stays open)."""
        if self.fmt == "parquet":
            if self._pending or self._parquet is None:
                self._flush_parquet()
            self._parquet.close()
        elif self._text is not None:
            if self.fmt in ("csv", "tsv"):
                self._flush_delimited()
            self._text.flush()
            self._text.detach()


def open_writer(handle: IO[bytes], fmt: str, columns: Sequence[str],
                list_columns: Sequence[str] = (),
                parquet_types: dict[str, str] | None = None) -> TableWriter:
    """A writer for ``fmt`` on ``handle``; ``list_columns`` hold lists (``;``-joined in CSV).

    ``parquet_types`` fixes the Arrow type of named columns (``"double"``, ``"string"``,
    ``"bool"``, ``"list<string>"``); other columns take the type of their first values.
    """
    return TableWriter(handle, fmt, columns, list_columns, parquet_types)
