"""The command line, driven through click's CliRunner: inputs, outputs, errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sextortion_triage.cli import main

DEMAND = ("I have your nudes and screenshots of all your followers. Send $300 on Cash App "
          "in 1 hour or I post them everywhere.")
EML = (b"From: someone@example.com\r\nTo: you@example.org\r\nSubject: =?utf-8?q?Your_device?=\r\n"
       b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
       b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
       b"I hacked your device and recorded you through your webcam. Pay 1200 USD in Bitcoin =\r\n"
       b"to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa within 48 hours or the video goes to all your =\r\n"
       b"contacts.\r\n")


def run(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):  # noqa: A002
    return CliRunner().invoke(main, list(args), input=input, env=env)


def test_check_text_prints_risk_verdict_signals_and_advice() -> None:
    result = run("check", DEMAND)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Sextortion risk: ") and lines[0].endswith("(HIGH)")
    assert "What in the message points to it:" in result.output
    assert "“$300”" in result.output
    assert "Don't pay" in result.output and "not sent anywhere" in result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal


def test_check_output_fits_80_columns() -> None:
    result = run("check", DEMAND, "--region", "uk", "--under-18")
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_check_json_prints_exactly_the_result_dict() -> None:
    result = run("check", DEMAND, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"score", "risk_level", "is_sextortion", "signals", "top_terms",
                         "advice", "model_version"}
    assert data["risk_level"] == "high" and data["is_sextortion"] is True


def test_check_reads_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "message.txt"
    path.write_text(DEMAND, encoding="utf-8")
    assert json.loads(run("check", "--file", str(path), "--json").output)["risk_level"] == "high"


def test_check_reads_an_eml_file_and_gives_the_bulk_email_advice(tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(EML)
    data = json.loads(run("check", "--file", str(path), "--json").output)
    assert data["risk_level"] in {"high", "medium"}
    assert data["advice"][0]["id"] == "bulk_email"
    assert "crypto_wallet" in {s["name"] for s in data["signals"]}


def test_check_reads_standard_input() -> None:
    result = run("check", "--json", input=DEMAND.encode())
    assert json.loads(result.output)["risk_level"] == "high"


@pytest.mark.parametrize(("region", "contact"), [
    ("uk", "116 123"), ("us", "988"), ("au", "13 11 14"), ("ca", "988"), ("ie", "116 123"),
    ("intl", "112"),
])
def test_each_region_shows_its_crisis_line(region: str, contact: str) -> None:
    result = run("check", DEMAND, "--region", region, "--json")
    crisis = next(a for a in json.loads(result.output)["advice"] if a["id"] == "crisis")
    assert contact in crisis["text"]


def test_region_can_come_from_the_environment() -> None:
    result = run("check", DEMAND, "--json", env={"SEXTORTION_TRIAGE_REGION": "uk"})
    crisis = next(a for a in json.loads(result.output)["advice"] if a["id"] == "crisis")
    assert "Samaritans" in crisis["text"]


def test_under_18_switches_to_the_under_18_routes() -> None:
    advice = json.loads(run("check", DEMAND, "--region", "uk", "--under-18", "--json").output)
    by_id = {a["id"]: a["text"] for a in advice["advice"]}
    assert "CEOP" in by_id["report_police"] and "trusted_adult" in by_id


def test_advice_command_prints_the_advice_alone() -> None:
    result = run("advice", "--region", "us", "--under-18")
    assert result.exit_code == 0
    assert "Take It Down" in result.output and "Sextortion risk" not in result.output


# fmt: off
ERRORS = [
    # (arguments, stdin, exit code, words in the one-line error)
    (["check", "   "],                   None,               2, "the message is empty"),
    (["check"],                          b"",                2, "the message is empty"),
    (["check", "--file", "nope.txt"],    None,               2, "nope.txt does not exist"),
    (["check", "--region", "mars", "x"], None,               2, "Invalid value for '--region'"),
    (["check", "--bogus"],               None,               2, "No such option"),
    (["check"],                          b"caf\xe9 \xff",    2, "not valid UTF-8 (bad byte at position 3)"),
    (["check"],                          b"\x00\x01binary",  2, "binary file (NUL byte at byte 0)"),
]
# fmt: on


@pytest.mark.parametrize(("args", "stdin", "code", "words"), ERRORS)
def test_errors_are_one_line_with_the_right_exit_code(args: list[str], stdin: bytes | None,
                                                      code: int, words: str) -> None:
    result = run(*args, input=stdin)
    assert result.exit_code == code
    assert words in result.output
    assert "Traceback" not in result.output


def test_error_lines_name_the_fix_and_never_quote_the_message(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("secret message café".encode("latin-1"))
    result = run("check", "--file", str(path))
    assert result.exit_code == 2
    assert "Fix: save it as UTF-8, or pass --encoding latin-1" in result.output
    assert "secret" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_encoding_option_reads_a_latin_1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(DEMAND.encode("latin-1"))
    assert run("check", "--file", str(path), "--encoding", "latin-1").exit_code == 0


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = run("check", "--file", str(path))
    assert result.exit_code == 2 and "binary" in result.output


def test_overlong_text_is_scored_on_its_first_100000_characters_with_a_warning() -> None:
    result = CliRunner().invoke(main, ["check", "--json", DEMAND + " ok" * 60_000])
    assert result.exit_code == 0
    assert "only the first 100,000 were checked" in result.output


def test_a_tampered_model_exits_3(tiny_model: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "model"
    shutil.copytree(tiny_model, copy)
    (copy / "model.json").write_text((copy / "model.json").read_text() + " ")
    result = run("check", DEMAND, "--model", str(copy))
    assert result.exit_code == 3
    assert "[ST101]" in result.output and "does not match" in result.output


def test_help_documents_the_exit_codes() -> None:
    assert "Exit codes:" in run("check", "--help").output


def test_evaluate_prints_the_tables(tiny_corpus: Path, tiny_model: Path) -> None:
    result = run("evaluate", "--data", str(tiny_corpus), "--model", str(tiny_model))
    assert result.exit_code == 0, result.output
    assert "ROC-AUC" in result.output and "Worst false negatives" in result.output


def test_evaluate_draws_the_plot(tiny_corpus: Path, tiny_model: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    plot = tmp_path / "curves.png"
    result = run("evaluate", "--data", str(tiny_corpus), "--model", str(tiny_model),
                 "--split", "validation", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    assert plot.read_bytes()[:4] == b"\x89PNG"
