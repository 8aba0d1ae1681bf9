r"""Naming of the weight, bias, input and intermediate symbols.

The notation of Higham & Higham (2019), Section 3, and how symnn spells it:

=====================  ==========================  =====================
book                   meaning                     SymPy name
=====================  ==========================  =====================
:math:`w^{[l]}_{jk}`   weight of neuron j, layer   ``w_jk__l``
                       l, on output k of layer l−1
:math:`b^{[l]}_{j}`    bias of neuron j, layer l   ``b_j__l``
:math:`x_{k}`          input k                     ``x_k``
:math:`y_{j}`          target output j             ``y_j``
:math:`z^{[l]}_{j}`    weighted input              ``z_j__l``
:math:`a^{[l]}_{j}`    activation, a[1] = x        ``a_j__l``
:math:`\delta^{[l]}_j` ∂C/∂z[l]_j                  ``delta_j__l``
=====================  ==========================  =====================

The names follow SymPy's own sub/superscript convention, so they stay valid Python
identifiers (lambdify keeps them readable) and SymPy's LaTeX printer shows ``w_21__3``
as ``w^{3}_{21}``; :mod:`symnn.latex` prints the book's ``w^{[3]}_{21}``. Two
indices that are both single digits are written together (``w_21__3``); otherwise
they are separated by an underscore (``w_10_2__3``), as SymPy splits subscripts there.
"""

from __future__ import annotations

import sympy as sp

__all__ = ["bias", "delta", "indexed_name", "input_symbol", "intermediate", "target", "weight"]


def indexed_name(stem: str, indices: tuple[int, ...], layer: int | None = None) -> str:
    """Return the SymPy name of ``stem`` with subscripts ``indices`` and layer ``layer``.

    Examples:
        >>> indexed_name("w", (2, 1), 3)
        'w_21__3'
        >>> indexed_name("w", (10, 2), 3)
        'w_10_2__3'
        >>> indexed_name("x", (1,))
        'x_1'
    """
    if all(index < 10 for index in indices):
        sub = "".join(str(index) for index in indices)
    else:
        sub = "_".join(str(index) for index in indices)
    name = f"{stem}_{sub}"
    return name if layer is None else f"{name}__{layer}"


def weight(layer: int, j: int, k: int) -> sp.Symbol:
    r"""The weight :math:`w^{[l]}_{jk}`."""
    return sp.Symbol(indexed_name("w", (j, k), layer))


def bias(layer: int, j: int) -> sp.Symbol:
    r"""The bias :math:`b^{[l]}_{j}`."""
    return sp.Symbol(indexed_name("b", (j,), layer))


def input_symbol(k: int) -> sp.Symbol:
    r"""The input :math:`x_k`."""
    return sp.Symbol(indexed_name("x", (k,)))


def target(j: int) -> sp.Symbol:
    r"""The target output :math:`y_j`."""
    return sp.Symbol(indexed_name("y", (j,)))


def intermediate(stem: str, layer: int, j: int) -> sp.Symbol:
    r"""A named intermediate such as :math:`z^{[l]}_j` or :math:`a^{[l]}_j`."""
    return sp.Symbol(indexed_name(stem, (j,), layer))


def delta(layer: int, j: int) -> sp.Symbol:
    r"""The error :math:`\delta^{[l]}_j = \partial C / \partial z^{[l]}_j`."""
    return intermediate("delta", layer, j)
