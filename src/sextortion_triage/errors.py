"""One exception family with stable codes, so users can search for them and tests can assert them.

Messages name the problem and the fix. They never quote message text.
"""

from __future__ import annotations

__all__ = ["InputError", "ModelFormatError", "ModelIntegrityError", "TriageError"]


class TriageError(Exception):
    """Base class: ``[CODE] what went wrong. Fix: what to do.``"""

    code = "ST000"

    def __init__(self, problem: str, fix: str = "") -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(f"[{self.code}] {problem}" + (f" Fix: {fix}" if fix else ""))


class ModelIntegrityError(TriageError):
    """A model file does not match the sha256 in its model card, or the card is missing."""

    code = "ST101"


class ModelFormatError(TriageError):
    """A model bundle was written in a format (or by a version) this release cannot read."""

    code = "ST102"


class InputError(TriageError):
    """The input cannot be scored: empty, binary, undecodable or malformed."""

    code = "ST201"
