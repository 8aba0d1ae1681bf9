r"""An activation the prose names, for an ``f`` the notes never define.

"Assume we have a 2-input neuron that uses the sigmoid activation function …", then
``y = f(w \cdot x + b) = f(7) = 0.999``: many tutorials show the sigmoid's formula as a picture and write ``f`` for
it ever after. Where ``f`` is applied but not defined, and the prose of the last :data:`WITHIN` lines named one
activation (sigmoid, tanh or ReLU) and no other, ``f`` is read as that activation; every verdict that uses the
reading says so. A reading that none of its claims bears out (no ✓, some ✗) is dropped: those claims are
unchecked, since the ``f`` of the notes may be another function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy as sp

from symnn.notes.blocks import Formula
from symnn.notes.chains import element
from symnn.notes.claims import NoteClaim
from symnn.notes.parser import Call, Name, Token
from symnn.notes.scope import Definition, Scope, symbol

__all__ = ["WITHIN", "Named", "confirmed", "declared_as_named", "mark", "named_in", "read_as_named", "uses_undefined"]

#: How many lines after the prose names an activation an undefined ``f`` is read as it.
WITHIN = 120
_WORDS = re.compile(r"\b(sigmoid|logistic|tanh|hyperbolic tangent|relu|rectified linear)", re.IGNORECASE)
_KIND = {"sigmoid": "sigmoid", "logistic": "sigmoid", "tanh": "tanh", "hyperbolic tangent": "tanh"}
_APPLIED = re.compile(r"(?<![A-Za-z\\])f\s*'*\s*\(")
_X = symbol("activation_argument")  # (not x: the notes' x may hold their input vector)
_BODIES: dict[str, sp.Expr] = {"sigmoid": 1 / (1 + sp.exp(-_X)), "tanh": sp.tanh(_X), "ReLU": sp.Max(0, _X)}
#: "…, and $\sigma$ is the sigmoid function", "where $g(z)$ denotes the logistic function": the prose after a name.
_IS_NAMED = re.compile(
    r"^[\s,(]*(?:is|denotes|represents|stands for|means)\s+(?:the|a|an)\s+(?:element-?wise\s+)?"
    r"(sigmoid|logistic|tanh|hyperbolic tangent|relu|rectified linear)\b",
    re.IGNORECASE,
)
#: The mark a verdict read so carries in its reason, and its pattern.
_MARK = "f read as the {kind} the prose names on line {line}"
_MARKED = re.compile(r"f read as the \w+ the prose names on line \d+")


@dataclass(frozen=True)
class Named:
    """The activation the prose named last (``kind``: sigmoid, tanh or ReLU), on ``line``; None for two at once."""

    kind: str | None
    line: int


def _kind(word: str) -> str:
    """The activation a word names: sigmoid, tanh or ReLU (``logistic`` is the sigmoid)."""
    return _KIND.get(word.lower(), "ReLU")


def named_in(before: str, line: int, last: Named | None) -> Named | None:
    """The activation named, after the prose ``before`` a formula on ``line``."""
    kinds = {_kind(word) for word in _WORDS.findall(before)}
    if not kinds:
        return last
    return Named(kinds.pop() if len(kinds) == 1 else None, line)


def uses_undefined(text: str, scope: Scope) -> bool:
    """Whether a formula applies ``f`` where the notes define no ``f``."""
    return "f" not in scope.functions and "f" not in scope.values and bool(_APPLIED.search(text))


def read_as_named(named: Named | None, line: int, scope: Scope) -> Scope | None:
    """``scope`` with ``f`` the activation ``named`` (for a formula on ``line``), or None when none is near."""
    if named is None or named.kind is None or not 0 <= line - named.line <= WITHIN:
        return None
    return scope.define(Definition("f", (_X,), _BODIES[named.kind], named.line))


def mark(claims: list[NoteClaim], named: Named) -> list[NoteClaim]:
    """``claims`` of a formula read with ``f`` the activation ``named``, those that use ``f`` saying so."""
    said = _MARK.format(kind=named.kind, line=named.line)
    return [replace(c, reason=f"{c.reason} ({said})") if _APPLIED.search(c.text) else c for c in claims]


def confirmed(claims: list[NoteClaim]) -> list[NoteClaim]:
    """``claims`` with the failures of a reading none of its claims bears out made unchecked."""
    read = [c for c in claims if _MARKED.search(c.reason)]
    if any(c.status in ("verified", "printed") for c in read):
        return claims
    doubt = "unchecked: f may not be the activation the prose names, none of its claims holds so"
    failed = {id(c) for c in read if c.status == "failed"}
    return [replace(c, status="unchecked", reason=f"{doubt}; {c.reason}") if id(c) in failed else c for c in claims]


def declared_as_named(tokens: list[Token], formula: Formula, scope: Scope) -> Scope:
    r"""``scope`` with the function the prose after a lone name says it is: "…, and $\sigma$ is the sigmoid
    function" defines σ as the logistic function from here on (over a ``\sigma(z) = \max(0, z)`` listed before it
    among other activations); unchanged when the prose says no such thing."""
    said = _IS_NAMED.match(formula.after)
    found = element(tokens, formula) if said is not None else None
    if said is None or found is None:
        return scope
    node = found.node
    if isinstance(node, Call) and node.args is not None and len(node.args) == 1 and isinstance(node.args[0], Name):
        variable = symbol(node.args[0].name)  # "$g(z)$ is the sigmoid"
    elif isinstance(node, Name):
        variable = _X
    else:
        return scope
    body = _BODIES[_kind(said[1])].xreplace({_X: variable})
    return scope.define(Definition(node.name, (variable,), body, found.line, declared=True))
