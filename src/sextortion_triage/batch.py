"""Score whole files as a moderators' triage queue, keeping every row and column.

``run_batch`` streams the inputs in chunks (memory stays flat), scores each chunk with
``score_many``'s engine, and writes every input row with ``score``, ``risk_level``,
``is_sextortion``, ``signals``, ``model_version`` and ``error`` added. Rows that
cannot be scored (empty or missing text) are kept with an empty score and a reason;
records that cannot be read as rows are written to the rejects file with their line
number. Output goes to a temporary file that is renamed only when the run succeeds,
so an interrupted run leaves no output behind.
"""

from __future__ import annotations

import heapq
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, Any

from .batch_io import Reject, TableReader, detect_format, open_reader, open_writer
from .errors import InputError
from .metrics import level_of
from .parallel import ChunkScorer, available_cores

__all__ = ["ADDED_COLUMNS", "BatchSummary", "check_input_columns", "resolve_text_column",
           "run_batch", "score_frame"]

ADDED_COLUMNS = ("score", "risk_level", "is_sextortion", "signals", "model_version", "error")
_ADDED_TYPES = {"score": "double", "risk_level": "string", "is_sextortion": "bool",
                "signals": "list<string>", "model_version": "string", "error": "string"}
LEVEL_RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass
class BatchSummary:
    """What a batch run did, for the closing report and for callers."""

    rows_read: int = 0
    rows_scored: int = 0
    rows_with_problems: int = 0
    rows_written: int = 0
    rows_left_out: int = 0
    rejects: list[Reject] = field(default_factory=list)
    replaced_bytes: int = 0
    levels: Counter[str] = field(default_factory=Counter)
    signals: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)
    problem_rows: list[str] = field(default_factory=list)  # the first few, by id or row
    seconds: float = 0.0

    def lines(self, rejects_path: Path | None, min_level: str | None) -> list[str]:
        """The closing report, one fact per line (no message text)."""
        rate = self.rows_read / self.seconds if self.seconds else 0.0
        out = [f"rows read {self.rows_read:,}; scored {self.rows_scored:,}; with problems "
               f"{self.rows_with_problems:,}; rejected {len(self.rejects):,} "
               f"({rate:,.0f} rows/s)"]
        if self.problems:
            out.append("problems: " + ", ".join(f"{reason} {n:,}" for reason, n in
                                                self.problems.most_common()))
            more = self.rows_with_problems - len(self.problem_rows)
            out.append("rows with problems: " + ", ".join(self.problem_rows)
                       + (f" and {more:,} more" if more > 0 else ""))
        out.append("levels: " + ", ".join(f"{level} {self.levels[level]:,}"
                                          for level in ("high", "medium", "low")))
        if self.signals:
            out.append("most frequent signals: " + ", ".join(
                f"{name} {n:,}" for name, n in self.signals.most_common(5)))
        for reject in self.rejects[:5]:
            out.append(f"rejected {reject.source} line {reject.line}: {reject.reason}")
        if len(self.rejects) > 5:
            out.append(f"... and {len(self.rejects) - 5:,} more rejected records")
        if self.rejects and rejects_path is not None:
            out.append(f"rejected records written to {rejects_path}")
        if self.replaced_bytes:
            out.append(f"replaced {self.replaced_bytes:,} undecodable bytes with U+FFFD "
                       "(pass --encoding if the file is not UTF-8)")
        accounting = (f"rows in {self.rows_read + len(self.rejects):,} = rows out "
                      f"{self.rows_written:,} + rejected {len(self.rejects):,}")
        if min_level:
            accounting += f" + left out below {min_level} {self.rows_left_out:,}"
        out.append(accounting)
        return out


def resolve_text_column(columns: Sequence[str], text_column: str | None,
                        sample: Sequence[Sequence[Any]] = ()) -> int:
    """Index of the text column: the named one, else ``text``, else the only text column."""
    listing = ", ".join(repr(c) for c in columns)
    wanted = text_column or ("text" if "text" in columns else None)
    if wanted is not None:
        positions = [i for i, name in enumerate(columns) if name == wanted]
        if not positions:
            raise InputError(f"there is no column {wanted!r}; the columns are {listing}.",
                             "choose one with --text-column.")
        if len(positions) > 1:
            raise InputError(f"column {wanted!r} appears {len(positions)} times "
                             f"(positions {', '.join(str(p + 1) for p in positions)}).",
                             "rename one of them, or choose another with --text-column.")
        return positions[0]
    textual = [i for i in range(len(columns))
               if sample and all(isinstance(row[i], str) and not _is_number(row[i])
                                 for row in sample if row[i] not in (None, ""))
               and any(row[i] not in (None, "") for row in sample)]
    if len(textual) == 1:
        return textual[0]
    raise InputError(f"no column is called 'text' and the text column is not clear; the "
                     f"columns are {listing}.", "choose one with --text-column.")


