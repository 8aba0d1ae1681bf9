r"""Judging one link ``left op right`` of a chain against what the notes have defined.

- ``=`` is exact; a decimal written with ``=`` that matches the exact value to its printed
  digits gets the verdict ``printed`` (rounded or truncated, said which), never ``verified``;
- ``\approx`` is judged to the printed precision (a trailing ``\ldots`` means truncation);
- an identity between named quantities (∂E_total/∂out_o1 = −(target_o1 − out_o1)) is proved
  by replacing each name by its definition; with numbers, the names take the values the
  notes stated for them.

A claim is *failed* only on exact evidence. When the meaning depends on a guess (the point
of ``\|\nabla f\|`` is only implied by the prose) a mismatch is reported unchecked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

import sympy as sp

from symnn.notes.chains import Element
from symnn.notes.claims import NoteClaim
from symnn.notes.evaluate import (
    Scope,
    Unchecked,
    Value,
    evaluate,
    expand_names,
    functions_in,
    kept_names,
    symbol,
)
from symnn.notes.parser import Call, Derivative, Matrix, Neg, Node, Num
from symnn.verify import approx, check_claim, equal

__all__ = ["decimal_text", "free", "judge_link", "printed", "unchecked"]


def free(value: Value) -> set[sp.Symbol]:
    return set(value.free_symbols)


def printed(node: Node | None) -> list[str] | None:
    r"""The printed decimals of a literal (``6.48``, ``-0.64``, ``8.246\ldots``, a vector of them)."""
    if isinstance(node, Num):
        return [node.text + (r"\ldots" if node.truncated else "")]
    if isinstance(node, Neg) and isinstance(node.operand, Num) and not node.operand.truncated:
        return ["-" + node.operand.text]
    if isinstance(node, Matrix):
        entries = [printed(cell) for row in node.rows for cell in row]
        found = [e[0] for e in entries if e is not None and len(e) == 1]
        if len(found) == len(entries):
            return found
    return None


def _orient(claimed: Value, exact: Value) -> Value:
    """A vector claimed as a row where the exact value is a column (or back) is compared entrywise."""
    if isinstance(claimed, sp.MatrixBase) and isinstance(exact, sp.MatrixBase):
        if claimed.shape == exact.shape[::-1] and 1 in claimed.shape:
            return claimed.T
    return claimed


def text_of(value: Value) -> str:
    if isinstance(value, sp.MatrixBase):
        entries = [sp.sstr(e) for e in value]
        return "(" + ", ".join(entries) + ")" if 1 in value.shape else sp.sstr(value.tolist())
    return sp.sstr(value)


def _scalar(value: Value) -> Value:
    """A 1 × 1 matrix (the gradient of a function of one variable) as its entry."""
    return value[0] if isinstance(value, sp.MatrixBase) and value.shape == (1, 1) else value


def unchecked(line: int, text: str, reason: str, claimed: str = "", exact: str = "") -> NoteClaim:
    return NoteClaim(line, text, "unchecked", claimed, exact, reason)


def decimal_text(value: sp.Expr, places: int, rounding: str = ROUND_HALF_EVEN) -> str:
    """``value`` as a decimal with ``places`` digits after the point (rounded, or truncated).

    Examples:
        >>> decimal_text(sp.Rational(23917, 20000), 3)
        '1.196'
        >>> decimal_text(sp.sqrt(2), 4, ROUND_DOWN)
        '1.4142'
    """
    magnitude = max(0, int(sp.floor(sp.log(abs(sp.N(value, 15)) + 1, 10)))) if value != 0 else 0
    approximate = Decimal(str(sp.N(value, places + magnitude + 12)))
    return str(approximate.quantize(Decimal(1).scaleb(-places), rounding=rounding))


def _places(text: str) -> int:
    digits = text.rstrip(".").split(".")
    return len(digits[1]) if len(digits) == 2 else 0


def _judge_numbers(text: str, line: int, claimed: Value, exact: Value, shown: list[str] | None) -> NoteClaim:
    """Judge claimed against exact: exactly; a printed decimal written with = also to its digits."""
    exact = _scalar(exact)
    claimed = _orient(_scalar(claimed), exact)
    if shown is not None and not any("." in s for s in shown):
        shown = None  # integers are exact as written: no printed precision to speak of
    if shown is None or any(r"\ldots" in s for s in shown):
        return _exactly_or_approx(text, line, claimed, exact, shown)
    if _surely_differ(claimed, exact):
        reason = "differ by exact arithmetic (30 digits show it)"
    else:
        result = check_claim(equal(text, text, claimed, exact))
        if result.status != "failed":
            return NoteClaim(line, text, result.status, text_of(claimed), text_of(exact), result.reason)
        reason = result.reason
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(exacts) != len(shown) or any(e.free_symbols for e in exacts):
        return NoteClaim(line, text, "failed", text_of(claimed), text_of(exact), reason)
    verdicts = [_to_digits(s, e) for s, e in zip(shown, exacts, strict=True)]
    for index, (kind, message) in enumerate(verdicts):
        if kind == "failed":
            place = f"entry {index + 1}: " if len(shown) > 1 else ""
            return NoteClaim(line, text, "failed", ", ".join(shown), text_of(exact), place + message)
    kinds = sorted({kind for kind, _ in verdicts})
    how = " and ".join(kinds)
    reason = f"agrees to the printed digits ({how}); " + "; ".join(m for _, m in verdicts)
    return NoteClaim(line, text, "printed", ", ".join(shown), text_of(exact), reason)


def _surely_differ(claimed: Value, exact: Value) -> bool:
    """Two numbers whose difference is far above 30-digit noise differ: no exact proof needed.

    An exact decision (``is_zero``) on exponentials of long rationals can take seconds; a
    difference of 1e-12 relative at 30 digits is a difference.
    """
    if isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return False
    if free(claimed) or free(exact) or not (claimed.is_number and exact.is_number):
        return False
    difference = sp.N(claimed - exact, 30)
    scale = max(abs(sp.N(exact, 30)), abs(sp.N(claimed, 30)), sp.Float(1e-30))
    return bool(difference.is_real and abs(difference) > scale * sp.Float(1e-12))


def _to_digits(shown: str, exact: sp.Expr) -> tuple[str, str]:
    """``("rounded" | "truncated" | "failed", message)`` for a decimal printed with ``=``."""
    places = _places(shown.lstrip("-"))
    fraction = f" ({sp.sstr(exact)})" if exact.is_Rational else ""
    rounded = decimal_text(exact, places)
    if Decimal(rounded) == Decimal(shown):
        return "rounded", f"exact {decimal_text(exact, places + 3)}…{fraction}"
    truncated = decimal_text(exact, places, ROUND_DOWN)
    if Decimal(truncated) == Decimal(shown):
        return "truncated", f"exact {decimal_text(exact, places + 3)}…{fraction}"
    claimed_fraction = sp.sstr(sp.Rational(shown))
    exact_beside = sp.sstr(exact) if len(sp.sstr(exact)) <= 60 else f"{decimal_text(exact, places + 3)}…"
    return "failed", f"claimed {shown} ({claimed_fraction}), exact {rounded} ({exact_beside})"


def _exactly_or_approx(text: str, line: int, claimed: Value, exact: Value, shown: list[str] | None) -> NoteClaim:
    if shown is None and _surely_differ(claimed, exact):
        reason = _decimal_reason(claimed, exact, "differ by exact arithmetic (30 digits show it)")
        return NoteClaim(line, text, "failed", text_of(claimed), text_of(exact), reason)
    if shown is None:
        result = check_claim(equal(text, text, claimed, exact))
        reason = result.reason
        if result.status == "failed" and not free(claimed) and not free(exact):
            reason = _decimal_reason(claimed, exact, result.reason)
        return NoteClaim(line, text, result.status, text_of(claimed), text_of(exact), reason)
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(exacts) != len(shown):
        return NoteClaim(line, text, "failed", ", ".join(shown), text_of(exact), "the number of entries differs")
    results = [check_claim(approx(text, text, p, e)) for p, e in zip(shown, exacts, strict=True)]
    claimed_text = shown[0] if len(shown) == 1 else "(" + ", ".join(shown) + ")"
    for status in ("failed", "unchecked"):
        for index, result in enumerate(results):
            if result.status == status:
                place = f"entry {index + 1}: " if len(results) > 1 else ""
                return NoteClaim(line, text, status, claimed_text, text_of(exact), place + result.reason)
    return NoteClaim(line, text, "verified", claimed_text, text_of(exact), results[0].reason)


def _decimal_reason(claimed: Value, exact: Value, reason: str) -> str:
    """For two numbers that differ: both as decimals, the fraction beside (``0.07 (7/100)``)."""
    if isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return reason
    if not (claimed.is_real and exact.is_real) or (claimed.is_Integer and exact.is_Integer):
        return reason
    shown, value = (decimal_text(v, 6).rstrip("0").rstrip(".") for v in (claimed, exact))
    return f"claimed {shown} ({sp.sstr(claimed)}), exact {value} ({sp.sstr(exact)})"


def _sigma_note(node: Node | None, scope: Scope) -> str:
    """``" (σ read as the logistic function)"`` when the link uses an undefined σ."""

    def uses(n: object) -> bool:
        if isinstance(n, Call) and n.name == "sigma":
            return True
        if isinstance(n, Node):
            return any(uses(v) for v in vars(n).values())
        if isinstance(n, tuple):
            return any(uses(item) for item in n)
        return False

    if "sigma" in scope.functions or not uses(node):
        return ""
    return " (σ read as the logistic function 1/(1+e^{-x}))"


def _named(node: Node | None, scope: Scope) -> bool:
    """Whether ``node`` holds a derivative of a named quantity (∂E_total/∂w_5)."""
    if isinstance(node, Derivative) and node.name in scope.formulas and node.name not in scope.functions:
        return True
    if isinstance(node, Node):
        return any(_named(v, scope) for v in vars(node).values())
    if isinstance(node, tuple):
        return any(_named(item, scope) for item in node)
    return False


def judge_link(left: Element, op: str, right: Element, scope: Scope, target: Element | None = None) -> NoteClaim:
    r"""Judge one link ``left op right``; for ``\approx``, ``target`` is the decimal the chain reaches."""
    shown = target or right
    text = f"{left.text} {op} {right.text}" + (f" = … = {target.text}" if target else "")
    line = shown.line
    for side in (left, shown):
        if side.node is None:
            return unchecked(line, text, f"not parsed: {side.error}")
    assert left.node is not None and shown.node is not None
    note = _sigma_note(left.node, scope) or _sigma_note(shown.node, scope)
    if _named(left.node, scope) or _named(shown.node, scope):
        result = _named_link(line, text, op, left, shown, scope)
    else:
        keep = frozenset(kept_names(left.node, scope) | kept_names(shown.node, scope))
        try:
            exact = evaluate(left.node, scope, keep)
            claimed = evaluate(shown.node, scope, keep)
        except Unchecked as problem:
            return unchecked(line, text, str(problem))
        result = _link_result(line, text, op, left, shown, claimed, exact, keep, scope)
        if result.status == "failed" and printed(shown.node) is None:
            result = _rounded_substitution(result, left, shown, claimed, exact, scope)
        if result.status == "failed":
            result = _carried(result, left, claimed, exact, scope)
        if result.status == "failed":
            result = _stale(result, left, shown, scope)
    if result.status == "failed":
        result = _earlier_definition(result, left, op, right, scope, target)
    if note:
        result = replace(result, reason=result.reason + note)
    entry = re.match(r"entry (\d+):", result.reason)
    if entry and shown.cell_lines and int(entry[1]) <= len(shown.cell_lines):
        return replace(result, line=shown.cell_lines[int(entry[1]) - 1])  # the line of the wrong entry
    return result


def _earlier_definition(
    result: NoteClaim, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    """A failure that an earlier definition of the same function explains is left unchecked.

    Exercises reuse ``f``: a solution written after the next exercise's ``f`` refers to the first.
    """
    used = {d.name for node in (left.node, right.node) if node is not None for d in functions_in(node, scope)}
    for name in sorted(used):
        if name not in scope.functions or scope.functions[name].declared:
            continue
        for earlier in scope.history.get(name, ())[:-1]:
            again = judge_link(left, op, right, replace(scope, functions={**scope.functions, name: earlier}), target)
            if again.status in ("verified", "printed"):
                reason = f"true for the earlier {name} of line {earlier.line}, false for the {name} of line "
                reason += f"{scope.functions[name].line}: which one is meant is not clear"
                return unchecked(result.line, result.text, reason, result.claimed, result.exact)
    return result


def _named_link(line: int, text: str, op: str, left: Element, shown: Element, scope: Scope) -> NoteClaim:
    """A link with a derivative of named quantities: an identity by their definitions, or numbers."""
    assert left.node is not None and shown.node is not None
    names = frozenset(scope.formulas) | frozenset(scope.values)
    try:
        exact = evaluate(left.node, scope, names)
        claimed = evaluate(shown.node, scope, names)
    except Unchecked as problem:
        return unchecked(line, text, str(problem))
    if isinstance(exact, sp.MatrixBase) or isinstance(claimed, sp.MatrixBase):
        return unchecked(line, text, "a vector of derivatives of named quantities")
    lines = sorted({scope.formulas[n].line for n in scope.formulas})
    where = f"the definitions on lines {', '.join(map(str, lines[:8]))}{'…' if len(lines) > 8 else ''}"
    if exact == 0 or (claimed == 0 and _named(shown.node, scope)):
        # a derivative that vanishes means a dependence the definitions do not show (a name read differently)
        return unchecked(line, text, "a derivative is 0 by the definitions read; they may not say what the notes mean")
    differs = ""
    if free(claimed) and op == "=":
        full_exact = expand_names(exact, scope.formulas)
        full_claimed = expand_names(claimed, scope.formulas)
        result = check_claim(equal(text, text, full_claimed, full_exact))
        if result.status == "verified":
            return NoteClaim(line, text, "verified", text_of(claimed), text_of(exact), f"an identity by {where}")
        if result.status == "failed":
            differs = f"differs from the derivative by {where} (exact {sp.sstr(exact)[:120]}); "
    values = {symbol(n): b.value for n, b in scope.values.items() if not isinstance(b.value, sp.MatrixBase)}
    exact_value, claimed_value = exact.xreplace(values), claimed.xreplace(values)
    missing = sorted(s.name for s in free(exact_value) | free(claimed_value))
    if missing:
        # Not failed on symbolic evidence alone: the definitions read may not be the ones the notes mean.
        reason = f"{differs}depends on {', '.join(missing)}, whose values are not stated"
        return unchecked(line, text, reason, text_of(claimed), text_of(exact))
    if differs and exact_value.has(sp.exp) != claimed_value.has(sp.exp):
        return unchecked(line, text, differs + "with the stated values the sides are computed differently")
    used = sorted(s.name for s in (free(exact) | free(claimed)) if s in values)
    stated = f"with the stated values of {', '.join(used)}" if used else "by the definitions"
    shown_digits = printed(shown.node)
    verdict = _judge_numbers(text, line, claimed_value, exact_value, shown_digits if op == "=" else None)
    if verdict.status == "failed" and used:
        for rule in (_rounded_substitution, _carried_rule):
            verdict = rule(verdict, left, shown, claimed_value, exact_value, scope)
            if verdict.status != "failed":
                return replace(verdict, reason=f"{stated}: {verdict.reason}")
        return _within_rounding(line, text, claimed_value, exact_value, used, scope, stated)
    return replace(verdict, reason=f"{stated}: {verdict.reason}")


def _carried_rule(
    result: NoteClaim, left: Element, shown: Element, claimed: Value, exact: Value, scope: Scope
) -> NoteClaim:
    del shown
    return _carried(result, left, claimed, exact, scope)


def _rounded_substitution(
    result: NoteClaim, left: Element, shown: Element, claimed: Value, exact: Value, scope: Scope
) -> NoteClaim:
    """``0.6 × 0.6457 + 0.2 = 0.3874 + 0.2``: the right side writes rounded decimals of its own.

    The link holds to within the rounding of the decimals the right side introduces (half a unit
    in the last place of each, relative for products, absolute for sums), or it stays failed.
    """
    del scope
    before = {sp.Rational(t.text) for t in left.tokens if t.kind == "num" and "." in t.text}
    new = [t.text for t in shown.tokens if t.kind == "num" and "." in t.text and sp.Rational(t.text) not in before]
    new = [d for d in new if sp.Rational(d) != 0]
    if not new:
        return result
    claims = list(claimed) if isinstance(claimed, sp.MatrixBase) else [claimed]
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(claims) != len(exacts) or any(free(v) for v in claims + exacts):
        return result
    halves = [sp.Rational(1, 2 * 10 ** _places(d)) for d in new]
    relative = sp.Add(*[h / abs(sp.Rational(d)) for h, d in zip(halves, new, strict=True)])
    absolute = sp.Add(*halves)
    for c, e in zip(claims, exacts, strict=True):
        if abs(sp.N(c - e, 30)) > abs(sp.N(e, 30)) * relative + absolute:
            return result
    shown_exact = ", ".join(str(sp.N(e, 10)) for e in exacts)
    reason = f"agrees within the rounding of the decimals it writes ({', '.join(new[:4])}); exact {shown_exact}"
    return replace(result, status="printed", reason=reason)


def _carried(result: NoteClaim, left: Element, claimed: Value, exact: Value, scope: Scope) -> NoteClaim:
    """``-0.1774 × 2 ≈ -0.3549``: the left side uses results printed earlier, rounded; the author
    carried more digits. Within the rounding of those carried values the claim is to printed digits."""
    carried = [
        t.text for t in left.tokens if t.kind == "num" and "." in t.text and sp.Rational(t.text) in scope.results
    ]
    carried = [d for d in carried if sp.Rational(d) != 0]
    if not carried or isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return result
    if free(claimed) or free(exact):
        return result
    relative = sp.Add(*[sp.Rational(1, 2 * 10 ** _places(d)) / abs(sp.Rational(d)) for d in carried])
    unit = sp.Rational(1, 2 * 10 ** _places(result.claimed.lstrip("-"))) if "." in result.claimed else 0
    if abs(sp.N(claimed - exact, 30)) <= abs(sp.N(exact, 30)) * relative + unit:
        reason = (
            f"within the rounding of the values carried from earlier lines ({', '.join(carried[:4])}); "
            f"exact from them {sp.N(exact, 10)}"
        )
        return replace(result, status="printed", reason=reason)
    return result


def _stale(result: NoteClaim, left: Element, shown: Element, scope: Scope) -> NoteClaim:
    """A failure that rests on a value stated far away (or in another cell) is left unchecked."""
    from symnn.notes.definitions import names_in

    used = [(n, scope.values[n]) for n in sorted(names_in(left.node) | names_in(shown.node)) if n in scope.values]
    far = [(n, b) for n, b in used if not 0 <= result.line - b.line <= 80]  # (a later line: another cell)
    if not far:
        return result
    name, binding = far[0]
    reason = f"{result.reason}; but it uses {name} = {text_of(binding.value)} from line {binding.line}, "
    reason += f"and the notes may mean another {name} here"
    return unchecked(result.line, result.text, reason, result.claimed, result.exact)


def _within_rounding(
    line: int, text: str, claimed: sp.Expr, exact: sp.Expr, used: list[str], scope: Scope, stated: str
) -> NoteClaim:
    """Numbers from rounded stated values that differ by more than the rounding shown.

    Failed only when the difference is plain (over 1 % relative); below that the notes may carry
    more digits than they print, and the claim is left unchecked with both values.
    """
    del scope, used
    scale = max(abs(sp.N(exact, 20)), sp.Rational(1, 10**6))
    relative = abs(sp.N(claimed - exact, 20)) / scale
    values = f"claimed {sp.N(claimed, 10)}, exact from them {sp.N(exact, 10)}"
    if relative > sp.Rational(1, 100):
        reason = f"{stated}: {values} (relative difference {sp.N(relative, 3)})"
        return NoteClaim(line, text, "failed", text_of(claimed), str(sp.N(exact, 10)), reason)
    reason = f"{stated}: {values}; more than the rounding shown, less than 1 %: the notes may carry more digits"
    return unchecked(line, text, reason, text_of(claimed), str(sp.N(exact, 10)))


def _significant(value: Value) -> int:
    """Significant digits of a stated value (a decimal such as 0.593269992 has 9)."""
    if isinstance(value, sp.MatrixBase) or not value.is_Rational:
        return 15
    q = int(value.q)
    places = 0
    while q % 10 == 0 and q > 1:
        q //= 10
        places += 1
    if q != 1:
        return 15
    whole = len(str(abs(int(value.p))))
    return max(whole, 1) if places == 0 else max(len(str(abs(int(value.p)))), 1)


def _link_result(
    line: int,
    text: str,
    op: str,
    left: Element,
    shown: Element,
    claimed: Value,
    exact: Value,
    keep: frozenset[str],
    scope: Scope,
) -> NoteClaim:
    digits = printed(shown.node)
    if op == r"\approx" and digits is None:
        printed_left = printed(left.node)
        if printed_left is not None:
            exact, claimed, digits = claimed, exact, printed_left
    if op == r"\approx" and digits is None:
        return _approximation(line, text, claimed, exact)
    if op == r"\approx" and digits is not None:
        return _decide(line, text, claimed, exact, digits, keep, scope, approximate=True)
    return _decide(line, text, claimed, exact, digits, keep, scope, approximate=False)


def _approximation(line: int, text: str, claimed: Value, exact: Value) -> NoteClaim:
    """``A \\approx B`` with no printed digits: verified only if exactly equal, else unchecked."""
    if not (free(claimed) or free(exact)):
        result = check_claim(equal(text, text, _orient(claimed, exact), exact))
        if result.status == "verified":
            return NoteClaim(line, text, "verified", text_of(claimed), text_of(exact), "exactly equal (written ≈)")
        return unchecked(
            line,
            text,
            "≈ between values that differ, with no printed digits to judge (an approximation)",
            text_of(claimed),
            text_of(exact),
        )
    return unchecked(
        line, text, "≈ between expressions (an approximation), not judged", text_of(claimed), text_of(exact)
    )


def _judge(
    text: str, line: int, claimed: Value, exact: Value, digits: list[str] | None, approximate: bool
) -> NoteClaim:
    if approximate:
        return _exactly_or_approx(text, line, _orient(_scalar(claimed), _scalar(exact)), _scalar(exact), digits)
    return _judge_numbers(text, line, claimed, exact, digits)


def _decide(
    line: int,
    text: str,
    claimed: Value,
    exact: Value,
    digits: list[str] | None,
    keep: frozenset[str],
    scope: Scope,
    approximate: bool,
) -> NoteClaim:
    everything = free(claimed) | free(exact)
    if not everything:
        return _judge(text, line, claimed, exact, digits, approximate)
    others = {s for s in everything if s.name not in keep}
    if not others and free(claimed) and free(exact) and digits is None:
        return _judge(text, line, claimed, exact, None, False)  # an identity in the variables of a definition
    names = sorted(s.name for s in everything)
    if all(n in scope.point for n in names):
        point = {symbol(n): scope.point[n].value for n in names}
        result = _judge(text, line, claimed.xreplace(point), exact.xreplace(point), digits, approximate)
        where = _point_text(names, scope)
        if result.status in ("verified", "printed"):
            return replace(result, reason=f"at the point {where}: {result.reason}")
        return unchecked(
            line, text, f"the point is only implied; at {where}: {result.reason}", result.claimed, result.exact
        )
    if others and digits is None:
        result = _judge(text, line, claimed, exact, None, False)
        if result.status == "verified":
            return replace(result, reason="an identity: " + result.reason)
        undefined = ", ".join(sorted(s.name for s in others))
        return unchecked(
            line,
            text,
            f"{undefined} not defined here; not an identity (an equation?)",
            text_of(claimed),
            text_of(exact),
        )
    return unchecked(
        line, text, f"depends on {', '.join(names)}, whose values are not stated", text_of(claimed), text_of(exact)
    )


def _point_text(names: list[str], scope: Scope) -> str:
    bindings = [scope.point[n] for n in names]
    lines = sorted({b.line for b in bindings})
    values = ", ".join(f"{n} = {text_of(b.value)}" for n, b in zip(names, bindings, strict=True))
    return f"{values} (line {', '.join(map(str, lines))})"
