r"""The full derivation of backpropagation for a network a user names, as LaTeX or Markdown.

:func:`derive` is a short pipeline of named stages. Each stage reads one frozen
:class:`Setting` (the network, its Lemma 1 program, the size budget) and returns a
:class:`Section` of blocks: prose, displayed equations, tables, a TikZ drawing, notes of
what was left out, and :class:`Check` records. Every identity the document states is
checked by symnn before it is printed (the forward equations against the forward program,
the δ entries against the backward program, the matrix form against the δ recursion, the
layer Jacobians against ``sympy.diff``, each path sum against Lemma 1), and Lemma 1 itself
against direct differentiation with :func:`symnn.backprop.prove_backprop`.

The notation is that of Higham & Higham (2019), Sections 3 and 5: :math:`z^{[l]} =
W^{[l]} a^{[l-1]} + b^{[l]}`, :math:`a^{[l]} = \sigma(z^{[l]})`, :math:`\delta^{[l]} =
\partial C / \partial z^{[l]}`, Lemma 1 eqs. (22)–(25). What would be unreadable (a sum of
784 products) is not printed: the document says what it left out and shows the matrix
form instead, so a 784-30-10 network still gives a sensible document.

The package, one module per concept: :mod:`~symnn.derive.records` (budget, data point,
derivation), :mod:`~symnn.derive.setting` (what every stage reads), the stages
:mod:`~symnn.derive.forward` (1-5), :mod:`~symnn.derive.lemma` (6-7), :mod:`~symnn.derive.matrix`
(8-9), :mod:`~symnn.derive.paths` (10), :mod:`~symnn.derive.numbers` (11),
:mod:`~symnn.derive.checked` (12), and :mod:`~symnn.derive.pipeline` (:func:`derive`).
Identities are judged after the document is built.

Rendering is separate from deriving: :meth:`Derivation.latex`, :meth:`Derivation.markdown`
and :meth:`Derivation.summary` (JSON-ready) read the same sections.
"""

from symnn.derive.numbers import data_point, values_at
from symnn.derive.paths import parameter
from symnn.derive.pipeline import derive
from symnn.derive.records import Budget, Check, DataPoint, Derivation, Value
from symnn.derive.setting import Setting, _check
from symnn.document.model import Section
from symnn.latex import network_latex, program_latex

__all__ = [
    "Budget",
    "Check",
    "DataPoint",
    "Derivation",
    "Section",
    "Setting",
    "Value",
    "_check",
    "data_point",
    "derive",
    "network_latex",
    "parameter",
    "program_latex",
    "values_at",
]