def check_input_columns(sources: Sequence[tuple[str, Sequence[str]]],
                        id_column: str | None) -> list[str]:
    """The columns every input shares; an error if they differ, clash with the added
    columns, or ``id_column`` does not name exactly one of them. ``sources`` are
    (name, columns) pairs, the first one setting the columns."""
    first_name, first_columns = sources[0]
    columns = list(first_columns)
    for name, other in sources[1:]:
        if list(other) != columns:
            raise InputError(f"{name} has different columns from {first_name}.",
                             "batch files with the same columns together.")
    clash = [name for name in ADDED_COLUMNS if name in columns]
    if clash:
        raise InputError(f"the input already has columns named {clash}.",
                         "rename them (for example score -> old_score) before scoring.")
    if id_column is not None and columns.count(id_column) != 1:
        raise InputError(f"--id-column {id_column!r} must name exactly one column; the "
                         f"columns are {', '.join(repr(c) for c in columns)}.")
    return columns


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _problem(value: Any) -> str | None:
    if isinstance(value, str):  # nearly every row: one test
        return None if value and not value.isspace() else "text empty"
    if (value is None or (isinstance(value, float) and value != value)
            or type(value).__name__ == "NAType"):  # pandas.NA, from Arrow-backed strings
        return "text missing"
    return "text is not a string"


def _chunks(reader: TableReader, chunk_size: int, text_index: int
            ) -> Iterator[tuple[tuple[list[list[Any]], list[str | None]], list[str]]]:
    """Chunks of rows with each row's problem (or None) and the texts that can be scored."""
    while True:
        chunk = [row for _, row in zip(range(chunk_size), reader.rows, strict=False)]
        if not chunk:
            return
        problems = [_problem(row[text_index]) for row in chunk]
        texts = [row[text_index] for row, problem in zip(chunk, problems, strict=True)
                 if problem is None]
        yield (chunk, problems), texts


def _scored_rows(reader: TableReader, text_index: int, scorer: ChunkScorer,
                 summary: BatchSummary, chunk_size: int,
                 on_progress: Callable[[int], None],
                 id_index: int | None = None) -> Iterator[list[Any]]:
    """Yield input rows with the added columns, scoring a chunk at a time."""
    thresholds = scorer.metadata["thresholds"]
    version = str(scorer.metadata["model_version"])
    for (chunk, problems), scores in scorer.map(_chunks(reader, chunk_size, text_index)):
        scored = iter(scores)
        for row, problem in zip(chunk, problems, strict=True):
            summary.rows_read += 1
            if problem is not None:
                summary.rows_with_problems += 1
                summary.problems[problem] += 1
                if len(summary.problem_rows) < 5:
                    name = (f"id {row[id_index]}" if id_index is not None
                            else f"row {summary.rows_read}")
                    summary.problem_rows.append(f"{name} ({problem})")
                yield [*row, None, None, None, None, version, problem]
                continue
            probability, names = next(scored)
            level = level_of(probability, thresholds)
            summary.rows_scored += 1
            summary.levels[level] += 1
            summary.signals.update(names)
            yield [*row, probability, level, probability >= thresholds["medium"], list(names),
                   version, None]
        on_progress(len(chunk))


class _Progress:
    """Rows done, rows per second and time left, on standard error, when it is a terminal.

    Time left is estimated from the bytes read so far against the inputs' sizes.
    """

    def __init__(self, enabled: bool, readers: Sequence[TableReader],
                 sizes: Sequence[int]) -> None:
        self.enabled = enabled
        self.readers = readers
        self.sizes = sizes
        self.rows = 0
        self.started = time.monotonic()
        self.last = 0.0

    def _fraction(self) -> float | None:
        total = sum(self.sizes)
        if not total:
            return None
        done = 0
        for reader, size in zip(self.readers, self.sizes, strict=True):
            position = reader.bytes_read()
            done += size if position == 0 and reader.raw is not None and reader.raw.closed \
                else min(position, size)
        return done / total

    def __call__(self, rows: int) -> None:
        self.rows += rows
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.5:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        line = f"\r{self.rows:,} rows  {self.rows / elapsed:,.0f} rows/s"
        fraction = self._fraction()
        if fraction:
            left = elapsed * (1 - fraction) / fraction
            line += f"  {fraction:.0%}  about {int(left // 60)}m{int(left % 60):02d}s left"
        sys.stderr.write(line + "   ")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _sorted_by_risk(rows: Iterator[list[Any]], score_index: int,
                    workdir: Path, run_size: int) -> Iterator[list[Any]]:
    """External merge sort: highest score first, input order among equals, errors last."""
    runs: list[Path] = []
    position = 0

    def key(item: tuple[int, list[Any]]) -> tuple[float, int]:
        number, row = item
        score = row[score_index]
        return (-score if score is not None else float("inf"), number)

    while True:
        batch = [(position + i, row) for i, row in zip(range(run_size), rows, strict=False)]
        if not batch:
            break
        position += len(batch)
        batch.sort(key=key)
        run = workdir / f"run-{len(runs):05d}.jsonl"
        with run.open("w", encoding="utf-8") as handle:
            for number, row in batch:
                handle.write(json.dumps([*key((number, row)), row], ensure_ascii=False,
                                        default=str) + "\n")
        runs.append(run)
    handles = [run.open(encoding="utf-8") for run in runs]
    try:
        streams = [(json.loads(line) for line in handle) for handle in handles]
        for _, _, row in heapq.merge(*streams, key=lambda item: (item[0], item[1])):
            yield row
    finally:
        for handle in handles:
            handle.close()


