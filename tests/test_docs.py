"""The README documents every command, and every public name has a docstring."""

from __future__ import annotations

import sextortion_triage
from conftest import REPO
from sextortion_triage.cli import main


def test_every_cli_command_is_in_the_readme_and_has_help() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"sextortion-triage {name}" in readme, name
        assert command.help, name


def test_every_public_name_has_a_docstring() -> None:
    for name in sextortion_triage.__all__:
        if name != "__version__":
            assert getattr(sextortion_triage, name).__doc__, name


def test_docstring_examples_are_true() -> None:
    import doctest
    import importlib

    for name in ("sextortion_triage", "sextortion_triage.normalise", "sextortion_triage.signals",
                 "sextortion_triage.wallets", "sextortion_triage.advice",
                 "sextortion_triage.batch", "sextortion_triage.perturb",
                 "sextortion_triage.code_points"):
        module = importlib.import_module(name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, name
        assert result.attempted > 0, name
