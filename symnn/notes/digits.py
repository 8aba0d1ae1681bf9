r"""Numbers as people print them: exact, or right to the printed digits (rounded or truncated).

A decimal written with ``=`` that is the exact value only to its printed digits gets the verdict
``printed``; a wrong digit is ``failed``, with both values shown as decimals to the claimed
digits and the fraction beside them.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import sympy as sp

from symnn.notes.claims import NoteClaim
from symnn.notes.scope import Value, free
from symnn.notes.syntax import Matrix, Neg, Node, Num, Op, Pow
from symnn.verify import approx, check_claim, equal

__all__ = [
    "MISREAD_SHAPES",
    "decimal_text",
    "exactly_or_approx",
    "free",
    "judge_numbers",
    "places",
    "printed",
    "significant",
    "text_of",
    "unchecked",
]


def printed(node: Node | None) -> list[str] | None:
    r"""The printed decimals of a literal (``6.48``, ``-0.64``, ``8.246\ldots``, a vector of them)."""
    if isinstance(node, Num):
        return [node.text + (r"\ldots" if node.truncated else "")]
    if isinstance(node, Neg) and isinstance(node.operand, Num):
        return ["-" + node.operand.text + (r"\ldots" if node.operand.truncated else "")]  # -5.46\ldots
    scientific = _scientific(node)
    if scientific is not None:
        return [scientific]
    if isinstance(node, Matrix):
        entries = [printed(cell) for row in node.rows for cell in row]
        found = [e[0] for e in entries if e is not None and len(e) == 1]
        if len(found) == len(entries):
            return found
    return None


def _scientific(node: Node | None) -> str | None:
    r"""``-2\times10^{-6}``, ``2.5 \times 10^{-6}``: a number in scientific notation with a negative exponent, as the
    decimal its digits print (``-0.000002``, ``0.0000025``: printed to the mantissa's significant digits)."""
    sign = ""
    if isinstance(node, Neg):
        sign, node = "-", node.operand
    if not (isinstance(node, Op) and node.op in ("times", "cdot", "*") and isinstance(node.left, Num)):
        return None
    power, mantissa = node.right, node.left
    if not (isinstance(power, Pow) and isinstance(power.base, Num) and power.base.text == "10") or mantissa.truncated:
        return None
    exponent = power.exponent
    if not (isinstance(exponent, Neg) and isinstance(exponent.operand, Num) and exponent.operand.text.isdigit()):
        return None
    shift = int(exponent.operand.text)
    digits = places(mantissa.text) + shift
    if not 0 < shift <= 30 or mantissa.value == 0:
        return None
    value = sp.Rational(mantissa.text) / 10**shift
    whole, fraction = divmod(value * 10**digits, 10**digits)
    return f"{sign}{whole}.{str(fraction).rjust(digits, '0')}"


def orient(claimed: Value, exact: Value) -> Value:
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


def scalar(value: Value) -> Value:
    """A 1 × 1 matrix (the gradient of a function of one variable) as its entry."""
    return value[0] if isinstance(value, sp.MatrixBase) and value.shape == (1, 1) else value


#: A side read as a number where the other is a vector (or of another size): a notation read otherwise than
#: meant (\cdot as a dot product where the notes multiply entry by entry), never a wrong claim on that alone.
MISREAD_SHAPES = "the sides have different shapes (a product or vector read otherwise than meant?)"


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


def places(text: str) -> int:
    digits = text.rstrip(".").split(".")
    return len(digits[1]) if len(digits) == 2 else 0


def significant(text: str) -> int:
    """The significant digits of a number as written: ``0.0762`` has 3, ``0.6`` and ``1.0`` have 1 and 2."""
    return len(text.lstrip("-").replace(".", "").lstrip("0"))


#: Why a decimal right only when cut off is not judged: notes do both, and rounded it is another number.
TRUNCATED = "a slip in the rounding, or cut off on purpose? Write … after a number cut off"


def judge_numbers(text: str, line: int, claimed: Value, exact: Value, shown: list[str] | None) -> NoteClaim:
    """Judge claimed against exact: exactly; a printed decimal written with = also to its digits."""
    exact = scalar(exact)
    claimed = orient(scalar(claimed), exact)
    if isinstance(exact, sp.MatrixBase) and not isinstance(claimed, sp.MatrixBase) and claimed == 0 and not free(exact):
        # \nabla f(x^*) = 0: the zero vector, written as 0
        if all(entry == 0 for entry in exact):
            reason = "the zero vector (written 0): every entry is 0"
            return NoteClaim(line, text, "verified", "0", text_of(exact), reason)
        reason = f"not the zero vector (written 0): {text_of(exact)}"
        return NoteClaim(line, text, "failed", "0", text_of(exact), reason)
    if shown is not None and not any("." in s for s in shown):
        shown = None  # integers are exact as written: no printed precision to speak of
    if shown is None or any(r"\ldots" in s for s in shown):
        return exactly_or_approx(text, line, claimed, exact, shown)
    if surely_differ(claimed, exact):
        reason = "differ by exact arithmetic (30 digits show it)"
    else:
        result = check_claim(equal(text, text, claimed, exact))
        if result.status != "failed":
            return NoteClaim(line, text, result.status, text_of(claimed), text_of(exact), result.reason)
        reason = result.reason
        if reason.startswith(("shape differs", "claimed shape")):
            return unchecked(line, text, f"{MISREAD_SHAPES}: {reason}", text_of(claimed), text_of(exact))
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(exacts) != len(shown) or any(e.free_symbols for e in exacts):
        return NoteClaim(line, text, "failed", text_of(claimed), text_of(exact), reason)
    verdicts = [_to_digits(s, e) for s, e in zip(shown, exacts, strict=True)]
    for index, (kind, message) in enumerate(verdicts):
        if kind == "failed":
            place = f"entry {index + 1}: " if len(shown) > 1 else ""
            return NoteClaim(line, text, "failed", ", ".join(shown), text_of(exact), place + message)
    cut = [(s, e, m) for s, e, (kind, m) in zip(shown, exacts, verdicts, strict=True) if kind == "truncated"]
    if cut:  # 0.10 for 0.10536…: right only cut off, and rounded it is 0.11; a slip, or the notes' habit
        number, value, message = cut[0]
        rounded = decimal_text(value, places(number.lstrip("-")))
        reason = f"{number} is the exact value cut off, not rounded ({rounded}): {TRUNCATED}; {message}"
        return NoteClaim(line, text, "unchecked", ", ".join(shown), text_of(exact), reason)
    kinds = sorted({kind for kind, _ in verdicts})
    how = " and ".join(kinds)
    reason = f"agrees to the printed digits ({how}); " + "; ".join(m for _, m in verdicts)
    return NoteClaim(line, text, "printed", ", ".join(shown), text_of(exact), reason)


def surely_differ(claimed: Value, exact: Value) -> bool:
    """Two numbers whose difference is far above 30-digit noise differ: no exact proof needed.

    An exact decision (``is_zero``) on exponentials of long rationals can take seconds; a
    difference of 1e-12 relative at 30 digits is a difference.
    """
    if isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return False
    if free(claimed) or free(exact) or not (claimed.is_number and exact.is_number):
        return False
    difference = sp.N(claimed - exact, 30)
    if not difference.is_Number:
        return False  # g(0.9) of an activation nothing is known of: a number, but none to compute
    scale = max(abs(sp.N(exact, 30)), abs(sp.N(claimed, 30)), sp.Float(1e-30))
    return bool(difference.is_real and abs(difference) > scale * sp.Float(1e-12))


def _to_digits(shown: str, exact: sp.Expr) -> tuple[str, str]:
    """``("rounded" | "truncated" | "failed", message)`` for a decimal printed with ``=``."""
    digits = places(shown.lstrip("-"))
    fraction = f" ({sp.sstr(exact)})" if exact.is_Rational else ""
    if "." not in shown:  # an integer beside decimals ([0.1; 0]) is exact as written, not 0.1 rounded
        if exact == sp.Rational(shown):
            return "rounded", f"exact {shown}"
        return "failed", f"claimed {shown}, exact {decimal_text(exact, 4)}…{fraction}"
    rounded = decimal_text(exact, digits)
    if Decimal(rounded) == Decimal(shown):
        return "rounded", f"exact {decimal_text(exact, digits + 3)}…{fraction}"
    if Decimal(decimal_text(exact, digits, ROUND_HALF_UP)) == Decimal(shown):
        return "rounded", f"exact {decimal_text(exact, digits + 3)}…{fraction}"  # a tie, rounded half up
    truncated = decimal_text(exact, digits, ROUND_DOWN)
    if Decimal(truncated) == Decimal(shown):
        return "truncated", f"exact {decimal_text(exact, digits + 3)}…{fraction}"
    claimed_fraction = sp.sstr(sp.Rational(shown))
    exact_beside = sp.sstr(exact) if len(sp.sstr(exact)) <= 60 else f"{decimal_text(exact, digits + 3)}…"
    return "failed", f"claimed {shown} ({claimed_fraction}), exact {rounded} ({exact_beside})"


def exactly_or_approx(text: str, line: int, claimed: Value, exact: Value, shown: list[str] | None) -> NoteClaim:
    if shown is None and surely_differ(claimed, exact):
        reason = decimal_reason(claimed, exact, "differ by exact arithmetic (30 digits show it)")
        return NoteClaim(line, text, "failed", text_of(claimed), text_of(exact), reason)
    if shown is None:
        result = check_claim(equal(text, text, claimed, exact))
        reason = result.reason
        if result.status == "failed" and reason.startswith(("shape differs", "claimed shape")):
            return unchecked(line, text, f"{MISREAD_SHAPES}: {reason}", text_of(claimed), text_of(exact))
        if result.status == "failed" and not free(claimed) and not free(exact):
            reason = decimal_reason(claimed, exact, result.reason)
        return NoteClaim(line, text, result.status, text_of(claimed), text_of(exact), reason)
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(exacts) != len(shown):
        return unchecked(line, text, MISREAD_SHAPES, ", ".join(shown), text_of(exact))
    results = [check_claim(approx(text, text, p, e)) for p, e in zip(shown, exacts, strict=True)]
    claimed_text = shown[0] if len(shown) == 1 else "(" + ", ".join(shown) + ")"
    for status in ("failed", "unchecked"):
        for index, result in enumerate(results):
            if result.status == status:
                place = f"entry {index + 1}: " if len(results) > 1 else ""
                return NoteClaim(line, text, status, claimed_text, text_of(exact), place + result.reason)
    return NoteClaim(line, text, "verified", claimed_text, text_of(exact), results[0].reason)


def decimal_reason(claimed: Value, exact: Value, reason: str) -> str:
    """For two numbers that differ: both as decimals, the fraction beside (``0.07 (7/100)``)."""
    if isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return reason
    if not (claimed.is_real and exact.is_real) or (claimed.is_Integer and exact.is_Integer):
        return reason
    shown, value = (decimal_text(v, 6).rstrip("0").rstrip(".") for v in (claimed, exact))
    return f"claimed {shown} ({sp.sstr(claimed)}), exact {value} ({sp.sstr(exact)})"
