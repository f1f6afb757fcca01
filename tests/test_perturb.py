"""The disguise suite: seeded, each kind really disguises, and evaluate --perturb reports it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from sextortion_triage.cli import main
from sextortion_triage.perturb import KINDS, perturb
from sextortion_triage.wallets import find_wallets

TEXT = ("I recorded the video on your camera. Send the money to "
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa within 24 hours or everyone sees your photos.")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_deterministic_and_changes_the_text(kind: str) -> None:
    assert perturb(TEXT, kind, seed=1) == perturb(TEXT, kind, seed=1)
    assert perturb(TEXT, kind, seed=1) != TEXT


def test_seeds_give_different_disguises() -> None:
    assert len({perturb(TEXT, "homoglyphs", seed=s) for s in range(5)}) > 1


def test_homoglyphs_use_other_alphabets() -> None:
    disguised = perturb(TEXT, "homoglyphs", seed=2)
    assert any(ord(c) > 127 and unicodedata.category(c).startswith("L") for c in disguised)


def test_split_wallets_break_the_address_in_two_and_the_finder_joins_them() -> None:
    disguised = perturb(TEXT, "split_wallets", seed=0)
    assert "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa" not in disguised
    assert disguised.replace(" - ", "").replace(" ", "").replace("\n", "").count(
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa") == 1
    (found,) = find_wallets(disguised)
    assert found.pieces == 2 and found.checksum_valid


def test_invisible_and_soft_hyphen_disguises_insert_format_characters() -> None:
    for kind in ("invisible", "soft_hyphens"):
        disguised = perturb(TEXT, kind, seed=0)
        assert any(unicodedata.category(c) == "Cf" for c in disguised)


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        perturb(TEXT, "rot13")


def test_evaluate_perturb_reports_every_kind(tiny_corpus: Path, tiny_model: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "--data", str(tiny_corpus), "--model",
                                       str(tiny_model), "--perturb"])
    assert result.exit_code == 0, result.output
    for kind in KINDS:
        assert kind in result.output
    assert "recall clean -> disguised" in result.output