class _Interrupted(Exception):
    pass


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted(signal.Signals(signum).name)


def run_batch(
    inputs: Sequence[Path],
    output: Path | str,
    *,
    input_format: str | None = None,
    output_format: str | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    encoding: str = "utf-8",
    sort_by_risk: bool = False,
    min_level: str | None = None,
    rejects: Path | None = None,
    force: bool = False,
    chunk_size: int = 5_000,
    progress: bool = False,
    model: Path | None = None,
    trust_model: bool = False,
    workers: int | None = None,
) -> BatchSummary:
    """Score every row of ``inputs`` into ``output`` (``-`` for JSON Lines on stdout).

    ``workers`` processes score chunks side by side (default: one per available core);
    the output is the same, row for row, whatever the number.
    """
    if min_level not in (None, "medium", "high"):
        raise InputError(f"min_level must be medium or high, not {min_level!r}.")
    to_stdout = str(output) == "-"
    out_format = "jsonl" if to_stdout else detect_format(output, output_format)
    if out_format not in ("csv", "tsv", "jsonl", "parquet"):
        raise InputError(f"cannot write {out_format} output.", "use .csv, .tsv, .jsonl or "
                         ".parquet, or --output-format.")
    out_path = None if to_stdout else Path(output)
    _check_paths(inputs, out_path, rejects, force)
    if workers is not None and workers < 1:
        raise InputError(f"workers must be at least 1, not {workers}.")
    scorer = ChunkScorer(workers=workers or available_cores(), model=model,
                         trust_model=trust_model)
    scorer.check_model()
    workdir = Path(tempfile.mkdtemp(prefix="sextortion-triage-"))
    try:
        return _run(inputs, out_path, out_format, workdir, scorer, input_format=input_format,
                    text_column=text_column, id_column=id_column, encoding=encoding,
                    sort_by_risk=sort_by_risk, min_level=min_level, rejects=rejects,
                    chunk_size=chunk_size, progress=progress)
    finally:
        for leftover in workdir.glob("*"):
            leftover.unlink()
        workdir.rmdir()


def _spool_stdin(workdir: Path) -> Path:
    """Copy standard input to a file, so that formats read twice (JSON Lines) lose nothing."""
    spooled = workdir / "stdin"
    with spooled.open("wb") as handle:
        while block := sys.stdin.buffer.read(1 << 20):
            handle.write(block)
    return spooled


