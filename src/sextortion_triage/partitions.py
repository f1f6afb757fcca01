"""Partitions of a distributed batch run: how inputs are cut, and scoring one of them.

Everything here is plain Python with no Dask import: the client plans ``Partition``s,
and each worker runs ``score_partition`` on one of them. A partition is a whole CSV,
TSV or JSON Lines file (read with the same strict reader as the local batch, so rejects
keep the file's own line numbers), or a run of row groups of a Parquet file. A worker
scores it chunk by chunk with ``score_frame`` and writes one part file; it returns
counts and rejects, never message text in an error. Task arguments hold file names and
options only, so a failed task's log line cannot quote a message.
"""

from __future__ import annotations

import glob
import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from . import batch as _batch
from .batch_io import Reject, TableReader, detect_format, open_reader, open_writer
from .errors import InputError, TriageError

__all__ = ["DONE_FOLDER", "SUFFIXES", "InputFile", "InputInfo", "Job", "PartResult",
           "Partition", "PartitionError", "expand_inputs", "inspect_input", "merge_counts",
           "plan_partitions", "read_done", "score_partition", "to_rejects"]

DONE_FOLDER = "_done"
SUFFIXES = {"csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl", "parquet": ".parquet"}
INPUT_FORMATS = ("csv", "tsv", "jsonl", "parquet")
_HIDDEN = (".", "_")  # Spark's and Dask's marker files (_SUCCESS, .crc, _metadata)


class PartitionError(TriageError):
    """A partition could not be scored; names the file and partition, never message text."""

    code = "ST301"


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: a whole text file, or some row groups of a Parquet file."""

    number: int
    path: str
    fmt: str
    row_groups: tuple[int, ...] = ()
    rows: int | None = None  # known in advance for Parquet only
    source: str = ""  # the file as the user named it, for messages and rejects

    @property
    def name(self) -> str:
        """The part file's name without extension (``part-00012``)."""
        return f"part-{self.number:05d}"

    def describe(self) -> str:
        """Where this partition comes from, for messages (file name, row groups)."""
        where = self.source or self.path
        if self.row_groups:
            return (f"{where} (row groups {self.row_groups[0]}-{self.row_groups[-1]}, "
                    f"{self.name})")
        return f"{where} ({self.name})"


@dataclass(frozen=True, slots=True)
class Job:
    """What every partition of one run shares: columns, options, where to write."""

    staging: str
    columns: tuple[str, ...]
    text_column: str
    output_format: str
    id_column: str | None = None
    encoding: str = "utf-8"
    min_level: str | None = None
    chunk_size: int = 5_000
    model: str | None = None
    trust_model: bool = False
    parquet_types: tuple[tuple[str, str], ...] = ()
    version: str = __version__


