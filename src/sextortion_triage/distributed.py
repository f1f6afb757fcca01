"""Score many files on a Dask cluster: ``sextortion-triage batch --engine dask``.

``score_dask`` cuts the inputs into partitions (``partitions.py``), sends one task per
partition to the cluster, and each worker scores its partition with ``score_frame``,
loading the model once per worker process, and writes one part file into a staging
folder beside the output (``.NAME.partial``). Only when every partition has succeeded
is the staging folder renamed to the output folder, so a failed or interrupted run
leaves no output, only the finished parts, which ``resume=True`` reuses.

Dask is imported only here and only when a run starts; nothing on the ``check`` or
local ``batch`` path imports this module. Without a scheduler address a local cluster
is started on 127.0.0.1 with one single-threaded worker process per core and no
dashboard. Messages never pass through the scheduler: tasks carry file names and
options, and workers read and write the files themselves.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from . import __version__
from .batch import ADDED_COLUMNS, BatchSummary, _write_rejects, check_input_columns
from .errors import InputError, TriageError
from .model import load_model
from .partitions import (
    DONE_FOLDER,
    SUFFIXES,
    InputFile,
    InputInfo,
    Job,
    Partition,
    PartResult,
    expand_inputs,
    inspect_input,
    merge_counts,
    plan_partitions,
    read_done,
    score_partition,
    to_rejects,
)

if TYPE_CHECKING:
    import dask.dataframe as dd
    from distributed import Client, Future

__all__ = ["DaskRunError", "DaskSummary", "score_dask", "score_dask_frame", "staging_path"]

MANIFEST = "_manifest.json"
TOOL = "sextortion-triage batch --engine dask"
log = logging.getLogger(__name__)


class DaskRunError(TriageError):
    """A partition failed after its retries; finished parts are kept for a resume."""

    code = "ST302"


@dataclass
class DaskSummary(BatchSummary):
    """A batch summary plus how the work was spread."""

    partitions: int = 0
    partitions_reused: int = 0
    workers: int = 0
    output_dir: str = ""

    def lines(self, rejects_path: Path | None, min_level: str | None) -> list[str]:
        """The batch report, then partitions and workers."""
        reused = (f" ({self.partitions_reused:,} reused from the interrupted run)"
                  if self.partitions_reused else "")
        return [*super().lines(rejects_path, min_level),
                f"partitions {self.partitions:,}{reused} on {self.workers} workers; "
                f"output folder {self.output_dir}"]


def staging_path(output_dir: Path | str) -> Path:
    """Where a run writes its parts before the rename: ``.NAME.partial`` beside the output."""
    output = Path(output_dir).absolute()
    return output.parent / f".{output.name}.partial"


def _output_format(output: Path, override: str | None) -> str:
    if override is not None:
        if override not in SUFFIXES:
            raise InputError(f"cannot write {override} output.", "use csv, tsv, jsonl or "
                             "parquet.")
        return override
    by_suffix = {suffix: fmt for fmt, suffix in SUFFIXES.items()}
    return by_suffix.get(output.suffix.lower(), "parquet")


def _ours(folder: Path) -> bool:
    """Whether ``folder`` was written by this engine (so --force may replace it)."""
    try:
        document = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return isinstance(document, dict) and document.get("tool") == TOOL
    except (OSError, ValueError):
        return False


def _check_paths(output: Path, staging: Path, rejects: Path | None, force: bool,
                 resume: bool, files: Sequence[InputFile]) -> None:
    if not output.absolute().parent.is_dir():
        raise InputError(f"the folder of {output} does not exist.", "create it first.")
    inputs = {Path(item.path) for item in files}
    for path in inputs:
        if path == output.absolute() or output.absolute() in path.parents:
            raise InputError(f"OUTPUT_DIR {output} holds an input; inputs are never "
                             "overwritten.", "write to another folder.")
    if rejects is not None:
        if rejects.absolute() in inputs:
            raise InputError(f"--rejects {rejects} is also an input; inputs are never "
                             "overwritten.", "write to another file.")
        if rejects.exists() and not force:
            raise InputError(f"{rejects} already exists.", "pass --force to overwrite it, or "
                             "choose another name.")
    if output.exists():
        if not force:
            raise InputError(f"{output} already exists.", "pass --force to replace it, or "
                             "choose another name.")
        if output.is_dir() and any(output.iterdir()) and not _ours(output):
            raise InputError(f"{output} is a folder that this command did not write; it is "
                             "never replaced.", "choose another OUTPUT_DIR.")
    if staging.exists() and not resume and not force:
        raise InputError(f"an interrupted run left its finished parts in {staging}.",
                         "rerun with --resume to continue it, or --force to start over.")


def _identity(files: Sequence[InputFile], plan: Sequence[Partition],
              options: dict[str, Any], model_version: str, model_digest: str
              ) -> dict[str, Any]:
    """What a resume must find unchanged: inputs, their cut, the model and the options."""
    inputs = []
    for path, fmt, _ in files:
        stat = Path(path).stat()
        inputs.append({"path": path, "format": fmt, "size": stat.st_size,
                       "mtime_ns": stat.st_mtime_ns})
    identity = {"tool": TOOL, "version": __version__, "model_version": model_version,
                "model_digest": model_digest, "options": options, "inputs": inputs,
                # how the inputs are cut (not how the user spelled their names)
                "partitions": [{key: value for key, value in asdict(part).items()
                                if key != "source"} for part in plan]}
    normalised: dict[str, Any] = json.loads(json.dumps(identity))  # as read back on resume
    return normalised


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed between the interrupted run and this one, in words."""
    found = []
    if old.get("version") != new["version"]:
        found.append(f"sextortion-triage was {old.get('version')}, now {new['version']}")
    if (old.get("model_version"), old.get("model_digest")) != (new["model_version"],
                                                               new["model_digest"]):
        found.append(f"the model was {old.get('model_version')}, now {new['model_version']}")
    old_options = old.get("options", {})
    for key, value in new["options"].items():
        if old_options.get(key) != value:
            found.append(f"{key} was {old_options.get(key)!r}, now {value!r}")
    old_inputs = {item["path"]: item for item in old.get("inputs", [])}
    new_inputs = {item["path"]: item for item in new["inputs"]}
    for path in new_inputs.keys() - old_inputs.keys():
        found.append(f"{path} is new")
    for path in old_inputs.keys() - new_inputs.keys():
        found.append(f"{path} is no longer an input")
    for path in sorted(new_inputs.keys() & old_inputs.keys()):
        if old_inputs[path] != new_inputs[path]:
            found.append(f"{path} changed (size or modification time)")
    if not found and old.get("partitions") != new["partitions"]:
        found.append("the inputs are cut into different partitions")
    return found


