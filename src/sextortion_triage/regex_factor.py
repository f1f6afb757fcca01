"""Turn a long alternation of regular expressions into a prefix tree that matches faster.

Python's ``re`` tries the alternatives of ``(?:a|b|...)`` one after the other at every
position; it can skip an alternative cheaply only when it starts with a literal
character or a character class. A word list of several hundred alternatives, many of
them starting with a group (``(?:be)?zahl``), is slow. ``factor`` rewrites it:

* a leading non-capturing group is distributed over the rest (``(?:a|b)x`` becomes
  ``ax|bx``; ``(?:a)?x`` becomes ``ax|x``), and a small leading character class is
  spelled out (``[ée]x`` becomes ``éx|ex``), as long as the copies stay small;
* alternatives are cut into atoms (a character, an escape, a class or a group, each with
  its quantifier) and identical leading atoms are shared: ``zahle|zahlst`` becomes
  ``zahl(?:e|st)``.

Both rewrites keep the set of strings each alternative matches. What can change is
which alternative wins when several match at the same place: continuations are tried
before a shorter ending (``ab|abc`` becomes ``ab(?:c|)``), so the longer one wins.
Patterns must not use capturing groups or back-references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["factor", "quantified_atoms", "split_alternatives"]

_Tree = dict[str, "_Tree"]  # atom -> what may follow it; "" marks an alternative's end

_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")
_SIMPLE_CLASS = re.compile(r"\[([^\]\\^\-]{1,6})\]")
_MAX_COPY = 6000  # characters a distribution may add, so the pattern stays small


def _skip_class(pattern: str, i: int) -> int:
    """Index just after the character class that opens at ``pattern[i] == '['``."""
    i += 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _skip_group(pattern: str, i: int) -> int:
    """Index just after the group that opens at ``pattern[i] == '('``."""
    depth = 0
    while True:
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _skip_class(pattern, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


def _skip_escape(pattern: str, i: int) -> int:
    """Index just after the escape that starts at ``pattern[i] == '\\'`` (also RE2's
    ``\\x{...}``, which the stand-ins use)."""
    width = {"x": 2, "u": 4, "U": 8}.get(pattern[i + 1 : i + 2], 0)
    if pattern[i + 1 : i + 2] == "N" or pattern.startswith("\\x{", i):
        return pattern.index("}", i) + 1
    return i + 2 + width


def split_alternatives(pattern: str) -> list[str]:
    """Split ``pattern`` at its top-level ``|``.

    >>> split_alternatives("a(?:b|c)|[|]d|e")
    ['a(?:b|c)', '[|]d', 'e']
    """
    pieces: list[str] = []
    start = i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i = _skip_escape(pattern, i)
        elif char == "[":
            i = _skip_class(pattern, i)
        elif char == "(":
            i = _skip_group(pattern, i)
        else:
            if char == "|":
                pieces.append(pattern[start:i])
                start = i + 1
            i += 1
    pieces.append(pattern[start:])
    return pieces


def _atoms(pattern: str) -> list[str]:
    """Cut an alternative (no top-level ``|``) into atoms, each with its quantifier."""
    return [atom + quantifier for atom, quantifier in quantified_atoms(pattern)]


def quantified_atoms(pattern: str) -> list[tuple[str, str]]:
    """Cut an alternative (no top-level ``|``) into (atom, its quantifier) pairs.

    >>> quantified_atoms("ab?(?:c|d)*[e-f]{2}")
    [('a', ''), ('b', '?'), ('(?:c|d)', '*'), ('[e-f]', '{2}')]
    """
    atoms: list[tuple[str, str]] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            end = _skip_escape(pattern, i)
        elif char == "[":
            end = _skip_class(pattern, i)
        elif char == "(":
            end = _skip_group(pattern, i)
        else:
            end = i + 1
        quantifier = _QUANTIFIER.match(pattern, end)
        after = quantifier.end() if quantifier else end
        atoms.append((pattern[i:end], pattern[end:after]))
        i = after
    return atoms


def _distribute(alternative: str) -> list[str]:
    """Spell out a leading group or small class, recursively, while copies stay small."""
    if alternative.startswith("(?:"):
        end = _skip_group(alternative, 0)
        rest = alternative[end:]
        optional = rest.startswith("?") and not rest.startswith(("??", "?+"))
        if _QUANTIFIER.match(rest) and not optional:
            return [alternative]
        rest = rest[1:] if optional else rest
        heads = split_alternatives(alternative[3 : end - 1])
    else:
        leading = _SIMPLE_CLASS.match(alternative)
        if leading is None or _QUANTIFIER.match(alternative, leading.end()):
            return [alternative]
        rest, optional = alternative[leading.end() :], False
        heads = [re.escape(char) for char in leading.group(1)]
    if "" in heads or (optional and not rest) or (len(heads) + optional) * len(rest) > _MAX_COPY:
        return [alternative]
    spelled = [head + rest for head in heads] + ([rest] if optional else [])
    return [piece for head in spelled for piece in _distribute(head)]


def factor(patterns: Iterable[str]) -> str:
    """One non-capturing group equivalent to the alternation of ``patterns``.

    >>> factor(["zahle|zahlst", "zahlen"])
    '(?:zahl(?:e(?:n|)|st))'
    >>> factor(["(?:be)?zahl"])
    '(?:bezahl|zahl)'
    """
    tree: _Tree = {}
    for pattern in patterns:
        for alternative in split_alternatives(pattern):
            for spelled in _distribute(alternative):
                node = tree
                for atom in _atoms(spelled):
                    node = node.setdefault(atom, {})
                node[""] = {}
    return "(?:" + _emit(tree) + ")"


def _emit(node: _Tree) -> str:
    """The alternation below ``node``: continuations first, then the end if it may end here."""
    branches = [atom + _emit_child(child) for atom, child in node.items() if atom]
    if "" in node:
        branches.append("")
    return "|".join(branches)


def _emit_child(node: _Tree) -> str:
    body = _emit(node)
    return body if len(node) == 1 else "(?:" + body + ")"
