"""batch --engine dask: the same rows, columns and accounting as the local batch, on a cluster.

Each test compares the Dask engine's output folder, row by row, with the single-process
``run_batch`` over the same files. The cluster is the engine's own ``LocalCluster`` (two
worker processes on 127.0.0.1, no dashboard); worker plugins slow scoring down, make one
partition fail, or count model loads, without any test hook in the package.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from sextortion_triage.batch import ADDED_COLUMNS, BatchSummary, run_batch
from sextortion_triage.cli import main
from sextortion_triage.errors import InputError

pytestmark = pytest.mark.dask
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")

from distributed import Client, WorkerPlugin  # noqa: E402

from sextortion_triage.distributed import (  # noqa: E402
    DaskRunError,
    _client,
    score_dask,
    score_dask_frame,
    staging_path,
)

DEMAND = "I have your nudes. Send $300 on Cash App in 1 hour or I post them to your followers."
BENIGN = "can you pick up milk on the way home"


def corpus_texts(count: int, start: int = 0) -> list[str]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    return texts[start : start + count]


# ---------------------------------------------------------------- clusters and plugins


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The engine's own LocalCluster with 2 worker processes, shared by this module."""
    with _client(None, 2, quiet=True) as connected:
        yield connected.scheduler.address


class WrapScoreFrame(WorkerPlugin):
    """Replace ``batch.score_frame`` on a worker with ``wrap(original)``; undo on teardown."""

    def wrap(self, original: Any) -> Any:
        raise NotImplementedError

    def setup(self, worker: Any) -> None:
        import sextortion_triage.batch as batch

        wrapped = self.wrap(batch.score_frame)
        wrapped.original = batch.score_frame
        batch.score_frame = wrapped

    def teardown(self, worker: Any) -> None:
        import sextortion_triage.batch as batch

        batch.score_frame = getattr(batch.score_frame, "original", batch.score_frame)


class SlowScoring(WrapScoreFrame):
    """Make every ``score_frame`` call on a worker take ``seconds`` longer."""

    name = "slow-scoring"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def wrap(self, original: Any) -> Any:
        seconds = self.seconds

        def slow(*args: Any, **kwargs: Any) -> Any:
            time.sleep(seconds)
            return original(*args, **kwargs)

        return slow


class PoisonRow(WrapScoreFrame):
    """Fail (with message text in the exception) any chunk holding the id ``poison``."""

    name = "poison-row"

    def wrap(self, original: Any) -> Any:
        def failing(frame: Any, *args: Any, **kwargs: Any) -> Any:
            if "poison" in set(frame["id"]):
                raise RuntimeError(f"cannot score {frame['text'].tolist()}")
            return original(frame, *args, **kwargs)

        return failing


class CountModelLoads(WorkerPlugin):
    """Empty the worker's model cache and count ``LinearBundle.load`` calls from now on."""

    name = "count-model-loads"

    def setup(self, worker: Any) -> None:
        from sextortion_triage import model
        from sextortion_triage.engine import LinearBundle

        model._CACHE.clear()
        original = LinearBundle.__dict__["load"].__func__
        worker.model_loads = 0

        def counting(cls: Any, directory: Any) -> Any:
            worker.model_loads += 1
            return original(cls, directory)

        LinearBundle.load = classmethod(counting)  # type: ignore[method-assign, assignment]
        worker.restore_model_load = original

    def teardown(self, worker: Any) -> None:
        from sextortion_triage.engine import LinearBundle

        LinearBundle.load = classmethod(worker.restore_model_load)  # type: ignore[method-assign, assignment]


@pytest.fixture
def client(scheduler: str) -> Iterator[Client]:
    with Client(scheduler, set_as_default=False) as connected:
        yield connected


# ---------------------------------------------------------------- inputs and comparison


def write_csv(path: Path, rows: list[list[str]], header: tuple[str, ...] = ("id", "text")
              ) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def csv_inputs(folder: Path) -> list[Path]:
    """Three CSV files: demands, empty and blank text, a quoted newline, "NA", a bad record."""
    texts = corpus_texts(60)
    first = write_csv(folder / "a.csv", [[f"a{i}", t] for i, t in enumerate(texts[:30])]
                      + [["a-empty", ""], ["a-blank", "   "], ["a-na", "NA"]])
    second = write_csv(folder / "b.csv", [[f"b{i}", t] for i, t in enumerate(texts[30:])]
                       + [["b-demand", DEMAND], ["b-lines", "line one\nline \"two\", comma"]])
    third = folder / "c.csv"
    third.write_text(f"id,text\nc1,{BENIGN}\nc2,too,many\nc3,\nc4,{DEMAND}\n", encoding="utf-8")
    return [first, second, third]