@dataclass
class PartResult:
    """What scoring one partition did; stored beside its part file so a resume can reuse it."""

    number: int
    rows_read: int = 0
    rows_scored: int = 0
    rows_with_problems: int = 0
    rows_written: int = 0
    rows_left_out: int = 0
    replaced_bytes: int = 0
    levels: dict[str, int] = field(default_factory=dict)
    signals: dict[str, int] = field(default_factory=dict)
    problems: dict[str, int] = field(default_factory=dict)
    problem_rows: list[tuple[int, str | None, str]] = field(default_factory=list)
    rejects: list[tuple[str, int, str, str]] = field(default_factory=list)
    model_version: str = ""
    file: str = ""
    bytes: int = 0
    schema: list[tuple[str, str]] = field(default_factory=list)
    pid: int = 0
    seconds: float = 0.0

    def to_json(self) -> str:
        """The record as one JSON document."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> PartResult:
        """Read back a record written by ``to_json``."""
        data = json.loads(text)
        data["problem_rows"] = [tuple(item) for item in data["problem_rows"]]
        data["rejects"] = [tuple(item) for item in data["rejects"]]
        data["schema"] = [tuple(item) for item in data["schema"]]
        return cls(**data)


# ------------------------------------------------------------------ inputs and plan


class InputFile(NamedTuple):
    """An input file: absolute path (what workers open), format, and name as given."""

    path: str
    fmt: str
    name: str


def expand_inputs(inputs: Sequence[str | Path], input_format: str | None) -> list[InputFile]:
    """Each input file with its format: globs expanded (sorted), Parquet folders listed.

    A folder is a Parquet dataset: every ``.parquet`` file under it, in path order,
    skipping names that start with ``.`` or ``_`` (marker files that Spark and Dask write).
    """
    found: list[InputFile] = []
    for item in inputs:
        text = str(item)
        if text == "-":
            raise InputError("the dask engine cannot read standard input.",
                             "give file names or globs, or use --engine local.")
        if glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"no file matches {text}.", "check the pattern.")
        else:
            if not Path(text).exists():
                raise InputError(f"{text} does not exist.", "check the path.")
            matches = [text]
        for match in matches:
            path = Path(match)
            if path.is_dir():
                if input_format not in (None, "parquet"):
                    raise InputError(f"{path} is a folder; the dask engine reads folders as "
                                     "Parquet datasets only.", "give the files instead.")
                files = sorted(p for p in path.rglob("*.parquet") if p.is_file() and not any(
                    part.startswith(_HIDDEN) for part in p.relative_to(path).parts))
                if not files:
                    raise InputError(f"the folder {path} holds no .parquet files.",
                                     "give a Parquet dataset folder, or the files themselves.")
                found.extend(InputFile(str(f.resolve()), "parquet", str(f)) for f in files)
                continue
            fmt = detect_format(path, input_format)
            if fmt not in INPUT_FORMATS:
                raise InputError(f"the dask engine reads CSV, TSV, JSON Lines and Parquet, not "
                                 f"{fmt} ({path}).", "use --engine local for e-mail.")
            found.append(InputFile(str(path.resolve()), fmt, str(path)))
    seen: set[str] = set()
    for entry in found:
        if entry.path in seen:
            raise InputError(f"{entry.name} is named more than once.",
                             "give each input once, or check overlapping globs.")
        seen.add(entry.path)
    return found


@dataclass(frozen=True, slots=True)
class InputInfo:
    """An input's columns, its Parquet row groups, and the text column (first input)."""

    columns: tuple[str, ...]
    row_group_rows: tuple[int, ...] = ()
    parquet_types: tuple[tuple[str, str], ...] = ()
    text_column: str | None = None


def _close(reader: TableReader) -> None:
    close = getattr(reader.rows, "close", None)
    if close is not None:
        close()
    if reader.raw is not None:
        reader.raw.close()


def inspect_input(path: str, fmt: str, encoding: str = "utf-8", *, resolve: bool = False,
                  text_column: str | None = None) -> InputInfo:
    """Read an input's columns (a full pass for JSON Lines, whose keys may vary).

    With ``resolve`` the text column is chosen as the local batch does (the named column,
    else ``text``, else the only text column among the first 200 rows).
    """
    groups: tuple[int, ...] = ()
    types: tuple[tuple[str, str], ...] = ()
    if fmt == "parquet":
        parquet = _pyarrow_parquet()
        handle = parquet.ParquetFile(path)
        metadata = handle.metadata
        groups = tuple(metadata.row_group(i).num_rows for i in range(metadata.num_row_groups))
        types = _aliased_types(handle.schema_arrow)
        reader = _parquet_reader(path, ())
    else:
        reader = open_reader(Path(path), fmt, encoding=encoding)
    try:
        columns = tuple(reader.columns)
        chosen = None
        if resolve:
            sample = [row for _, row in zip(range(200), reader.rows, strict=False)]
            chosen = columns[_batch.resolve_text_column(list(columns), text_column, sample)]
    finally:
        _close(reader)
    return InputInfo(columns, groups, types, chosen)


