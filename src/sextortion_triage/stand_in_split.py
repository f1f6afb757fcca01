"""A stand-in too long for Hyperscan, split into shorter pieces joined by "and" and "or".

Hyperscan takes patterns of at most 16,000 characters, and a gap between two large word
lists ("send ... to your family", in six languages) makes even a shorter one too large
for it. Three of the stand-ins (``prefilter.loosen``) are like that. ``split`` rewrites
one into a formula over shorter pieces that holds wherever the stand-in matches:

- an alternation holds where one of its alternatives does;
- a branch with gaps (``[^.!?\\n]*``) holds only where each part between its gaps
  matches (somewhere: the formula forgets their order and distance);
- a part still too long is cut at its first inner gap, as ``loosen(cut_gaps=True)``
  does: whatever matches the whole also matches what comes before the gap;
- a part too long without gaps needs each of its groups that cannot be absent.

A condition that holds almost anywhere is left out of an "and": a piece whose shortest
match is one or two characters. Hyperscan's stand-ins keep no word boundary, so such a
piece (the conditional threat's "or", "ou", "o" in front of its gap) matches inside most
words; it filtered nothing and cost Hyperscan's pass about 1 µs a message.

Hyperscan evaluates such a formula itself (a logical combination of quiet patterns), in
the same pass as the other stand-ins. The formula may hold where the stand-in does not,
never the reverse, so the signal patterns still find every match they would find alone.
"""

from __future__ import annotations

import re

from .regex_factor import quantified_atoms, split_alternatives

__all__ = ["Formula", "expression", "pieces", "shortest", "split"]

#: a quantifier that lets its atom be absent
_QUANTIFIER_OPTIONAL = re.compile(r"[?*]|\{0?,|\{0\}")
#: the fewest repetitions a ``{m,n}`` quantifier asks for
_LEAST_REPEATS = re.compile(r"\{(\d*)")
#: a piece that can match this few characters holds almost anywhere (see the docstring)
ALMOST_ANYWHERE = 2

#: A piece (a pattern), or ("and" | "or", parts). ``split`` returns None for "anywhere".
Formula = str | tuple[str, tuple["Formula", ...]]


def split(source: str, longest: int) -> Formula | None:
    """``source`` as a formula of pieces of at most ``longest`` characters, none with a
    gap; None when it may match anywhere (an empty match)."""
    if len(source) <= longest and not _has_gap(source):
        return source or None
    branches = split_alternatives(source)
    if len(branches) > 1:
        parts = [split(branch, longest) for branch in branches]
        return None if None in parts else ("or", tuple(p for p in parts if p is not None))
    atoms = quantified_atoms(source)
    if len(atoms) == 1 and atoms[0][0].startswith("(") and not atoms[0][1]:
        return split(_inside(atoms[0][0])[1], longest)
    between_gaps = _between_gaps(atoms)
    if between_gaps != [source]:  # it has gaps at the top
        return _all([split(text, longest) for text in between_gaps])
    before_gap = _cut(source)[0]
    if before_gap != source:
        return split(before_gap, longest)
    # too long, without gaps: each group it cannot do without must match somewhere
    required = [(atom, q) for atom, q in atoms if not _QUANTIFIER_OPTIONAL.match(q)]
    if not required:
        return None  # all of it may be absent: it matches the empty string anywhere
    groups = [atom for atom, _ in required if atom.startswith("(")]
    if not groups:
        raise ValueError(f"a stand-in of {len(source)} characters cannot be split")
    return _all([split(group, longest) for group in groups])


def _all(parts: list[Formula | None]) -> Formula | None:
    """The formula that holds where all ``parts`` do (a part that is None always does;
    a piece that holds almost anywhere is left out where another part remains)."""
    required = tuple(part for part in parts if part is not None)
    selective = tuple(part for part in required if not _almost_anywhere(part))
    required = selective or required
    if not required:
        return None
    return required[0] if len(required) == 1 else ("and", required)


def _almost_anywhere(part: Formula) -> bool:
    return isinstance(part, str) and shortest(part) <= ALMOST_ANYWHERE


def shortest(source: str) -> int:
    """How many characters ``source``'s shortest match has (a class, an escape or any
    character counting one; a zero-width assertion such as ``^`` or ``\\b`` counts one
    too, which can only make a piece look longer and so be kept).

    >>> shortest("(?:o(?:der|u|)|ppure)")
    1
    """
    return min(sum(_atom_shortest(atom) * _least_repeats(quantifier)
                   for atom, quantifier in quantified_atoms(branch))
               for branch in split_alternatives(source))


def _atom_shortest(atom: str) -> int:
    return shortest(_inside(atom)[1]) if atom.startswith("(") else 1


def _least_repeats(quantifier: str) -> int:
    if not quantifier or quantifier[0] == "+":
        return 1
    if quantifier[0] in "?*":
        return 0
    found = _LEAST_REPEATS.match(quantifier)
    return int(found.group(1) or 0) if found else 1


def pieces(formula: Formula) -> list[str]:
    """The distinct pieces of ``formula``, in order of first appearance."""
    if isinstance(formula, str):
        return [formula]
    return list(dict.fromkeys(p for part in formula[1] for p in pieces(part)))


def expression(formula: Formula, ids: dict[str, int]) -> str:
    """``formula`` in Hyperscan's combination syntax, each piece named by its id."""
    if isinstance(formula, str):
        return str(ids[formula])
    operator = " & " if formula[0] == "and" else " | "
    return "(" + operator.join(expression(part, ids) for part in formula[1]) + ")"


def _is_gap(atom: str, quantifier: str) -> bool:
    """A negated class repeated without bound: what ``loosen`` makes of ``[^.!?\\n]{0,60}?``."""
    return atom.startswith("[^") and (quantifier[:1] in ("*", "+")
                                      or (quantifier.startswith("{") and "," in quantifier
                                          and quantifier.rstrip("?+").endswith(",}")))


def _has_gap(source: str) -> bool:
    """Whether ``source`` has a gap anywhere, however deep."""
    return any(_is_gap(atom, quantifier) or (atom.startswith("(") and _has_gap(_inside(atom)[1]))
               for branch in split_alternatives(source)
               for atom, quantifier in quantified_atoms(branch))


def _inside(group: str) -> tuple[str, str]:
    """A group's opening (``(`` or ``(?:``) and what it holds."""
    opening = "(?:" if group.startswith("(?:") else "("
    return opening, group[len(opening):-1]


def _between_gaps(atoms: list[tuple[str, str]]) -> list[str]:
    """The non-empty parts of a branch between its top-level gaps."""
    parts: list[str] = [""]
    for atom, quantifier in atoms:
        if _is_gap(atom, quantifier):
            parts.append("")
        else:
            parts[-1] += atom + quantifier
    return [part for part in parts if part]


def _cut(source: str) -> tuple[str, bool]:
    """Each branch of ``source`` up to its first gap, however deep; and whether any was cut."""
    texts: list[str] = []
    cut_any = False
    for branch in split_alternatives(source):
        kept: list[str] = []
        for atom, quantifier in quantified_atoms(branch):
            if _is_gap(atom, quantifier):
                cut_any = True
                break
            if atom.startswith("("):
                opening, inner = _inside(atom)
                inner, cut = _cut(inner)
                kept.append(f"{opening}{inner}){quantifier}")
                if cut:  # the rest of this branch came after a gap
                    cut_any = True
                    break
            else:
                kept.append(atom + quantifier)
        texts.append("".join(kept))
    return "|".join(texts), cut_any
