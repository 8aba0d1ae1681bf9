r"""Values the same sentence states after the claim that uses them.

"The prediction is $\hat y = wx + b = 2.5$, where $w = 2$, $x = 1$ and $b = 0.5$": the claim is read before the
values it needs. When it was left unchecked for just those names, and the formulas that follow it in the sentence
("where", "with", "for", "given" …, then only commas and "and") state each of them as a number, the claim is judged
again with them, in a scope apart: the values are the sentence's conditions, so a mismatch is a slip (✗), and they
are bound for good only when the reading reaches them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from symnn.notes.blocks import Formula
from symnn.notes.chains import chains
from symnn.notes.claims import NoteClaim
from symnn.notes.definitions import numbers_only
from symnn.notes.parser import Name, ParseError
from symnn.notes.scope import Scope

__all__ = ["with_values_stated_after"]

#: The reason of a claim left unchecked for names with no value (:mod:`symnn.notes.judge`).
_MISSING = re.compile(r"depends on ([^;()]+?), whose values are not stated$")
#: The prose that hands a claim its conditions: "…, where", "for", "with", "given that", "when", "if", "using".
_CONDITIONS = re.compile(r"^[\s,;:(]*(?:where|with|for|given(?: that)?|when|if|using|taking|letting|at)\s*$", re.I)
#: The prose between two of those conditions: commas and "and".
_BETWEEN = re.compile(r"^[\s,;]*(?:and)?[\s,;]*$", re.I)
#: How many formulas after the claim the sentence may state values in.
MOST_VALUES = 8

#: Judges a formula in a scope: the scope after it, and its claims.
Recheck = Callable[[Formula, Scope], tuple[Scope, list[NoteClaim]]]


def _values(formula: Formula) -> set[str] | None:
    """The names a formula states as numbers (``w = 2``, ``w = 2, x = 1``), or None if it does anything else."""
    try:
        parts = chains(formula)
    except ParseError:
        return None
    names: set[str] = set()
    for _, chain in parts:
        if chain is None or len(chain.elements) != 2 or chain.ops != ("=",) or chain.other_relation:
            return None
        name, value = chain.elements
        if name is None or value is None or not isinstance(name.node, Name) or value.node is None:
            return None
        if not numbers_only(value.node):
            return None
        names.add(name.node.name)
    return names or None


def _stated_after(formulas: list[Formula], place: int) -> tuple[list[Formula], set[str]]:
    """The formulas just after ``place`` in its sentence that state values, and the names they state."""
    stated: list[Formula] = []
    names: set[str] = set()
    for after in formulas[place + 1 : place + 1 + MOST_VALUES]:
        if after.cell != formulas[place].cell or after.line - formulas[place].line > 2:
            break
        joined = (_BETWEEN if stated else _CONDITIONS).match(after.before)
        found = _values(after) if joined else None
        if found is None:
            break
        stated.append(after)
        names |= found
    return stated, names


def with_values_stated_after(
    found: list[NoteClaim], formulas: list[Formula], place: int, scope: Scope, recheck: Recheck
) -> list[NoteClaim]:
    r"""``found``, the claims of ``formulas[place]``, with those unchecked only for names the rest of the sentence
    states (``$wx + b = 2.5$, where $w = 2$, $x = 1$ …``) judged again with those values (``recheck`` judges a
    formula in a scope). Only a verdict (✓, ≈✓ or ✗) replaces an unchecked claim."""
    waiting = [c for c in found if c.status == "unchecked" and _MISSING.search(c.reason)]
    if not waiting:
        return found
    stated, names = _stated_after(formulas, place)
    if not stated:
        return found
    missing = {n.strip() for c in waiting for n in _MISSING.search(c.reason)[1].split(",")}  # type: ignore[index]
    if not missing <= names:
        return found
    trial = scope.apart()
    for formula in stated:
        trial, _ = recheck(formula, trial)
    before = dict(trial.contested)
    trial, claims = recheck(formulas[place], trial)
    _contest(scope, trial, {n: at for n, at in trial.contested.items() if before.get(n) != at})
    again = {(c.line, c.text): c for c in claims}
    lines = ", ".join(dict.fromkeys(str(f.line) for f in stated))
    judged = []
    for claim in found:
        new = again.get((claim.line, claim.text)) if claim in waiting else None
        if new is None or new.status not in ("verified", "printed", "failed"):
            judged.append(claim)
            continue
        judged.append(replace(new, reason=f"{new.reason}, with the values the sentence states after it (line {lines})"))
    return judged


def _contest(scope: Scope, trial: Scope, slipped: dict[str, int]) -> None:
    r"""Names the trial found stated wrongly (``\hat y = wx + b = 2.6``, 2.5 with the values after it): the reading
    goes on with their exact values, as after any slip, not with the value the first reading carried."""
    for name, line in slipped.items():
        scope.contested[name] = line
        if name in trial.values:
            scope.values[name] = trial.values[name]  # type: ignore[index]
        else:
            scope.values.pop(name, None)  # type: ignore[attr-defined]