def read_output(path: Path) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of one output file, as a user's reader sees them."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        return header, rows
    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return (list(records[0]) if records else []), [list(r.values()) for r in records]
    table = parquet.read_table(path)
    return table.column_names, [list(r.values()) for r in table.to_pylist()]


def read_folder(folder: Path, suffix: str) -> tuple[list[str], list[list[Any]]]:
    """Every part of an output folder, in name order (= input order)."""
    parts = sorted(folder.glob(f"part-*{suffix}"))
    assert parts, f"no part files in {folder}"
    headers, rows = set(), []
    for part in parts:
        header, part_rows = read_output(part)
        if part_rows or suffix != ".jsonl":
            headers.add(tuple(header))
        rows.extend(part_rows)
    assert len(headers) == 1, headers
    return list(headers.pop()), rows


def same_score(value: Any, expected: Any) -> bool:
    """Equal, or within 1e-12: the scorer's sums can differ in the last bit depending on
    which other rows share its call (partitions cut Parquet files into other chunks)."""
    if value in (None, "") or expected in (None, ""):
        return value == expected
    return abs(float(value) - float(expected)) <= 1e-12 * max(abs(float(expected)), 1e-300)


def without_rate(lines: list[str]) -> list[str]:
    return [re.sub(r" \([\d,]+ rows/s\)", "", line) for line in lines]


def assert_same_as_local(inputs: list[Path], folder: Path, summary: BatchSummary,
                         tmp_path: Path, suffix: str, **options: Any) -> BatchSummary:
    """The dask output equals run_batch's, row by row, with the same accounting."""
    local_out = tmp_path / f"local{suffix}"
    local_rejects = tmp_path / "local-rejects.csv"
    local = run_batch(inputs, local_out, rejects=local_rejects, force=True, workers=1,
                      **options)
    local_header, local_rows = read_output(local_out)
    header, rows = read_folder(folder, suffix)
    assert header == local_header
    assert len(rows) == len(local_rows) == local.rows_written
    score = header.index("score")
    for number, (row, expected) in enumerate(zip(rows, local_rows, strict=True), 1):
        assert same_score(row[score], expected[score]), f"row {number}: score differs"
        row[score] = expected[score]
        assert row == expected, f"row {number} differs"
    assert without_rate(summary.lines(None, options.get("min_level")))[:-1] == \
        without_rate(local.lines(None, options.get("min_level")))
    return local


# ---------------------------------------------------------------- same rows as the local batch


def test_csv_files_give_the_local_batch_rows_and_rejects(scheduler: str, tmp_path: Path) -> None:
    inputs = csv_inputs(tmp_path)
    rejects = tmp_path / "rejects.csv"
    summary = score_dask(inputs, tmp_path / "scored", scheduler=scheduler, output_format="csv",
                         rejects=rejects)
    assert_same_as_local(inputs, tmp_path / "scored", summary, tmp_path, ".csv")
    assert rejects.read_bytes() == (tmp_path / "local-rejects.csv").read_bytes()
    (reject,) = summary.rejects
    assert (reject.source, reject.line) == (str(inputs[2]), 3)
    assert summary.rows_read + len(summary.rejects) == 33 + 32 + 4
    assert summary.problems == {"text empty": 3}
    assert (summary.partitions, summary.workers) == (3, 2)
    assert sorted(p.name for p in (tmp_path / "scored").iterdir()) == [
        "_manifest.json", "part-00000.csv", "part-00001.csv", "part-00002.csv"]
    assert not staging_path(tmp_path / "scored").exists()


