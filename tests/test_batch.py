"""batch: every input row accounted for, in every format, with messy files and interruptions."""

from __future__ import annotations

import csv
import gc
import io
import json
import mailbox
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sextortion_triage.batch import ADDED_COLUMNS, run_batch, score_frame
from sextortion_triage.cli import main
from sextortion_triage.errors import InputError

DEMAND = "I have your nudes. Send $300 on Cash App in 1 hour or I post them to your followers."
BENIGN = "can you pick up milk on the way home"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.output


# ---------------------------------------------------------------- accounting on messy CSV


def test_every_row_and_column_is_kept_in_order(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"id,text,note\n1,{DEMAND},a\n2,{BENIGN},b\n", encoding="utf-8")
    summary = run_batch([source], tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")
    assert list(rows[0]) == ["id", "text", "note", *ADDED_COLUMNS]
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["risk_level"] == "high"
    assert rows[1]["risk_level"] == "low"
    assert (summary.rows_read, summary.rows_written, len(summary.rejects)) == (2, 2, 0)


def test_empty_and_missing_text_is_kept_with_a_reason(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"id,text\n1,\n2,   \n3,{BENIGN}\n", encoding="utf-8")
    summary = run_batch([source], tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")
    assert [(r["score"], r["error"]) for r in rows[:2]] == [("", "text empty")] * 2
    assert rows[2]["error"] == ""
    assert (summary.rows_read, summary.rows_scored, summary.rows_with_problems) == (3, 1, 2)
    assert summary.rows_written == 3


def test_na_and_null_strings_are_messages_not_missing_values(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text\nNA\nnull\nNaN\n", encoding="utf-8")
    summary = run_batch([source], tmp_path / "out.csv")
    assert [r["text"] for r in read_csv(tmp_path / "out.csv")] == ["NA", "null", "NaN"]
    assert summary.rows_scored == 3


def test_embedded_newlines_and_quotes_survive(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    text = 'line one\nline "two", with a comma'
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text"], ["1", text], ["2", BENIGN]])
    summary = run_batch([source], tmp_path / "out.csv")
    assert [r["text"] for r in read_csv(tmp_path / "out.csv")] == [text, BENIGN]
    assert summary.rows_written == 2


def test_a_malformed_line_is_rejected_by_line_number_and_kept(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"id,text\n1,{BENIGN}\n2,too,many\n3,ok\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    summary = run_batch([source], tmp_path / "out.csv", rejects=rejects)
    assert [r["id"] for r in read_csv(tmp_path / "out.csv")] == ["1", "3"]
    (reject,) = read_csv(rejects)
    assert (reject["line"], reject["reason"], reject["raw"]) == (
        "3", "expected 2 fields, found 3", "2,too,many")
    assert summary.rows_read + len(summary.rejects) == 3
    assert summary.rows_written == 2


def test_rejects_without_a_rejects_file_exit_4(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,a,b\n2,ok\n", encoding="utf-8")
    code, output = batch(str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 4
    assert "rejected" in output and "line 2" in output and "--rejects FILE" in output
    assert "rows in 2 = rows out 1 + rejected 1" in output


def test_wrong_encoding_is_replaced_and_counted(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes("text\ncafé sécurité\n".encode("latin-1"))
    summary = run_batch([source], tmp_path / "out.csv")
    (row,) = read_csv(tmp_path / "out.csv")
    assert row["text"] == "caf\ufffd s\ufffdcurit\ufffd"
    assert summary.replaced_bytes == 3
    latin = run_batch([source], tmp_path / "latin.csv", encoding="latin-1")
    assert latin.replaced_bytes == 0
    assert read_csv(tmp_path / "latin.csv")[0]["text"] == "café sécurité"


def test_a_zero_row_file_gives_a_header_only_output(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text\n", encoding="utf-8")
    summary = run_batch([source], tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text().splitlines() == [
        ",".join(["id", "text", *ADDED_COLUMNS])]
    assert (summary.rows_read, summary.rows_written) == (0, 0)


def test_an_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty: it has no header line"):
        run_batch([source], tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_a_missing_text_column_lists_the_columns(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,body,count\n1,hello,3\n", encoding="utf-8")
    code, output = batch(str(source), "-o", str(tmp_path / "out.csv"), "--text-column", "msg")
    assert code == 2
    assert "there is no column 'msg'; the columns are 'id', 'body', 'count'" in output
    assert not (tmp_path / "out.csv").exists()


def test_the_only_text_column_is_found_without_being_named(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"id,body,count\n1,{BENIGN},3\n2,{DEMAND},4\n", encoding="utf-8")
    run_batch([source], tmp_path / "out.csv")
    assert read_csv(tmp_path / "out.csv")[1]["risk_level"] == "high"


def test_duplicated_column_names_are_kept_and_an_ambiguous_text_column_refused(
        tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"id,note,text,note\n1,a,{BENIGN},b\n", encoding="utf-8")
    run_batch([source], tmp_path / "out.csv")
    header = (tmp_path / "out.csv").read_text().splitlines()[0]
    assert header.startswith("id,note,text,note,score")
    ambiguous = tmp_path / "twice.csv"
    ambiguous.write_text("text,text\na,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"column 'text' appears 2 times \(positions 1, 2\)"):
        run_batch([ambiguous], tmp_path / "x.csv")


def test_id_column_names_problem_rows_in_the_summary(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("ref,text\nA7,\nB9,hello\n", encoding="utf-8")
    code, output = batch(str(source), "-o", str(tmp_path / "out.csv"), "--id-column", "ref")
    assert code == 0
    assert "rows with problems: id A7 (text empty)" in output


# ---------------------------------------------------------------- formats


def test_jsonl_in_and_out_with_missing_keys_and_a_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": DEMAND}) + "\n" + "{not json\n"
                      + json.dumps({"id": 2, "lang": "en"}) + "\n" + "[1, 2]\n",
                      encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    summary = run_batch([source], tmp_path / "out.jsonl", rejects=rejects)
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert list(rows[0]) == ["id", "text", "lang", *ADDED_COLUMNS]
    assert rows[0]["risk_level"] == "high"
    assert isinstance(rows[0]["signals"], list)
    assert rows[1]["error"] == "text missing"
    assert [r["line"] for r in read_csv(rejects)] == ["2", "4"]
    assert (summary.rows_read, len(summary.rejects), summary.rows_written) == (2, 2, 2)


def test_a_jsonl_string_with_a_lone_surrogate_is_rejected_by_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": n, "text": DEMAND if n % 2 else BENIGN}) for n in range(30)]
    lines[3] = '{"id": 3, "text": "pay \\ud800 now"}'  # JSON may escape half a character
    lines[4] = json.dumps({"id": 4, "text": "ok \U0001F600"})  # a whole one, escaped as a pair
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    summary = run_batch([source], tmp_path / "out.csv", rejects=rejects)
    assert [(r["line"], r["reason"]) for r in read_csv(rejects)] == [
        ("4", "a string holds a lone surrogate escape (not a Unicode character)")]
    assert [r["id"] for r in read_csv(tmp_path / "out.csv")] == [
        str(n) for n in range(30) if n != 3]
    assert (summary.rows_read, len(summary.rejects)) == (29, 1)


def test_tsv_input_to_csv_output(tmp_path: Path) -> None:
    source = tmp_path / "in.tsv"
    source.write_text(f"id\ttext\n1\t{BENIGN}\n", encoding="utf-8")
    run_batch([source], tmp_path / "out.csv")
    assert read_csv(tmp_path / "out.csv")[0]["text"] == BENIGN


def test_signals_are_semicolon_joined_in_csv(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"text\n{DEMAND}\n", encoding="utf-8")
    run_batch([source], tmp_path / "out.csv")
    assert "payment_demand" in read_csv(tmp_path / "out.csv")[0]["signals"].split(";")


def test_parquet_round_trip(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.parquet"
    parquet.write_table(pa.table({"id": [1, 2, 3], "text": [DEMAND, None, BENIGN]}), source)
    summary = run_batch([source], tmp_path / "out.parquet")
    table = parquet.read_table(tmp_path / "out.parquet").to_pylist()
    assert [row["id"] for row in table] == [1, 2, 3]
    assert table[0]["risk_level"] == "high"
    assert table[1]["error"] == "text missing"
    assert isinstance(table[0]["signals"], list)
    assert summary.rows_written == 3


def test_a_folder_of_eml_files_and_an_mbox(tmp_path: Path) -> None:
    folder = tmp_path / "mails"
    folder.mkdir()
    (folder / "a.eml").write_bytes(f"From: x@example.com\nSubject: hi\n\n{DEMAND}\n".encode())
    (folder / "b.eml").write_bytes(b"not an email at all")
    summary = run_batch([folder], tmp_path / "out.csv")
    rows = read_csv(tmp_path / "out.csv")
    assert [Path(r["source"]).name for r in rows] == ["a.eml", "b.eml"]
    assert rows[0]["risk_level"] == "high"
    assert rows[1]["error"] == "text missing"
    assert "no e-mail headers" in rows[1]["read_error"]
    assert summary.rows_read == 2
    box_path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(str(box_path))
    box.add(f"From: y@example.com\nSubject: s\n\n{BENIGN}\n")
    box.flush()
    run_batch([box_path], tmp_path / "mbox.csv")
    assert read_csv(tmp_path / "mbox.csv")[0]["risk_level"] == "low"


def test_dash_writes_jsonl_to_standard_output(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"text\n{BENIGN}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(source), "-o", "-", "--quiet"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["risk_level"] == "low"


def test_several_inputs_are_concatenated_and_must_share_columns(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(f"text\n{BENIGN}\n", encoding="utf-8")
    second.write_text(f"text\n{DEMAND}\n", encoding="utf-8")
    assert run_batch([first, second], tmp_path / "out.csv").rows_written == 2
    other = tmp_path / "c.csv"
    other.write_text("body\nx\n", encoding="utf-8")
    with pytest.raises(InputError, match="different columns"):
        run_batch([first, other], tmp_path / "y.csv")


# ---------------------------------------------------------------- queue options


def test_sort_by_risk_is_highest_first_and_stable(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    texts = [BENIGN, DEMAND, "", BENIGN, DEMAND]
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text"], *[[i, t] for i, t in enumerate(texts)]])
    run_batch([source], tmp_path / "out.csv", sort_by_risk=True, chunk_size=2)
    assert [r["id"] for r in read_csv(tmp_path / "out.csv")] == ["1", "4", "0", "3", "2"]


def test_min_level_keeps_only_those_rows_and_counts_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"text\n{DEMAND}\n{BENIGN}\n{BENIGN}\n\n", encoding="utf-8")
    summary = run_batch([source], tmp_path / "out.csv", min_level="high")
    assert [r["risk_level"] for r in read_csv(tmp_path / "out.csv")] == ["high"]
    assert (summary.rows_read, summary.rows_written, summary.rows_left_out) == (3, 1, 2)


def test_an_existing_output_needs_force_and_an_input_is_never_overwritten(
        tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"text\n{BENIGN}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("keep me")
    with pytest.raises(InputError, match=r"already exists.*--force"):
        run_batch([source], out)
    assert out.read_text() == "keep me"
    run_batch([source], out, force=True)
    assert read_csv(out)[0]["text"] == BENIGN
    with pytest.raises(InputError, match="is also an input"):
        run_batch([source], source, force=True)
    assert source.read_text() == f"text\n{BENIGN}\n"


def test_score_frame_adds_the_columns_to_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": [1, 2, 3], "text": [DEMAND, float("nan"), BENIGN]})
    scored = score_frame(frame)
    assert list(scored.columns) == ["id", "text", *ADDED_COLUMNS]
    def values(column: str) -> list[object]:
        return [None if pd.isna(v) else v for v in scored[column]]

    assert values("risk_level") == ["high", None, "low"]
    assert values("error") == [None, "text missing", None]
    assert pd.isna(scored["score"][1])
    assert list(frame.columns) == ["id", "text"]  # the caller's frame is untouched


def test_batch_scores_equal_score_many(tmp_path: Path) -> None:
    from sextortion_triage import score_many

    source = tmp_path / "in.csv"
    texts = [DEMAND, BENIGN, "pay 0.1 btc or the video goes to your contacts"]
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["text"], *[[t] for t in texts]])
    run_batch([source], tmp_path / "out.jsonl")
    got = [json.loads(line)["score"] for line in (tmp_path / "out.jsonl").open()]
    assert got == [r.score for r in score_many(texts)]


def test_several_worker_processes_write_exactly_what_one_writes(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([i, [DEMAND, BENIGN, "", f"pay {i} btc or the video goes out"][i % 4]]
                         for i in range(400))
    one = run_batch([source], tmp_path / "one.csv", workers=1, chunk_size=37)
    two = run_batch([source], tmp_path / "two.csv", workers=2, chunk_size=37)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert (one.rows_scored, one.levels, one.signals) == (two.rows_scored, two.levels,
                                                          two.signals)


def test_the_parent_of_worker_processes_never_loads_the_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sextortion_triage import model

    source = tmp_path / "in.csv"
    source.write_text("text\n" + f"{DEMAND}\n{BENIGN}\n" * 60, encoding="utf-8")
    monkeypatch.setattr(model, "_CACHE", {})  # nothing loaded here yet (forked workers too)
    summary = run_batch([source], tmp_path / "out.csv", workers=2, chunk_size=20)
    assert summary.rows_scored == 120
    assert model._CACHE == {}  # the workers loaded their own copies; this process none
    run_batch([source], tmp_path / "one.csv", workers=1, chunk_size=20)
    assert len(model._CACHE) == 1  # scoring here loads it
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()


def test_an_altered_model_stops_a_batch_before_any_output(tmp_path: Path) -> None:
    from sextortion_triage.errors import ModelIntegrityError
    from sextortion_triage.model import shipped_model_dir

    altered = tmp_path / "model"
    altered.mkdir()
    for name in ("model.json", "weights.npz", "model_card.json"):
        (altered / name).write_bytes((shipped_model_dir() / name).read_bytes())
    (altered / "model.json").write_text(
        (altered / "model.json").read_text(encoding="utf-8").replace("model_version",
                                                                     "model_versiom"),
        encoding="utf-8")
    source = tmp_path / "in.csv"
    source.write_text("text\n" + f"{DEMAND}\n" * 30, encoding="utf-8")
    with pytest.raises(ModelIntegrityError):
        run_batch([source], tmp_path / "out.csv", workers=2, chunk_size=10, model=altered)
    assert not (tmp_path / "out.csv").exists()


def test_a_pandas_missing_value_counts_as_missing_text() -> None:
    import pandas as pd

    scored = score_frame(pd.DataFrame({"text": pd.array([BENIGN, pd.NA], dtype="string")}))
    assert scored["error"].tolist()[1] == "text missing"


def test_fewer_than_one_worker_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"text\n{BENIGN}\n", encoding="utf-8")
    with pytest.raises(InputError, match="at least 1"):
        run_batch([source], tmp_path / "out.csv", workers=0)


# ---------------------------------------------------------------- interruption


def _children(pid: int) -> list[int]:
    """Process ids of ``pid``'s children (Linux /proc; none elsewhere)."""
    try:
        return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                for child in (task / "children").read_text().split()]
    except OSError:
        return []


def test_a_run_killed_halfway_leaves_no_output_and_the_input_untouched(tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([i, f"{DEMAND} {i}" if i % 2 else f"{BENIGN} {i}"]
                         for i in range(150_000))
    before = source.read_bytes()
    out = tmp_path / "out.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "sextortion_triage", "batch", str(source), "-o", str(out),
         "--chunk-size", "500"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".out.csv.*.partial")):
        time.sleep(0.05)
    assert list(tmp_path.glob(".out.csv.*.partial")), "the run never started writing"
    time.sleep(0.5)
    assert process.poll() is None, "the run finished before it could be interrupted"
    workers = _children(process.pid)
    assert workers or not Path("/proc").exists(), "expected scoring worker processes"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "workers left running"
    assert b"Interrupted: no output was written." in stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]
    assert source.read_bytes() == before


def test_the_package_runs_as_a_module() -> None:
    result = subprocess.run([sys.executable, "-m", "sextortion_triage", "--version"],
                            capture_output=True, text=True, env={**os.environ})
    assert result.returncode == 0
    assert "sextortion-triage" in result.stdout


def test_summary_goes_to_standard_error_only(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"text\n{BENIGN}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(source), "-o", "-"])
    assert result.exit_code == 0
    assert [json.loads(line)["text"] for line in io.StringIO(result.stdout)] == [BENIGN]
    assert "rows in 1 = rows out 1 + rejected 0" in result.stderr


def test_jsonl_from_standard_input_keeps_every_row(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([DEMAND, BENIGN]))
    result = CliRunner().invoke(main, ["batch", "-", "-o", str(tmp_path / "out.csv"), "--quiet"],
                                input=lines.encode())
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in read_csv(tmp_path / "out.csv")] == ["0", "1"]


def test_parquet_output_when_the_first_chunk_has_no_scores(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([i, ""] for i in range(12_000))
        writer.writerows([i, BENIGN] for i in range(12_000, 12_010))
    summary = run_batch([source], tmp_path / "out.parquet")
    table = parquet.read_table(tmp_path / "out.parquet")
    assert table.num_rows == summary.rows_written == 12_010
    assert str(table.schema.field("score").type) == "double"
    assert table.column("risk_level").to_pylist()[-1] == "low"


def test_an_unterminated_quote_is_rejected_not_merged_into_a_row(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f'id,text\n1,{BENIGN}\n2,"never closed\n3,ok\n', encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    summary = run_batch([source], tmp_path / "out.csv", rejects=rejects)
    assert [r["id"] for r in read_csv(tmp_path / "out.csv")] == ["1"]
    (reject,) = read_csv(rejects)
    assert reject["line"] == "3"
    assert "unexpected end of data" in reject["reason"]
    assert summary.rows_read + len(summary.rejects) == 2


def test_a_field_over_the_size_limit_is_rejected_and_the_run_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([["id", "text"], [1, "x" * (17 * 1024 * 1024)], [2, BENIGN]])
    summary = run_batch([source], tmp_path / "out.csv", rejects=tmp_path / "rejects.csv")
    assert [r["id"] for r in read_csv(tmp_path / "out.csv")] == ["2"]
    assert "field larger than field limit" in summary.rejects[0].reason


def test_the_batch_command_collects_garbage_less_often(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sextortion_triage import parallel

    calls: list[int] = []
    tune = parallel.collect_garbage_less_often
    monkeypatch.setattr(parallel, "collect_garbage_less_often",
                        lambda: calls.append(1) or tune())
    source = tmp_path / "in.csv"
    source.write_text("text\n" + f"{DEMAND}\n" * 3, encoding="utf-8")
    code, _ = batch(str(source), "-o", str(tmp_path / "out.csv"), "--quiet")
    assert code == 0 and calls == [1]
    assert gc.get_threshold()[0] == parallel.YOUNG_OBJECTS
    assert gc.get_freeze_count() > 0  # what was loaded before the rows is never walked
