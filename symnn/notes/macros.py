r"""Macros the notes define for themselves: ``\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}``,
``\def\par#1#2{…}``, ``\gdef``, ``\renewcommand``, expanded in every formula after the definition's file.

Notes that derive many partial derivatives define a shorthand once (MathJax and KaTeX honour it in a
math block) and write ``\par{E}{w}`` throughout. Only definitions are read, never run: a macro's body is
text put in place of its use with ``#1``, ``#2`` … replaced by the arguments written, and the expansion
stops after :data:`MAX_PASSES` rounds or :data:`MAX_GROWTH` times the formula's length (a macro that
uses itself cannot swell a formula without end).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

__all__ = ["MAX_GROWTH", "MAX_PASSES", "conventional_macros", "defined_macros", "expanded"]

#: Rounds of expansion (a macro's body may use another macro).
MAX_PASSES = 8
#: How many times its length a formula may grow by expansion.
MAX_GROWTH = 20

_DEFINITION = re.compile(
    r"\\(?:re)?newcommand\*?\s*\{?\s*\\(?P<new>[A-Za-z]+)\s*\}?\s*(?:\[(?P<count>\d)\])?\s*\{"
    r"|\\[gex]?def\s*\\(?P<old>[A-Za-z]+)\s*(?P<params>(?:#\d)*)\s*\{"
)


def _group(text: str, start: int) -> int | None:
    """The index just after the braced group whose ``{`` is at ``start``, or None when it does not close."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{" and text[index - 1 : index] != "\\":
            depth += 1
        elif char == "}" and text[index - 1 : index] != "\\":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def defined_macros(source: str) -> dict[str, tuple[int, str]]:
    r"""The macros ``source`` defines: name → (number of arguments, body)."""
    found: dict[str, tuple[int, str]] = {}
    for match in _DEFINITION.finditer(source):
        end = _group(source, match.end() - 1)
        if end is None:
            continue
        body = source[match.end() : end - 1]
        name = match["new"] or match["old"]
        count = int(match["count"]) if match["count"] else len(match["params"] or "") // 2
        found[name] = (count, body)
    return found


def _without_definitions(text: str) -> str:
    """``text`` with each macro definition in it blanked (newlines kept, so lines stay where they were)."""
    for match in reversed(list(_DEFINITION.finditer(text))):
        end = _group(text, match.end() - 1) or len(text)
        text = text[: match.start()] + re.sub(r"[^\n]", " ", text[match.start() : end]) + text[end:]
    return text


def _arguments(text: str, at: int, count: int) -> tuple[list[str], int] | None:
    """``count`` arguments written from ``at`` (each a braced group, or one character), and the index after."""
    arguments = []
    for _ in range(count):
        while at < len(text) and text[at] == " ":
            at += 1
        if at >= len(text):
            return None
        if text[at] == "{":
            end = _group(text, at)
            if end is None:
                return None
            arguments.append(text[at + 1 : end - 1])
            at = end
        elif text[at] == "\\":
            command = re.match(r"\\[A-Za-z]+|\\.", text[at:])
            assert command is not None
            arguments.append(command.group())
            at += len(command.group())
        else:
            arguments.append(text[at])
            at += 1
    return arguments, at


def _uses(macros: dict[str, tuple[int, str]]) -> re.Pattern[str]:
    """The pattern of a use of one of ``macros`` (longest names first; not the start of a longer command)."""
    return re.compile(r"\\(" + "|".join(sorted(map(re.escape, macros), key=len, reverse=True)) + r")(?![A-Za-z])")


def _expand_once(text: str, macros: dict[str, tuple[int, str]], pattern: re.Pattern[str]) -> str:
    out, last = [], 0
    for match in pattern.finditer(text):
        if match.start() < last:
            continue
        count, body = macros[match[1]]
        read = _arguments(text, match.end(), count)
        if read is None:
            continue
        arguments, end = read
        for number, argument in enumerate(arguments, start=1):
            body = body.replace(f"#{number}", argument)
        out += [text[last : match.start()], body]
        last = end
    out.append(text[last:])
    return "".join(out)


def expanded_text(text: str, macros: dict[str, tuple[int, str]], pattern: re.Pattern[str] | None = None) -> str:
    """``text`` with the uses of ``macros`` expanded (bounded, see the module); ``pattern``: :func:`_uses`
    of them, when already built."""
    if not macros or "\\" not in text:
        return text
    pattern = pattern or _uses(macros)
    limit = max(len(text), 40) * MAX_GROWTH
    for _ in range(MAX_PASSES):
        again = _expand_once(text, macros, pattern)
        if again == text or len(again) > limit:
            return text if len(again) > limit else again
        text = again
    return text


#: Greek letters a vector or matrix macro may be named after (``\valpha``, ``\mSigma``).
_GREEK = "alpha|beta|gamma|delta|epsilon|eta|theta|lambda|mu|nu|xi|pi|rho|sigma|tau|phi|chi|psi|omega"
#: The bold names of the notation of Goodfellow, Bengio and Courville's *Deep Learning* (``\Vx``, ``\MW``) and of
#: the ``math_commands.tex`` that ICLR and NeurIPS papers share (``\vx``, ``\mW``, ``\valpha``): notes written
#: with them often leave the definitions in a file of their own.
_CONVENTIONAL = re.compile(
    rf"\\(?P<kind>[vV])(?P<vector>[a-zA-Z]|{_GREEK})(?![A-Za-z])"
    rf"|\\(?P<matrix>[mM])(?P<capital>[A-Z]|Gamma|Delta|Theta|Lambda|Sigma|Phi|Psi|Omega)(?![A-Za-z])"
)


def conventional_macros(source: str) -> dict[str, tuple[int, str]]:
    r"""The bold-name macros of the *Deep Learning* book and ``math_commands.tex`` that ``source`` uses: ``\Vx`` and
    ``\vx`` are ``\mathbf{x}``, ``\MW`` and ``\mW`` are ``\mathbf{W}``, ``\valpha`` is ``\boldsymbol{\alpha}``."""
    found: dict[str, tuple[int, str]] = {}
    for match in _CONVENTIONAL.finditer(source):
        letter = match["vector"] or match["capital"]
        body = rf"\boldsymbol{{\{letter}}}" if len(letter) > 1 else rf"\mathbf{{{letter}}}"
        found[match[0][1:]] = (0, body)
    return found


F = TypeVar("F")


def expanded(formulas: list[F], source: str) -> list[F]:
    """``formulas`` (each with a ``text``) with the macros ``source`` defines expanded in them; a formula
    that only defines macros is dropped."""
    macros = {**conventional_macros(source), **defined_macros(source)}  # (the notes' own definitions first)
    if not macros:
        return formulas
    pattern = _uses(macros)
    out = []
    for formula in formulas:
        text = formula.text  # type: ignore[attr-defined]
        bare = _without_definitions(text)
        if bare != text and not bare.strip():
            continue
        new = expanded_text(bare, macros, pattern)
        if new != text:
            newlines = tuple(i for i, ch in enumerate(new) if ch == "\n")
            formula = replace(formula, text=new, newlines=newlines)  # type: ignore[type-var]
        out.append(formula)
    return out
