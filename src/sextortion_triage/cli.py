"""Command line: ``sextortion-triage check | advice | batch | train | evaluate``.

Each command gathers its options and calls one library function; heavy libraries are
imported inside the commands that need them, so ``check`` starts quickly.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import InputError, ModelFormatError, ModelIntegrityError, TriageError

EXIT_USAGE, EXIT_MODEL = 2, 3
EXIT_CODES_HELP = (
    "\b\nExit codes:\n  0  scored (or done)\n  2  usage or input error (bad option, empty "
    "text,\n     unreadable, binary or undecodable file)\n  3  model missing, modified or "
    "unreadable"
)
REGION_CHOICE = click.Choice(["uk", "us", "au", "ca", "ie", "intl"], case_sensitive=False)
F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def friendly_errors(command: F) -> F:
    """Turn library errors into one line on standard error and the right exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (ModelIntegrityError, ModelFormatError) as error:
            _fail(str(error), EXIT_MODEL)
        except TriageError as error:
            _fail(str(error), EXIT_USAGE)
        except ValueError as error:
            _fail(str(error), EXIT_USAGE)
        return None

    return wrapper  # type: ignore[return-value]


def _use_color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def model_options(command: F) -> F:
    command = click.option("--trust-model", is_flag=True,
                           help="Load a --model directory without checking its model card "
                                "(only for a model you built yourself).")(command)
    return click.option("--model", "model", type=click.Path(path_type=Path, file_okay=False),
                        help="Model directory with model_card.json (default: the shipped "
                             "model).")(command)


def advice_options(command: F) -> F:
    command = click.option("--under-18", "under_18", is_flag=True, default=None,
                           help="Show the routes for under-18s (also switched on when the "
                                "message suggests the person is under 18).")(command)
    return click.option("--region", type=REGION_CHOICE, envvar="SEXTORTION_TRIAGE_REGION",
                        show_envvar=True, help="Where you live, for the right contacts "
                        "[default: intl].")(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sextortion-triage")
def main() -> None:
    """Recognise sextortion demand messages and say what to do.

    Everything runs on this computer: messages are never sent anywhere or logged.
    """


def _read_input(text: str | None, file: Path | None, encoding: str | None) -> str:
    from .reading import decode_text, read_message_file

    if text is not None and file is not None:
        raise InputError("give the message as TEXT or with --file, not both.")
    if file is not None:
        return read_message_file(file, encoding=encoding)
    if text is not None:
        return text
    if sys.stdin is None:
        raise InputError("no message given and there is no standard input.",
                         "give the message as TEXT or with --file.")
    if sys.stdin.isatty():
        click.echo("Paste the message, then press Ctrl-D on an empty line "
                   "(Windows: Ctrl-Z, Enter).", err=True)
    return decode_text(sys.stdin.buffer.read(), source="standard input", encoding=encoding)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=True),
              help="Read the message from a .txt or .eml file.")
@click.option("--encoding", help="Encoding of --file or standard input [default: utf-8].")
@advice_options
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option("--no-color", is_flag=True, help="No colour (NO_COLOR is respected too).")
@model_options
@friendly_errors
def check(text: str | None, file: Path | None, encoding: str | None, region: str | None,
          under_18: bool | None, as_json: bool, no_color: bool, model: Path | None,
          trust_model: bool) -> None:
    """Check one message: how likely it is sextortion, and what to do.

    Give the message as TEXT, with --file (a .txt or .eml file), or on standard
    input (paste it, then press Ctrl-D).
    """
    from .reading import MAX_CHARS
    from .score import score

    message = _read_input(text, file, encoding)
    if not message.strip():
        raise InputError("the message is empty.", "paste the message text, or give --file.")
    if len(message) > MAX_CHARS:
        click.echo(f"Warning: the message has {len(message):,} characters; only the first "
                   f"{MAX_CHARS:,} were checked.", err=True)
        message = message[:MAX_CHARS]
    result = score(message, region=region, under_18=under_18 or None, model=model,
                   trust_model=trust_model)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    from .render import render_result

    click.echo(render_result(result, color=_use_color(no_color)), nl=False,
               color=_use_color(no_color))


@main.command(epilog=EXIT_CODES_HELP)
@advice_options
@click.option("--level", type=click.Choice(["high", "medium", "low"]), default="high",
              show_default=True, help="Which advice to show.")