def _run(inputs: Sequence[Path], out_path: Path | None, out_format: str, workdir: Path,
         scorer: ChunkScorer, *, input_format: str | None, text_column: str | None,
         id_column: str | None, encoding: str, sort_by_risk: bool, min_level: str | None,
         rejects: Path | None, chunk_size: int, progress: bool) -> BatchSummary:
    sources = [_spool_stdin(workdir) if str(path) == "-" else Path(path) for path in inputs]
    readers = [open_reader(source, detect_format(path, input_format), encoding=encoding)
               for path, source in zip(inputs, sources, strict=True)]
    columns = check_input_columns([(str(r.source), r.columns) for r in readers], id_column)
    first_rows = _peek(readers[0])
    text_index = resolve_text_column(columns, text_column, first_rows)
    id_index = None if id_column is None else columns.index(id_column)
    summary = BatchSummary()
    started = time.monotonic()
    sizes = [source.stat().st_size if source.is_file() else 0 for source in sources]
    meter = _Progress(progress, readers, sizes)

    def all_rows() -> Iterator[list[Any]]:
        for reader in readers:
            yield from _scored_rows(reader, text_index, scorer, summary, chunk_size, meter,
                                    id_index)

    out_columns = [*columns, *ADDED_COLUMNS]
    score_index, level_index = len(columns), len(columns) + 1
    catch = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {sig: signal.signal(sig, _raise_interrupted) for sig in catch}
    temp: Path | None = None
    try:
        handle: IO[bytes]
        if out_path is None:
            handle = sys.stdout.buffer
        else:
            descriptor, name = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".partial",
                                                dir=out_path.parent)
            temp = Path(name)
            handle = os.fdopen(descriptor, "wb")
        writer = open_writer(handle, out_format, out_columns, list_columns=["signals"],
                             parquet_types=_ADDED_TYPES)
        rows = all_rows()
        if sort_by_risk:
            rows = _sorted_by_risk(rows, score_index, workdir, max(chunk_size * 20, 10_000))
        for row in rows:
            level = row[level_index]
            if min_level and level is not None and LEVEL_RANK[level] < LEVEL_RANK[min_level]:
                summary.rows_left_out += 1
                continue
            writer.write(row)
            summary.rows_written += 1
        writer.close()
        if temp is not None:
            handle.close()
        for reader in readers:
            summary.rejects.extend(reader.rejects)
            summary.replaced_bytes += reader.replaced_bytes
        if rejects is not None and summary.rejects:
            _write_rejects(rejects, summary.rejects)
        if temp is not None and out_path is not None:
            os.replace(temp, out_path)
            temp = None
    except (_Interrupted, KeyboardInterrupt):
        raise KeyboardInterrupt from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if temp is not None:
            temp.unlink(missing_ok=True)
        meter.done()
    summary.seconds = time.monotonic() - started
    return summary


def _peek(reader: TableReader, count: int = 200) -> list[list[Any]]:
    """Read the first rows for column detection, and put them back in front."""
    head = [row for _, row in zip(range(count), reader.rows, strict=False)]
    reader.rows = _chain(head, reader.rows)
    return head


def _chain(head: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from head
    yield from rest


def _check_paths(inputs: Sequence[Path], output: Path | None, rejects: Path | None,
                 force: bool) -> None:
    if not inputs:
        raise InputError("no input files given.", "name at least one INPUT.")
    for path in inputs:
        if str(path) != "-" and not Path(path).exists():
            raise InputError(f"{path} does not exist.", "check the path.")
    for target, option in ((output, "OUTPUT"), (rejects, "--rejects")):
        if target is None:
            continue
        for path in inputs:
            if str(path) != "-" and target.exists() and target.resolve() == Path(path).resolve():
                raise InputError(f"{option} {target} is also an input; inputs are never "
                                 "overwritten.", "write to another file.")
        if target.exists() and not force:
            raise InputError(f"{target} already exists.", "pass --force to overwrite it, or "
                             "choose another name.")
        if not target.parent.exists():
            raise InputError(f"the folder of {target} does not exist.", "create it first.")


def _write_rejects(path: Path, rejects: list[Reject]) -> None:
    import csv

    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["source", "line", "reason", "raw"])
        writer.writerows([r.source, r.line, r.reason, r.raw] for r in rejects)
    os.replace(name, path)


def score_frame(frame: Any, text_column: str = "text", *, model: Path | None = None,
                trust_model: bool = False) -> Any:
    """Return a copy of a pandas DataFrame with the batch columns added to every row.

    Rows whose text is missing, empty or not a string keep an empty ``score`` and say why
    in ``error``; every other column and the row order are kept.

    >>> import pandas as pd
    >>> scored = score_frame(pd.DataFrame({"text": ["see you at 6", None]}))
    >>> list(scored.columns[-6:])
    ['score', 'risk_level', 'is_sextortion', 'signals', 'model_version', 'error']
    >>> scored["error"].isna().tolist()
    [True, False]
    """
    columns = [str(c) for c in frame.columns]
    clash = [name for name in ADDED_COLUMNS if name in columns]
    if clash:
        raise InputError(f"the frame already has columns named {clash}.",
                         "rename them before scoring.")
    text_index = resolve_text_column(columns, text_column)
    scorer = ChunkScorer(model=model, trust_model=trust_model)
    reader = TableReader("frame", columns, (list(row) for row in
                                            frame.itertuples(index=False, name=None)))
    rows = list(_scored_rows(reader, text_index, scorer, BatchSummary(), 5_000,
                             lambda _: None))
    scored = frame.copy()
    for offset, name in enumerate(ADDED_COLUMNS):
        scored[name] = [row[len(columns) + offset] for row in rows]
    return scored
