"""models/README.md figures are written from the model card, between markers."""

from __future__ import annotations

import json
from pathlib import Path

from sextortion_triage.model_report import MARKERS, update_model_readme


def test_figures_are_written_between_the_markers_and_nowhere_else(tiny_model: Path,
                                                                  tmp_path: Path) -> None:
    card = json.loads((tiny_model / "model_card.json").read_text())
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nprose\n\n{MARKERS[0]}\nold figures\n{MARKERS[1]}\n\nmore\n")
    assert update_model_readme(readme, card)
    text = readme.read_text()
    assert text.startswith("# Title\n\nprose\n\n")
    assert text.endswith(f"{MARKERS[1]}\n\nmore\n")
    assert "old figures" not in text
    assert card["model_version"] in text
    assert "(chosen)" in text
    assert "### Test split" in text


def test_a_readme_without_markers_is_left_alone(tiny_model: Path, tmp_path: Path) -> None:
    card = json.loads((tiny_model / "model_card.json").read_text())
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n")
    assert not update_model_readme(readme, card)
    assert readme.read_text() == "# no markers\n"
    assert not update_model_readme(tmp_path / "missing.md", card)


def test_the_readme_has_a_table_per_language_and_one_per_disguise(tiny_model: Path,
                                                                   tmp_path: Path) -> None:
    card = json.loads((tiny_model / "model_card.json").read_text())
    readme = tmp_path / "README.md"
    readme.write_text(f"{MARKERS[0]}\n{MARKERS[1]}\n")
    update_model_readme(readme, card)
    text = readme.read_text()
    assert "Per language (test split):" in text
    for lang in card["metrics"]["test"]["per_language"]:
        assert f"| {lang} | " in text
    assert "### Disguised test messages" in text
    for kind in card["disguises_on_test"]["kinds"]:
        assert f"| {kind} | " in text
