"""The ``batch --engine dask`` side of the command line: option checks, report, exit codes.

This module imports no Dask: ``distributed.py`` (which does) is imported only when a
dask run starts, so ``check`` and the local batch never load Dask.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from .batch import BatchSummary
from .errors import InputError

__all__ = ["EXIT_PARTITION_FAILED", "check_engine_options", "run_dask_batch"]

EXIT_PARTITION_FAILED = 5


def check_engine_options(engine: str, *, scheduler: str | None, workers: int | None,
                         resume: bool, output: Path, sort_by_risk: bool) -> None:
    """Refuse options that belong to the other engine, with the fix."""
    if engine == "local":
        for given, name in ((scheduler, "--scheduler"), (resume or None, "--resume")):
            if given is not None:
                raise InputError(f"{name} works with the dask engine only.",
                                 "add --engine dask.")
        return
    if scheduler is not None and workers is not None:
        raise InputError("--workers starts a local cluster, so it cannot go with --scheduler.",
                         "size the remote cluster where it runs.")
    if str(output) == "-":
        raise InputError("the dask engine writes a folder of part files, not standard output.",
                         "give -o OUTPUT_DIR.")
    if sort_by_risk:
        raise InputError("--sort-by-risk needs every row in one place, which the dask engine "
                         "does not do.", "sort the output folder afterwards, or use --engine "
                         "local.")


def run_dask_batch(inputs: Sequence[Path], output: Path, *, scheduler: str | None,
                   workers: int | None, resume: bool, input_format: str | None,
                   output_format: str | None, text_column: str | None, id_column: str | None,
                   encoding: str, min_level: str | None, rejects: Path | None, force: bool,
                   quiet: bool, chunk_size: int, model: Path | None, trust_model: bool) -> None:
    """Run ``score_dask`` for the command and report as the local batch does."""
    from .distributed import DaskRunError, score_dask, staging_path

    kept = staging_path(output)
    try:
        summary = score_dask(
            list(inputs), output, scheduler=scheduler, n_workers=workers, resume=resume,
            input_format=input_format, output_format=output_format, text_column=text_column,
            id_column=id_column, encoding=encoding, min_level=min_level, rejects=rejects,
            force=force, chunk_size=chunk_size, progress=not quiet and sys.stderr.isatty(),
            model=model, trust_model=trust_model)
    except KeyboardInterrupt:
        where = f"; finished parts are kept in {kept} (rerun with --resume)" \
            if kept.exists() else ""
        click.echo(f"Interrupted: no output was written{where}.", err=True)
        sys.exit(130)
    except DaskRunError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_PARTITION_FAILED)
    report_batch(summary, rejects=rejects, min_level=min_level, quiet=quiet)


def report_batch(summary: BatchSummary, *, rejects: Path | None, min_level: str | None,
                 quiet: bool) -> None:
    """The closing summary on standard error; exit 4 when records were rejected unkept."""
    if not quiet:
        for line in summary.lines(rejects, min_level):
            click.echo(line, err=True)
    if summary.rejects and rejects is None:
        click.echo(f"Error: {len(summary.rejects)} records could not be read and were not "
                   "written anywhere. Fix: rerun with --rejects FILE to keep them.", err=True)
        sys.exit(4)