@click.option("--no-color", is_flag=True, help="No colour (NO_COLOR is respected too).")
@friendly_errors
def advice(region: str | None, under_18: bool | None, level: str, no_color: bool) -> None:
    """Print what to do if someone threatens to share intimate images of you."""
    from .advice import advice_for
    from .render import render_advice

    items = advice_for(level, region=region, under_18=bool(under_18))
    color = _use_color(no_color)
    click.echo(render_advice(items, color=color), nl=False, color=color)


@main.command(epilog=EXIT_CODES_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default, loopback, lets only this computer "
                   "connect; any other address prints a warning.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@model_options
@friendly_errors
def serve(host: str, port: int, model: Path | None, trust_model: bool) -> None:
    """Run the HTTP API and a private page for checking a message in a web browser.

    Open the address it prints: paste a message, and read the risk and the advice. The
    page and the API (POST /v1/score, GET /v1/health, GET /v1/model, /openapi.json) run on
    this computer; messages are never sent anywhere, stored or logged.

    \b
    Needs the server extra:
      pip install 'sextortion-triage[server]'
    """
    try:
        from .server import run_server
    except ImportError:
        _fail("serve needs the server extra. Fix: pip install 'sextortion-triage[server]'",
              EXIT_USAGE)
        return
    run_server(host, port, model=model, trust_model=trust_model)


@main.command(epilog=EXIT_CODES_HELP)
@click.option("--data", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("data/messages.csv"), show_default=True, help="Labelled corpus.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("models"), show_default=True, help="Where to write the model.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="the number of cores",
              help="Candidates measured at once, one process each (same model for any number).")
@friendly_errors
def train(data: Path, out: Path, seed: int, jobs: int) -> None:
    """Train the model: compare candidates on validation, write the model and its card."""
    from .train import describe
    from .train import train as run_training

    click.echo(f"Training on {data} (candidates measured on the validation split):", err=True)
    report = run_training(data, out, seed=seed, silent=False, jobs=jobs)
    card = report.card
    click.echo(f"Chosen: {describe(report.chosen)}", err=True)
    click.echo(f"Thresholds: medium {card['thresholds']['medium']:.4f}, high "
               f"{card['thresholds']['high']:.4f}", err=True)
    for path in report.files:
        click.echo(f"wrote {path}")


@main.command(epilog=EXIT_CODES_HELP)
@click.option("--data", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("data/messages.csv"), show_default=True, help="Labelled corpus.")
@click.option("--split", type=click.Choice(["train", "validation", "test"]), default="test",
              show_default=True)
@click.option("--plot", type=click.Path(path_type=Path, dir_okay=False),
              help="Also draw the precision-recall and calibration curves to this PNG.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--perturb", is_flag=True,
              help="Measure recall and false-positive rate on clean versus disguised messages, "
                   "per kind of disguise (look-alike letters, invisible characters, ...).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the disguises.")
@model_options
@friendly_errors
def evaluate(data: Path, split: str, plot: Path | None, as_json: bool, perturb: bool,
             seed: int, model: Path | None, trust_model: bool) -> None:
    """Measure the model on one split of a labelled corpus."""
    from .evaluate import evaluate as run_evaluation
    from .evaluate import evaluate_perturbed, format_perturbed, format_report, plot_curves

    if perturb:
        robustness = evaluate_perturbed(data, split=split, model=model,
                                        trust_model=trust_model, seed=seed)
        click.echo(json.dumps(robustness, indent=2) if as_json else format_perturbed(robustness),
                   nl=False)
        return
    report = run_evaluation(data, split=split, model=model, trust_model=trust_model)
    if plot is not None:
        plot_curves(report, plot)
    public = {k: v for k, v in report.items() if not k.startswith("_")}
    click.echo(json.dumps(public, indent=2) if as_json else format_report(public), nl=False)
    if plot is not None:
        click.echo(f"\nwrote {plot}", err=True)


@main.command(epilog=EXIT_CODES_HELP + "\n  4  some records could not be read and --rejects "
              "was not given\n  5  --engine dask: a partition failed after its retries\n"
              "     (finished parts are kept for --resume)\n  130  interrupted (no output "
              "file is left behind)")
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(path_type=Path, allow_dash=True))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, allow_dash=True),
              help="Output file: .csv, .tsv, .jsonl or .parquet; '-' writes JSON Lines to "
                   "standard output.")
@click.option("--format", "input_format",
              type=click.Choice(["csv", "tsv", "jsonl", "parquet", "eml", "mbox"]),
              help="Input format [default: from the extension; a folder holds .eml files].")
@click.option("--output-format", type=click.Choice(["csv", "tsv", "jsonl", "parquet"]),
              help="Output format [default: from the extension].")