def test_jsonl_files_with_missing_keys_and_a_bad_line(scheduler: str, tmp_path: Path) -> None:
    records = [{"id": i, "text": t, "meta": {"n": i}} for i, t in enumerate(corpus_texts(25))]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in records[:12]) + "\n"
                     + '{"id": 99}\n{"text": null, "id": 98}\n', encoding="utf-8")
    second.write_text("\n".join(json.dumps(r) for r in records[12:]) + "\nnot json\n"
                      + json.dumps({"id": 97, "text": DEMAND}) + "\n", encoding="utf-8")
    # Both files must have the same keys, as the local batch asks.
    second.write_text(second.read_text() + '{"meta": null}\n', encoding="utf-8")
    summary = score_dask([first, second], tmp_path / "scored.jsonl", scheduler=scheduler,
                         rejects=tmp_path / "rejects.csv")
    assert_same_as_local([first, second], tmp_path / "scored.jsonl", summary, tmp_path,
                         ".jsonl")
    assert [(r.source, r.line) for r in summary.rejects] == [(str(second), 14)]
    assert summary.problems == {"text missing": 3}


def parquet_file(path: Path, texts: list[str], start: int, row_group_size: int) -> Path:
    import datetime

    import pyarrow as pa

    table = pa.table({
        "id": pa.array(range(start, start + len(texts)), pa.int64()),
        "text": pa.array([t or None for t in texts], pa.string()),
        "sent": pa.array([datetime.datetime(2026, 11, 1, 12, i % 60) for i in
                          range(len(texts))], pa.timestamp("us")),
        "flagged": pa.array([None] * len(texts), pa.bool_()),
    })
    parquet.write_table(table, path, row_group_size=row_group_size)
    return path


def test_parquet_files_and_a_dataset_folder_are_split_by_row_groups(
        scheduler: str, tmp_path: Path) -> None:
    texts = [*corpus_texts(70, 100), "", DEMAND]
    single = parquet_file(tmp_path / "single.parquet", texts[:30], 0, 10)
    dataset = tmp_path / "dataset"
    (dataset / "day=1").mkdir(parents=True)
    parquet_file(dataset / "day=1" / "part-0.parquet", texts[30:50], 100, 7)
    parquet_file(dataset / "part-1.parquet", texts[50:], 200, 25)
    (dataset / "_SUCCESS").write_text("")
    (dataset / ".part-1.parquet.crc").write_text("not parquet")
    summary = score_dask([single, dataset], tmp_path / "scored", scheduler=scheduler,
                         partition_rows=20)
    files = [single, dataset / "day=1" / "part-0.parquet", dataset / "part-1.parquet"]
    assert_same_as_local(files, tmp_path / "scored", summary, tmp_path, ".parquet")
    # At most 20 rows a partition, whole row groups: 10+10 | 10; 7+7+6; 22 (one group).
    assert summary.partitions == 4
    schema = parquet.read_schema(tmp_path / "scored" / "part-00000.parquet")
    assert str(schema.field("sent").type) == "timestamp[us]"
    assert str(schema.field("flagged").type) == "bool"  # an all-empty column keeps its type
    assert str(schema.field("score").type) == "double"


def test_min_level_and_id_column_keep_the_local_accounting(scheduler: str, tmp_path: Path
                                                           ) -> None:
    inputs = csv_inputs(tmp_path)
    summary = score_dask(inputs, tmp_path / "high", scheduler=scheduler, output_format="csv",
                         min_level="high", id_column="id", rejects=tmp_path / "r.csv")
    local = assert_same_as_local(inputs, tmp_path / "high", summary, tmp_path, ".csv",
                                 min_level="high", id_column="id")
    assert summary.rows_left_out == local.rows_left_out > 0
    assert summary.problem_rows == ["id a-empty (text empty)", "id a-blank (text empty)",
                                    "id c3 (text empty)"]


def test_the_model_is_loaded_once_per_worker(client: Client, scheduler: str, tmp_path: Path
                                             ) -> None:
    inputs = [write_csv(tmp_path / f"in{i}.csv", [[str(i), t] for t in corpus_texts(5, i * 5)])
              for i in range(8)]
    client.register_plugin(CountModelLoads())
    try:
        summary = score_dask(inputs, tmp_path / "scored", scheduler=scheduler, chunk_size=2)
        loads = client.run(lambda dask_worker: dask_worker.model_loads)
    finally:
        client.unregister_worker_plugin(CountModelLoads.name)
    assert summary.partitions == 8
    assert sorted(loads.values()) == [1, 1]  # 8 partitions, 24 chunks, 2 workers: 2 loads


# ---------------------------------------------------------------- failures, retries, resume