def _aliased_types(schema: Any) -> tuple[tuple[str, str], ...]:
    """Arrow types of a Parquet input's columns that the batch writer can name."""
    import pyarrow as pa

    types = []
    for column in schema:
        alias = str(column.type)
        try:
            if pa.type_for_alias(alias) == column.type:
                types.append((column.name, alias))
        except ValueError:
            continue
    return tuple(types)


def plan_partitions(files: Sequence[InputFile], infos: Sequence[InputInfo],
                    partition_rows: int) -> list[Partition]:
    """Cut the inputs: a text file is one partition; Parquet row groups are grouped up to
    ``partition_rows`` rows (a row group is never split)."""
    plan: list[Partition] = []
    for (path, fmt, name), info in zip(files, infos, strict=True):
        if fmt != "parquet":
            plan.append(Partition(len(plan), path, fmt, source=name))
            continue
        group: list[int] = []
        rows = 0
        for index, count in enumerate(info.row_group_rows):
            if group and rows + count > partition_rows:
                plan.append(Partition(len(plan), path, fmt, tuple(group), rows, name))
                group, rows = [], 0
            group.append(index)
            rows += count
        if group or not info.row_group_rows:
            plan.append(Partition(len(plan), path, fmt, tuple(group), rows, name))
    return plan


# ------------------------------------------------------------------ one partition


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise InputError("to read or write Parquet files, pyarrow must be installed.",
                         "pip install 'sextortion-triage[dask]'.") from None
    return parquet


def _parquet_reader(path: str, row_groups: tuple[int, ...]) -> TableReader:
    """The rows of some row groups (all when empty), as the local batch reads them."""
    handle = _pyarrow_parquet().ParquetFile(path)
    names = list(handle.schema_arrow.names)
    chosen = list(row_groups) if row_groups else None

    def rows() -> Iterator[list[Any]]:
        for batch in handle.iter_batches(batch_size=10_000, row_groups=chosen):
            columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            yield from (list(values) for values in zip(*columns, strict=True))

    return TableReader(path, names, rows())


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _scored_chunks(reader: TableReader, job: Job, result: PartResult
                   ) -> Iterator[list[Any]]:
    """Score ``reader``'s rows with ``score_frame``, a chunk at a time, updating ``result``."""
    import pandas as pd

    width = len(job.columns)
    id_index = job.columns.index(job.id_column) if job.id_column is not None else None
    while True:
        chunk = [row for _, row in zip(range(job.chunk_size), reader.rows, strict=False)]
        if not chunk:
            return
        frame = pd.DataFrame(chunk, columns=list(job.columns), dtype=object)
        scored = _batch.score_frame(frame, job.text_column, model=_model_path(job),
                                    trust_model=job.trust_model)
        added = [scored.iloc[:, width + i].tolist() for i in range(len(_batch.ADDED_COLUMNS))]
        for offset, row in enumerate(chunk):
            # pandas turns a missing value in a scored column into NaN; put None back.
            values: list[Any] = [None if _missing(column[offset]) else column[offset]
                                 for column in added]
            result.rows_read += 1
            problem: str | None = values[-1]
            if problem is not None:
                result.rows_with_problems += 1
                result.problems[problem] = result.problems.get(problem, 0) + 1
                if len(result.problem_rows) < 5:
                    label = f"id {row[id_index]}" if id_index is not None else None
                    result.problem_rows.append((result.rows_read, label, problem))
            else:
                result.rows_scored += 1
                result.levels[values[1]] = result.levels.get(values[1], 0) + 1
                for name in values[3]:
                    result.signals[name] = result.signals.get(name, 0) + 1
            result.model_version = values[4] or result.model_version
            yield [*row, *values]


def _model_path(job: Job) -> Path | None:
    return Path(job.model) if job.model is not None else None