@click.option("--text-column", help="Column with the message [default: 'text', else the only "
                                    "text column].")
@click.option("--id-column", help="Column that names rows in the summary (instead of row "
                                  "numbers); the output keeps every column anyway.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of CSV, TSV and JSON Lines input; bad bytes are replaced and "
                   "counted.")
@click.option("--sort-by-risk", is_flag=True, help="Highest risk first (input order among "
                                                   "equal scores).")
@click.option("--min-level", type=click.Choice(["medium", "high"]),
              help="Keep only rows at this risk level or above (rows that could not be "
                   "scored are kept).")
@click.option("--rejects", type=click.Path(path_type=Path, dir_okay=False),
              help="Write records that cannot be read (with their line numbers) to this CSV.")
@click.option("--force", is_flag=True, help="Overwrite an existing output or rejects file.")
@click.option("--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--chunk-size", type=click.IntRange(1, 1_000_000), default=5_000,
              show_default=True, help="Rows scored at a time.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="'dask' spreads the files over a Dask cluster (pip "
              "install 'sextortion-triage[dask]'): INPUTs may be globs and Parquet folders, "
              "-o names a folder of part files.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to use (e.g. "
              "tcp://10.0.0.5:8786) [default: a local cluster on 127.0.0.1].")
@click.option("--workers", type=click.IntRange(1, 1024), help="Processes that score on this "
              "computer: the local engine's pool, or the dask engine's local cluster "
              "[default: one per core].")
@click.option("--resume", is_flag=True, help="Dask engine: reuse the part files that an "
              "interrupted or failed run finished (kept in .OUTPUT_DIR.partial) and score "
              "only the rest; refused if the inputs (names, sizes, modification times), the "
              "model or the options have changed.")
@model_options
@friendly_errors
def batch(inputs: tuple[Path, ...], output: Path, input_format: str | None,
          output_format: str | None, text_column: str | None, id_column: str | None,
          encoding: str, sort_by_risk: bool, min_level: str | None, rejects: Path | None,
          force: bool, quiet: bool, chunk_size: int, engine: str, scheduler: str | None,
          workers: int | None, resume: bool, model: Path | None,
          trust_model: bool) -> None:
    """Score files of messages as a triage queue, keeping every row and column.

    Reads CSV, TSV, JSON Lines, Parquet (with pyarrow), a folder of .eml files or an
    mbox. Adds score, risk_level, is_sextortion, signals, model_version and error to
    every row. Rows with empty or missing text are kept with a reason in 'error';
    records that cannot be read are reported by line number (and written to --rejects).
    Progress and the summary go to standard error; the output is written to a
    temporary file and renamed at the end, so an interrupted run leaves no output.

    With --engine dask, each CSV, TSV or JSON Lines file and each run of Parquet row
    groups is one partition, scored on a worker and written as one part file
    (part-00000.parquet, ... in input order, format from --output-format, else the
    folder's extension, else Parquet). The folder appears only when every partition has
    succeeded; until then the finished parts wait in .OUTPUT_DIR.partial beside it, and
    --resume reuses them.
    """
    from .dask_command import check_engine_options, report_batch, run_dask_batch

    check_engine_options(engine, scheduler=scheduler, workers=workers, resume=resume,
                         output=output, sort_by_risk=sort_by_risk)
    if engine == "dask":
        run_dask_batch(inputs, output, scheduler=scheduler, workers=workers, resume=resume,
                       input_format=input_format, output_format=output_format,
                       text_column=text_column, id_column=id_column, encoding=encoding,
                       min_level=min_level, rejects=rejects, force=force, quiet=quiet,
                       chunk_size=chunk_size, model=model, trust_model=trust_model)
        return
    from .batch import run_batch
    from .parallel import collect_garbage_less_often

    collect_garbage_less_often()  # this process only hands out and writes rows now
    try:
        summary = run_batch(
            list(inputs), output, input_format=input_format, output_format=output_format,
            text_column=text_column, id_column=id_column, encoding=encoding,
            sort_by_risk=sort_by_risk,
            min_level=min_level, rejects=rejects, force=force, chunk_size=chunk_size,
            progress=not quiet and sys.stderr.isatty(), model=model, trust_model=trust_model,
            workers=workers)
    except KeyboardInterrupt:
        click.echo("Interrupted: no output was written.", err=True)
        sys.exit(130)
    report_batch(summary, rejects=rejects, min_level=min_level, quiet=quiet)