def test_a_killed_worker_has_its_partitions_retried(tmp_path: Path) -> None:
    inputs = [write_csv(tmp_path / f"in{i:02d}.csv",
                        [[f"{i}-{j}", t] for j, t in enumerate(corpus_texts(6, i * 6))]
                        + [[f"{i}-empty", ""]]) for i in range(8)]
    output = tmp_path / "scored"
    outcome: dict[str, Any] = {}
    with _client(None, 2, quiet=True) as watcher:  # a cluster of its own: a worker dies
        watcher.register_plugin(SlowScoring(0.2))

        def run() -> None:
            try:
                outcome["summary"] = score_dask(inputs, output, output_format="csv",
                                                scheduler=watcher.scheduler.address,
                                                chunk_size=2)
            except BaseException as error:  # handed to the test thread below
                outcome["error"] = error

        thread = threading.Thread(target=run)
        thread.start()
        done = staging_path(output) / "_done"
        deadline = time.monotonic() + 60
        while not (done.is_dir() and len(list(done.iterdir())) >= 2):
            assert time.monotonic() < deadline, "no partition finished"
            time.sleep(0.05)
        # every worker's process first, so that nothing runs between seeing what a worker
        # is scoring and killing it (a loaded machine had let it finish in between)
        pids = watcher.run(os.getpid)
        while not (busy := {address: keys for address, keys in watcher.processing().items()
                            if keys and address in pids}):
            assert time.monotonic() < deadline, "no worker is scoring"
            time.sleep(0.01)
        victim, keys = sorted(busy.items())[0]
        pid = pids[victim]
        os.kill(pid, signal.SIGKILL)
        thread.join(120)
        assert not thread.is_alive()
    assert "error" not in outcome, outcome.get("error")
    summary = outcome["summary"]
    assert_same_as_local(inputs, output, summary, tmp_path, ".csv", chunk_size=2)
    assert summary.rows_read == 8 * 7
    retried = {int(re.search(r"part-(\d+)", key).group(1)) for key in keys}  # type: ignore[union-attr]
    records = json.loads((output / "_manifest.json").read_text())["parts"]
    assert retried
    for number in retried:  # finished, complete, by another worker process
        assert records[number]["rows"] == 7
        assert records[number]["pid"] != pid
    assert not staging_path(output).exists()


def test_no_output_until_every_partition_succeeds_then_resume_skips_finished_parts(
        client: Client, scheduler: str, tmp_path: Path) -> None:
    inputs = [write_csv(tmp_path / f"in{i}.csv", [[f"{i}-{j}", t] for j, t in
                                                   enumerate(corpus_texts(4, i * 4))])
              for i in range(6)]
    write_csv(inputs[-1], [["poison", "SECRET-MESSAGE-TEXT"]])
    output = tmp_path / "scored"
    client.register_plugin(PoisonRow())
    try:
        with pytest.raises(DaskRunError) as failure:
            score_dask(inputs, output, scheduler=scheduler, output_format="csv")
    finally:
        client.unregister_worker_plugin(PoisonRow.name)
    message = str(failure.value)
    assert "in5.csv (part-00005)" in message and "RuntimeError" in message
    assert "SECRET" not in message  # the message text never reaches the error
    logs = str(client.get_worker_logs())
    assert "Compute Failed" in logs and "part-00005" in logs  # the failure is logged ...
    assert "SECRET" not in logs  # ... without the message text
    assert not output.exists()
    staging = staging_path(output)
    finished = {p: p.stat().st_mtime_ns for p in staging.glob("part-*.csv")}
    assert finished and staging / "part-00005.csv" not in finished

    write_csv(inputs[-1], [["poison", BENIGN]])  # a changed input: a resume must refuse
    with pytest.raises(InputError, match=r"cannot resume: .*in5.csv changed"):
        score_dask(inputs, output, scheduler=scheduler, output_format="csv", resume=True)
    with pytest.raises(InputError, match="rerun with --resume to continue it"):
        score_dask(inputs, output, scheduler=scheduler, output_format="csv")
    inputs.pop()  # the poisoned file is no longer an input either
    with pytest.raises(InputError, match="is no longer an input"):
        score_dask(inputs, output, scheduler=scheduler, output_format="csv", resume=True)


