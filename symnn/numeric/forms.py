r"""Overflow-safe forms of the sigmoid and softplus for compiled code.

:func:`safe_forms` rewrites :math:`1/(1+e^{-u})` as ``sigmoid(u)`` and :math:`\log(1+e^{u})`
as ``softplus(u)``; every backend binds these names to an evaluation that never overflows.
"""

from __future__ import annotations

import sympy as sp

__all__ = ["safe_forms", "sigmoid", "softplus"]


class sigmoid(sp.Function):  # lowercase: the printed name of the numeric function
    r"""The logistic function :math:`1/(1+e^{-u})`, evaluated without overflow."""


class softplus(sp.Function):
    r""":math:`\log(1+e^{u})`, evaluated without overflow."""


def _exp_argument(expr: sp.Expr) -> sp.Expr | None:
    """``u`` when ``expr`` is ``1 + exp(u)``, else None."""
    if expr.is_Add and len(expr.args) == 2 and sp.S.One in expr.args:
        (other,) = [arg for arg in expr.args if arg != sp.S.One]
        if isinstance(other, sp.exp):
            return other.args[0]
    return None


def safe_forms(expr: sp.Expr) -> sp.Expr:
    r"""Rewrite :math:`1/(1+e^{-u})` as ``sigmoid(u)`` and :math:`\log(1+e^{u})` as ``softplus(u)``.

    Both are equal as real functions; the rewritten forms are evaluated without overflow.

    Examples:
        >>> z = sp.Symbol("z")
        >>> safe_forms(1 / (1 + sp.exp(-z)) + sp.log(1 + sp.exp(z)))
        sigmoid(z) + softplus(z)
    """

    def is_logistic(e: sp.Basic) -> bool:
        return bool(e.is_Pow and e.exp == -1 and _exp_argument(e.base) is not None)

    def is_softplus(e: sp.Basic) -> bool:
        return isinstance(e, sp.log) and _exp_argument(e.args[0]) is not None

    def argument(e: sp.Expr) -> sp.Expr:
        u = _exp_argument(e)
        assert u is not None  # the query above matched only 1 + exp(u)
        return u

    expr = expr.replace(is_logistic, lambda e: sigmoid(-argument(e.base)))
    return expr.replace(is_softplus, lambda e: softplus(argument(e.args[0])))