def score_partition(part: Partition, job: Job) -> PartResult:
    """Score one partition into ``job.staging``: ``part-NNNNN.<ext>`` then its record.

    The part file is written under a temporary name and renamed when complete; the
    record in ``_done/`` is written last, so a part counts as done only when both exist.
    Errors name the file and partition; other exceptions are reduced to their type so
    no message text reaches a log.
    """
    import time

    started = time.monotonic()
    try:
        return _score_partition(part, job, started)
    except TriageError:
        raise
    except OSError as error:
        raise PartitionError(f"{part.describe()}: {type(error).__name__} "
                             f"({error.strerror or 'input/output error'}) at "
                             f"{_where(error)}.") from None
    except Exception as error:
        raise PartitionError(f"{part.describe()}: {type(error).__name__} at {_where(error)}.",
                             "rerun with --resume; report it if it happens again.") from None


def _where(error: BaseException) -> str:
    """File and line where ``error`` was raised (its message may quote data, this cannot)."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "unknown"


def _score_partition(part: Partition, job: Job, started: float) -> PartResult:
    import time

    if job.version != __version__:
        raise PartitionError(f"a worker runs sextortion-triage {__version__}, the client "
                             f"{job.version}.", "install the same version on every machine.")
    staging = Path(job.staging)
    final = staging / (part.name + SUFFIXES[job.output_format])
    temp = staging / f".{final.name}.{uuid.uuid4().hex}.partial"
    if part.fmt == "parquet":
        reader = _parquet_reader(part.path, part.row_groups)
    else:
        reader = open_reader(Path(part.path), part.fmt, encoding=job.encoding)
    result = PartResult(part.number, file=final.name, pid=os.getpid())
    try:
        if tuple(reader.columns) != job.columns:
            raise InputError(f"{part.source or part.path} has different columns from the "
                             "first input.",
                             "batch files with the same columns together.")
        out_columns = [*job.columns, *_batch.ADDED_COLUMNS]
        types = dict(job.parquet_types)
        types.update(_batch._ADDED_TYPES)
        with temp.open("wb") as handle:
            writer = open_writer(handle, job.output_format, out_columns,
                                 list_columns=["signals"], parquet_types=types)
            level_index = len(job.columns) + 1
            wanted = _batch.LEVEL_RANK[job.min_level] if job.min_level else None
            for row in _scored_chunks(reader, job, result):
                level = row[level_index]
                if wanted is not None and level is not None and \
                        _batch.LEVEL_RANK[level] < wanted:
                    result.rows_left_out += 1
                    continue
                writer.write(row)
                result.rows_written += 1
            writer.close()
            handle.flush()
            os.fsync(handle.fileno())
        result.rejects = [(part.source or r.source, r.line, r.reason, r.raw)
                          for r in reader.rejects]
        result.replaced_bytes = reader.replaced_bytes
        if job.output_format == "parquet":
            schema = _pyarrow_parquet().read_schema(temp)
            result.schema = [(column.name, str(column.type)) for column in schema]
        os.replace(temp, final)
        result.bytes = final.stat().st_size
        result.seconds = time.monotonic() - started
        record = staging / DONE_FOLDER / f"{part.name}.json"
        record_temp = record.with_name(f".{record.name}.{uuid.uuid4().hex}.partial")
        record_temp.write_text(result.to_json(), encoding="utf-8")
        os.replace(record_temp, record)
        return result
    finally:
        _close(reader)
        temp.unlink(missing_ok=True)


def read_done(staging: Path, part: Partition, output_format: str) -> PartResult | None:
    """The record of a finished part, if its part file is there with the recorded size."""
    record = staging / DONE_FOLDER / f"{part.name}.json"
    data = staging / (part.name + SUFFIXES[output_format])
    if not record.is_file() or not data.is_file():
        return None
    try:
        result = PartResult.from_json(record.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError):
        return None
    if result.number != part.number or result.bytes != data.stat().st_size:
        return None
    return result


def to_rejects(result: PartResult) -> list[Reject]:
    """A part's rejects as the batch's ``Reject`` records."""
    return [Reject(*item) for item in result.rejects]


def merge_counts(total: Counter[str], part: dict[str, int]) -> None:
    """Add one part's counts to a run's counter."""
    total.update(part)
