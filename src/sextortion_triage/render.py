"""Render results and advice for people at a terminal (80 columns, colour optional)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import click

from .advice import privacy_note, wording
from .results import AdviceItem, TriageResult

__all__ = ["render_advice", "render_result"]

_QUOTED = re.compile("“[^”]*”")
_LEVEL_COLOURS = {"high": "red", "medium": "yellow", "low": "green"}


def _style(text: str, color: bool, **styles: object) -> str:
    return click.style(text, **styles) if color else text  # type: ignore[arg-type]


_NUMBER_GAP = re.compile(r"(?<=\d) (?=\d)")


def _wrap(text: str, width: int, indent: str) -> list[str]:
    """Wrap ``text``; a phone number ('116 123') is never split across lines."""
    glued = _NUMBER_GAP.sub("\u00a0", text)
    lines = textwrap.wrap(glued, width=width, initial_indent=indent, subsequent_indent=indent,
                          break_long_words=True, break_on_hyphens=False) or [indent]
    return [line.replace("\u00a0", " ") for line in lines]


def _quote(words: str, limit: int = 40) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


def render_advice(items: Sequence[AdviceItem], *, color: bool, width: int = 80) -> str:
    """Numbered advice items: a bold title, then the wrapped text."""
    lines: list[str] = []
    for number, item in enumerate(items, 1):
        title = _style(item.title, color, bold=True)
        lines.append(f"{number:>2}. {title}")
        lines.extend(_wrap(item.text, width, "    "))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_result(result: TriageResult, *, color: bool, width: int = 80) -> str:
    """The whole answer for one message: risk, verdict, signals, advice, privacy note."""
    level = result.risk_level
    percent = f"{result.score * 100:.0f}%"
    headline = f"Sextortion risk: {percent} ({level.upper()})"
    lines = [_style(headline, color, fg=_LEVEL_COLOURS[level], bold=True)]
    lines.extend(_wrap(wording("verdicts")[level], width, ""))
    for note in result.notes:
        lines.extend(_wrap(note, width, ""))
    labels = wording("signal_labels")
    if result.signals:
        lines += ["", "What in the message points to it:"]
        for name in labels:
            found = [s.text for s in result.signals if s.name == name]
            if not found:
                continue
            quoted = ", ".join(f"“{_quote(w)}”" for w in dict.fromkeys(found))
            wrapped = textwrap.wrap(f"{labels[name]}: {quoted}", width=width,
                                    initial_indent="  • ", subsequent_indent="    ")
            lines.extend(_QUOTED.sub(lambda m: _style(m.group(), color, fg="cyan", bold=True),
                                     line) for line in wrapped)
    lines += ["", _style("What to do", color, bold=True, underline=True), ""]
    lines.append(render_advice(result.advice, color=color, width=width).rstrip())
    lines += ["", *_wrap(f"{privacy_note()} Model {result.model_version}.", width, "")]
    return "\n".join(lines) + "\n"