def test_resume_reuses_finished_parts_and_refuses_another_model(
        client: Client, scheduler: str, tmp_path: Path, tiny_model: Path) -> None:
    inputs = [write_csv(tmp_path / f"in{i}.csv", [[f"{i}-{j}", t] for j, t in
                                                   enumerate(corpus_texts(4, i * 4))])
              for i in range(6)]
    write_csv(inputs[-1], [["poison", BENIGN]])
    output = tmp_path / "scored"
    client.register_plugin(PoisonRow())
    try:
        with pytest.raises(DaskRunError):
            score_dask(inputs, output, scheduler=scheduler, output_format="csv")
    finally:
        client.unregister_worker_plugin(PoisonRow.name)
    # a partition being scored when the run failed is cancelled, but Dask cannot stop
    # its thread: it may still finish its part file, so wait for the workers to be idle
    deadline = time.monotonic() + 60
    while any(client.run(lambda dask_worker: len(dask_worker.state.executing)).values()):
        assert time.monotonic() < deadline, "a cancelled partition is still being scored"
        time.sleep(0.05)
    staging = staging_path(output)
    finished = {p.name: p.stat().st_mtime_ns for p in staging.glob("part-*.csv")}
    assert finished

    with pytest.raises(InputError, match="cannot resume: the model was"):
        score_dask(inputs, output, scheduler=scheduler, output_format="csv", resume=True,
                   model=tiny_model)
    (tmp_path / "sub").mkdir()  # the same files, named another way, may resume
    respelled = [tmp_path / "sub" / ".." / path.name for path in inputs]
    summary = score_dask(respelled, output, scheduler=scheduler, output_format="csv",
                         resume=True)
    assert summary.partitions_reused == len(finished)
    for name, mtime in finished.items():
        assert (output / name).stat().st_mtime_ns == mtime  # reused, not rewritten
    assert_same_as_local(inputs, output, summary, tmp_path, ".csv")
    assert not staging.exists()


def test_sigterm_stops_the_command_leaving_only_the_partial_folder_to_resume(
        scheduler: str, tmp_path: Path) -> None:
    texts = corpus_texts(300)
    for number in range(8):
        write_csv(tmp_path / f"in{number}.csv",
                  [[f"{number}-{i}", texts[i % 300]] for i in range(600)])
    output = tmp_path / "scored"
    command = [sys.executable, "-m", "sextortion_triage", "batch", "--engine", "dask",
               "--workers", "2", str(tmp_path / "in*.csv"), "-o", str(output)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    manifest = staging_path(output) / "_manifest.json"
    deadline = time.monotonic() + 60
    while not manifest.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the run never started"
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors
    assert "Interrupted: no output was written; finished parts are kept in" in errors
    assert not output.exists() and manifest.exists()
    summary = score_dask(sorted(tmp_path.glob("in*.csv")), output, scheduler=scheduler,
                         resume=True)
    assert summary.rows_written == 8 * 600


def test_force_starts_over_and_replaces_only_a_folder_it_wrote(scheduler: str, tmp_path: Path
                                                               ) -> None:
    inputs = csv_inputs(tmp_path)[:1]
    output = tmp_path / "scored"
    score_dask(inputs, output, scheduler=scheduler)
    with pytest.raises(InputError, match="already exists"):
        score_dask(inputs, output, scheduler=scheduler)
    summary = score_dask(inputs, output, scheduler=scheduler, force=True, output_format="csv")
    assert sorted(p.suffix for p in output.glob("part-*")) == [".csv"]
    assert summary.rows_written == 33
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(InputError, match="did not write; it is never replaced"):
        score_dask(inputs, foreign, scheduler=scheduler, force=True)
    assert (foreign / "holiday.jpg").exists()


def test_inputs_with_other_columns_are_refused_before_any_work(scheduler: str, tmp_path: Path
                                                               ) -> None:
    first = write_csv(tmp_path / "a.csv", [["1", BENIGN]])
    other = write_csv(tmp_path / "b.csv", [["1", BENIGN, "x"]], ("id", "text", "note"))
    with pytest.raises(InputError, match=r"b\.csv has different columns from .*a\.csv"):
        score_dask([first, other], tmp_path / "out", scheduler=scheduler)
    with pytest.raises(InputError, match="no file matches"):
        score_dask([str(tmp_path / "*.tsv")], tmp_path / "out", scheduler=scheduler)
    assert not (tmp_path / "out").exists() and not staging_path(tmp_path / "out").exists()


# ---------------------------------------------------------------- command line and Python API


def test_cli_globs_and_accounting(scheduler: str, tmp_path: Path) -> None:
    csv_inputs(tmp_path)
    result = CliRunner().invoke(main, ["batch", "--engine", "dask", "--scheduler", scheduler,
                                       str(tmp_path / "*.csv"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 4, result.output  # a rejected record and no --rejects
    assert "rows in 69 = rows out 68 + rejected 1" in result.output
    assert "partitions 3 on 2 workers" in result.output
    assert len(list((tmp_path / "out").glob("part-*.parquet"))) == 3


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler works with the dask engine only"),
    (["--resume"], "--resume works with the dask engine only"),
    (["--engine", "dask", "--sort-by-risk"], "--sort-by-risk needs every row in one place"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
     "cannot go with --scheduler"),
])
def test_options_of_the_other_engine_are_refused(tmp_path: Path, args: list[str],
                                                 message: str) -> None:
    source = write_csv(tmp_path / "in.csv", [["1", BENIGN]])
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / "out"),
                                       *args])
    assert result.exit_code == 2
    assert message in result.output