def _write_json(path: Path, document: dict[str, Any]) -> None:
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    temp.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(temp, path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _prepare_staging(staging: Path, identity: dict[str, Any], plan: Sequence[Partition],
                     output_format: str, resume: bool) -> dict[int, PartResult]:
    """Create the staging folder, or check and reuse it; the parts already finished."""
    done: dict[int, PartResult] = {}
    if staging.exists() and resume:
        try:
            recorded = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError(f"{staging} has no readable {MANIFEST}, so it cannot be resumed.",
                             "rerun with --force to start over.") from None
        changes = _differences(recorded, identity)
        if changes:
            raise InputError("cannot resume: " + "; ".join(changes[:5]) + ".",
                             "rerun with --force to start over, or undo the change.")
        for leftover in staging.glob(".*.partial"):
            leftover.unlink()
        for part in plan:
            result = read_done(staging, part, output_format)
            if result is not None:
                done[part.number] = result
        return done
    if staging.exists():
        if any(staging.iterdir()) and not _ours(staging):
            raise InputError(f"{staging} is in the way and was not written by this command.",
                             "move it, or choose another OUTPUT_DIR.")
        _remove(staging)
    (staging / DONE_FOLDER).mkdir(parents=True)
    _write_json(staging / MANIFEST, identity)
    return done


@contextlib.contextmanager
def _client(scheduler: str | None, n_workers: int | None, quiet: bool) -> Iterator[Client]:
    """A client of the named scheduler, or of a new local cluster on 127.0.0.1."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("the dask engine needs Dask.",
                         "pip install 'sextortion-triage[dask]'.") from None
    if scheduler is not None:
        with Client(scheduler, set_as_default=False, timeout="30s") as client:
            client.wait_for_workers(1, timeout=120)
            yield client
        return
    import dask

    from .parallel import available_cores

    workers = n_workers or available_cores()
    # Every socket on 127.0.0.1, no dashboard, and no HTTP routes (status, metrics, task
    # lists) on the HTTP port that the scheduler and workers open anyway, which is a free
    # one rather than 8787, where a user's own cluster may be. No statistical profiler
    # either: nothing shows it, and it samples the scoring thread every 10 ms. And no
    # MALLOC_TRIM_THRESHOLD_=65536 in the workers, which Dask sets by default: it makes
    # every large array a fresh mmap, which cost about a fifth more CPU per row here.
    settings: dict[str, Any] = {"distributed.scheduler.http.routes": [],
                                "distributed.worker.http.routes": [],
                                "distributed.worker.profile.enabled": False,
                                "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_":
                                    None}
    with dask.config.set(settings), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         host="127.0.0.1", dashboard_address=None,
                         scheduler_kwargs={"dashboard": False,
                                           "dashboard_address": "127.0.0.1:0"},
                         silence_logs=logging.ERROR if quiet else logging.WARNING) as cluster, \
            Client(cluster, set_as_default=False) as client:
        yield client


def _worker_model(model: str | None, trust_model: bool) -> tuple[str, str]:
    """On a worker: load (and so cache) the model; its version and this package's."""
    bundle = load_model(Path(model) if model is not None else None, trust=trust_model)
    return __version__, str(bundle.metadata["model_version"])


def _check_workers(client: Client, job: Job, model_version: str) -> int:
    """Load the model on every worker now, and refuse mixed versions; the worker count."""
    answers: dict[str, tuple[str, str]] = client.run(_worker_model, job.model, job.trust_model)
    for address, (version, version_of_model) in sorted(answers.items()):
        if (version, version_of_model) != (__version__, model_version):
            raise DaskRunError(f"worker {address} has sextortion-triage {version} with model "
                               f"{version_of_model}; this client has {__version__} with model "
                               f"{model_version}.", "install the same version everywhere.")
    return len(answers)


class _Meter:
    """Partitions and rows done, on standard error, when it is a terminal."""

    def __init__(self, enabled: bool, total: int, done: int) -> None:
        self.enabled, self.total, self.done = enabled, total, done
        self.rows = 0
        self.started = time.monotonic()

    def __call__(self, result: PartResult) -> None:
        self.done += 1
        self.rows += result.rows_read
        if self.enabled:
            rate = self.rows / max(time.monotonic() - self.started, 1e-9)
            sys.stderr.write(f"\r{self.done:,}/{self.total:,} partitions  {self.rows:,} rows  "
                             f"{rate:,.0f} rows/s   ")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the run like Ctrl-C (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    catch = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {sig: signal.signal(sig, _raise_interrupt) for sig in catch}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run_parts(client: Client, todo: Sequence[Partition], job: Job, retries: int,
               model_version: str, meter: _Meter, total: int) -> dict[int, PartResult]:
    """Score ``todo`` on the cluster; the first failure cancels the rest and is raised."""
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]
    futures: list[Future[PartResult]] = client.map(
        score_partition, todo, job=job, retries=retries, pure=False,
        key=[f"sextortion-triage-{part.name}-{token}" for part in todo])
    by_key = {future.key: part for future, part in zip(futures, todo, strict=True)}
    results: dict[int, PartResult] = {}
    try:
        for future in as_completed(futures, loop=client.loop):
            part = by_key[future.key]
            try:
                result: PartResult = future.result()
            except (InputError, DaskRunError):
                raise
            except TriageError as error:
                raise DaskRunError(f"{part.describe()} failed after {retries} retries: "
                                   f"{error.problem} {_kept(job, total)}",
                                   "rerun with --resume.") from None
            except Exception as error:
                raise DaskRunError(f"{part.describe()} failed after {retries} retries "
                                   f"({type(error).__name__}: {_safe(error)}). "
                                   f"{_kept(job, total)}",
                                   "rerun with --resume.") from None
            if result.model_version and result.model_version != model_version:
                raise DaskRunError(f"{part.describe()} was scored with model "
                                   f"{result.model_version}, not {model_version}.",
                                   "install the same version on every worker.")
            # Forget the finished task on the cluster: if its worker dies later, Dask
            # must not run it again into a folder that may already be published.
            future.release()
            results[part.number] = result
            meter(result)
    finally:
        client.cancel([f for f in futures if not f.done()])
    return results


def _kept(job: Job, total: int) -> str:
    done = len(list((Path(job.staging) / DONE_FOLDER).glob("part-*.json")))
    return f"{done:,} of {total:,} partitions are finished and kept for --resume."


def _safe(error: BaseException) -> str:
    """A cluster error's message (KilledWorker names keys and workers, not data)."""
    from distributed.scheduler import KilledWorker

    return str(error) if isinstance(error, KilledWorker) else "see the worker's log"


def _unify_parquet(staging: Path, results: Sequence[PartResult]) -> None:
    """Parts must agree on column types; an empty part takes the others' schema."""
    import pyarrow as pa
    import pyarrow.parquet as parquet

    filled = [r for r in results if r.rows_written]
    if not filled:
        return
    first = filled[0]
    for result in filled[1:]:
        for (name, kind), (_, other) in zip(first.schema, result.schema, strict=True):
            if kind != other:
                raise InputError(f"column {name!r} is {kind} in {first.file} but {other} in "
                                 f"{result.file}, which one Parquet dataset cannot hold.",
                                 "write CSV or JSON Lines output instead.")
    schema = parquet.read_schema(staging / first.file)
    for result in results:
        if not result.rows_written and result.schema != first.schema:
            path = staging / result.file
            temp = path.with_name(f".{path.name}.partial")
            parquet.write_table(pa.Table.from_pylist([], schema=schema), temp)
            os.replace(temp, path)
            result.schema = list(first.schema)
            result.bytes = path.stat().st_size


def _summarise(plan: Sequence[Partition], results: dict[int, PartResult], reused: int,
               workers: int, output: Path, seconds: float) -> DaskSummary:
    summary = DaskSummary(partitions=len(plan), partitions_reused=reused, workers=workers,
                          output_dir=str(output), seconds=seconds)
    before = 0
    for part in plan:
        result = results[part.number]
        summary.rows_read += result.rows_read
        summary.rows_scored += result.rows_scored
        summary.rows_with_problems += result.rows_with_problems
        summary.rows_written += result.rows_written
        summary.rows_left_out += result.rows_left_out
        summary.replaced_bytes += result.replaced_bytes
        summary.rejects.extend(to_rejects(result))
        merge_counts(summary.levels, result.levels)
        merge_counts(summary.signals, result.signals)
        merge_counts(summary.problems, result.problems)
        for row, label, problem in result.problem_rows:
            if len(summary.problem_rows) < 5:
                summary.problem_rows.append(f"{label or f'row {before + row}'} ({problem})")
        before += result.rows_read
    return summary


def _publish(staging: Path, output: Path, identity: dict[str, Any], plan: Sequence[Partition],
             results: dict[int, PartResult], summary: DaskSummary) -> None:
    """Record the run in the manifest, drop the bookkeeping, and rename into place."""
    document = dict(identity)
    document["parts"] = [{"file": results[p.number].file, "input": p.describe(),
                          "rows": results[p.number].rows_written,
                          "pid": results[p.number].pid} for p in plan]
    document["summary"] = {"rows_read": summary.rows_read, "rows_scored": summary.rows_scored,
                           "rows_with_problems": summary.rows_with_problems,
                           "rows_written": summary.rows_written,
                           "rows_left_out": summary.rows_left_out,
                           "rejected": len(summary.rejects)}
    _write_json(staging / MANIFEST, document)
    shutil.rmtree(staging / DONE_FOLDER)
    for leftover in staging.glob(".*.partial"):
        leftover.unlink()
    aside = None
    if output.exists() or output.is_symlink():
        aside = output.parent / f".{output.name}.replaced-{uuid.uuid4().hex[:8]}"
        os.rename(output, aside)
    os.rename(staging, output)
    if aside is not None:
        _remove(aside)


def score_dask(
    inputs: Sequence[Path | str],
    output_dir: Path | str,
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    input_format: str | None = None,
    output_format: str | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    encoding: str = "utf-8",
    min_level: str | None = None,
    rejects: Path | None = None,
    force: bool = False,
    resume: bool = False,
    chunk_size: int = 5_000,
    partition_rows: int = 100_000,
    retries: int = 2,
    progress: bool = False,
    model: Path | None = None,
    trust_model: bool = False,
) -> DaskSummary:
    """Score every row of ``inputs`` (files, globs, Parquet folders) into a folder of parts.

    Parameters
    ----------
    inputs : CSV, TSV, JSON Lines or Parquet files, globs of them, or Parquet folders;
        all with the same columns.
    output_dir : the folder to create: ``part-00000.<ext>``, ... in input order, plus
        ``_manifest.json``. The format is ``output_format``, else the folder's extension
        (``.csv``, ``.tsv``, ``.jsonl``, ``.parquet``), else Parquet.
    scheduler : a Dask scheduler address; ``None`` starts a local cluster of
        ``n_workers`` processes (default: one per core) on 127.0.0.1.
    resume : reuse the parts that an interrupted or failed run finished, if its inputs
        (names, sizes, modification times), model and options are unchanged.
    retries : how often a failing partition is tried again; a partition whose worker
        dies is moved to another worker by Dask (up to
        ``distributed.scheduler.allowed-failures`` times).

    The other options mean what they mean for ``run_batch``. Returns the same accounting
    as ``run_batch``, plus partition and worker counts.

    Raises
    ------
    InputError for bad inputs or options (before any work, where it can tell);
    DaskRunError when a partition fails after its retries. In both cases no output
    folder is created, and the finished parts stay in ``staging_path(output_dir)``.
    """
    if min_level not in (None, "medium", "high"):
        raise InputError(f"min_level must be medium or high, not {min_level!r}.")
    output = Path(output_dir)
    out_format = _output_format(output, output_format)
    staging = staging_path(output)
    files = expand_inputs(inputs, input_format)
    _check_paths(output, staging, rejects, force, resume, files)
    bundle = load_model(model, trust=trust_model)
    model_version = str(bundle.metadata["model_version"])
    started = time.monotonic()
    model_dir = str(Path(model).resolve()) if model is not None else None
    with _terminate_as_interrupt(), _client(scheduler, n_workers, quiet=not progress) as client:
        job = Job(staging=str(staging), columns=(), text_column="", output_format=out_format,
                  model=model_dir, trust_model=trust_model)
        workers = _check_workers(client, job, model_version)
        infos = _inspect(client, files, encoding, text_column, retries)
        columns = infos[0].columns
        _check_columns(files, infos, id_column)
        plan = plan_partitions(files, infos, partition_rows)
        parquet_types = next((info.parquet_types for info in infos if info.parquet_types), ())
        job = Job(staging=str(staging), columns=columns, text_column=str(infos[0].text_column),
                  output_format=out_format, id_column=id_column, encoding=encoding,
                  min_level=min_level, chunk_size=chunk_size, model=model_dir,
                  trust_model=trust_model, parquet_types=parquet_types)
        options = {"output_format": out_format, "text_column": job.text_column,
                   "id_column": id_column, "encoding": encoding, "min_level": min_level,
                   "partition_rows": partition_rows}
        identity = _identity(files, plan, options, model_version, bundle.content_digest())
        done = _prepare_staging(staging, identity, plan, out_format, resume)
        meter = _Meter(progress, len(plan), len(done))
        try:
            fresh = _run_parts(client, [p for p in plan if p.number not in done], job, retries,
                               model_version, meter, len(plan))
        finally:
            meter.close()
    results = {**done, **fresh}
    ordered = [results[part.number] for part in plan]
    if out_format == "parquet":
        _unify_parquet(staging, ordered)
    summary = _summarise(plan, results, len(done), workers, output,
                         time.monotonic() - started)
    if rejects is not None and summary.rejects:
        _write_rejects(rejects, summary.rejects)
    _publish(staging, output, identity, plan, results, summary)
    return summary


def _inspect(client: Client, files: Sequence[InputFile], encoding: str,
             text_column: str | None, retries: int) -> list[InputInfo]:
    """Every input's columns (read on the workers), and the text column from the first."""
    futures = [client.submit(inspect_input, path, fmt, encoding, resolve=(i == 0),
                             text_column=text_column, pure=False, retries=retries)
               for i, (path, fmt, _) in enumerate(files)]
    infos: list[InputInfo] = client.gather(futures)
    return infos


def _check_columns(files: Sequence[InputFile], infos: Sequence[InputInfo],
                   id_column: str | None) -> None:
    """The checks the local batch makes: same columns everywhere, no clash, a usable id."""
    check_input_columns([(item.name, info.columns) for item, info in
                         zip(files, infos, strict=True)], id_column)


def score_dask_frame(frame: dd.DataFrame, text_column: str = "text", *,
                     model: Path | None = None, trust_model: bool = False) -> dd.DataFrame:
    """Add the batch columns to a Dask DataFrame with ``map_partitions(score_frame)``.

    For Python users who already hold a Dask DataFrame; each partition is scored where
    it lives. Missing scores are NaN here, as pandas has them.
    """
    import pandas as pd

    added = pd.DataFrame({"score": pd.Series(dtype="float64"),
                          **{name: pd.Series(dtype="object") for name in ADDED_COLUMNS[1:]}})
    meta = pd.concat([frame._meta, added], axis=1)
    scored: dd.DataFrame = frame.map_partitions(_score_frame_float, text_column, model=model,
                                                trust_model=trust_model, meta=meta)
    return scored


def _score_frame_float(frame: Any, text_column: str, *, model: Path | None,
                       trust_model: bool) -> Any:
    """``score_frame`` with ``score`` always float64 (NaN when missing), as the meta says.

    Dask keeps strings as Arrow strings, where a missing text is ``pd.NA``; it is handed
    to ``score_frame`` as ``None`` so that the row says "text missing", as in a batch.
    """
    from .batch import score_frame

    texts = frame[text_column]
    given = frame
    if texts.isna().any():
        given = frame.copy()
        given[text_column] = texts.astype(object).where(texts.notna(), None)
    scored = score_frame(given, text_column, model=model, trust_model=trust_model)
    scored[text_column] = texts
    scored["score"] = scored["score"].astype("float64")
    return scored