def test_workers_also_sizes_the_local_engines_pool(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [[str(i), t] for i, t in enumerate(corpus_texts(9))])
    for workers in ("1", "2"):
        result = CliRunner().invoke(main, ["batch", str(source), "-o",
                                           str(tmp_path / f"out{workers}.csv"), "--workers",
                                           workers, "--chunk-size", "3"])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "out1.csv").read_bytes() == (tmp_path / "out2.csv").read_bytes()


def test_check_and_the_local_batch_never_import_dask(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["1", BENIGN]])
    code = (
        "import sys\n"
        "from sextortion_triage.cli import main\n"
        "for args in (['check', '--json', 'hello'], ['batch', sys.argv[1], '-o', sys.argv[2]]):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as stop:\n"
        "        assert not stop.code, stop.code\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')\n"
        "          or m == 'sextortion_triage.distributed']\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(source), str(tmp_path / "o.csv")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_engines_local_cluster_listens_on_loopback_only(client: Client) -> None:
    import urllib.error
    import urllib.request

    import psutil

    info = client.scheduler_info()
    assert len(info["workers"]) == 2
    addresses = [client.scheduler.address, *info["workers"],
                 *(worker["nanny"] for worker in info["workers"].values())]
    ports = {int(address.rsplit(":", 1)[1]) for address in addresses}
    ports.add(info["services"]["dashboard"])  # the scheduler's HTTP port (named so by Dask)
    here = [c.laddr for c in psutil.Process().net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN and c.laddr.port in ports]
    workers = [c.laddr for pid in client.run(os.getpid).values()
               for c in psutil.Process(pid).net_connections(kind="inet")
               if c.status == psutil.CONN_LISTEN]
    assert len(here) == 4 and len(workers) >= 2  # scheduler, its HTTP port, 2 nannies
    assert {address.ip for address in here + workers} == {"127.0.0.1"}
    http = f"http://127.0.0.1:{info['services']['dashboard']}"
    for page in ("/status", "/health", "/json/identity.json", "/metrics"):
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(http + page, timeout=5)
        assert answer.value.code == 404, page  # no dashboard, no status pages


def test_the_engines_workers_skip_memory_trimming_and_the_profiler(client: Client) -> None:
    def settings() -> tuple[str | None, bool]:
        import dask

        return (os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                dask.config.get("distributed.worker.profile.enabled"))

    # Dask's defaults cost about a fifth more CPU per row on this workload (README).
    assert set(client.run(settings).values()) == {(None, False)}


def test_score_dask_frame_is_map_partitions_of_score_frame() -> None:
    import dask
    import dask.dataframe as dd
    import pandas as pd

    from sextortion_triage.batch import score_frame

    frame = pd.DataFrame({"id": ["1", "2", "3", "4"], "text": [DEMAND, BENIGN, "", None]})
    scored = score_dask_frame(dd.from_pandas(frame, npartitions=2))
    assert list(scored.columns) == ["id", "text", *ADDED_COLUMNS]
    with dask.config.set(scheduler="synchronous"):
        result = scored.compute()
    expected = score_frame(frame)
    assert str(result["score"].dtype) == "float64"
    assert result["score"].tolist()[:2] == expected["score"].tolist()[:2]
    assert result["score"].isna().tolist() == [False, False, True, True]

    def plain(values: Any) -> list[Any]:  # dask holds strings as Arrow strings, None as NA
        return [v if isinstance(v, list) or not pd.isna(v) else None for v in values]

    for column in ["id", "text", *ADDED_COLUMNS[1:]]:
        assert plain(result[column]) == plain(expected[column]), column
