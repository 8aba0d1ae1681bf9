r"""Cross-check a user's numeric backpropagation against the exact gradient, block by block.

Finite differences say "off by 1e-3 somewhere"; symnn knows the exact gradient, so it can
say which block is wrong and, often, why. The modules, one concept each:

- :mod:`~symnn.crosscheck.check`: the pipeline :func:`crosscheck`;
- :mod:`~symnn.crosscheck.sample`, :mod:`~symnn.crosscheck.reference`,
  :mod:`~symnn.crosscheck.differences`: the dyadic points, the exact gradient (Lemma 1 in
  matrix form, mpmath), the central differences;
- :mod:`~symnn.crosscheck.usercode`, :mod:`~symnn.crosscheck.isolation`,
  :mod:`~symnn.crosscheck.subjects`, :mod:`~symnn.crosscheck.parameters`,
  :mod:`~symnn.crosscheck.torchmodule`, :mod:`~symnn.crosscheck.layouts`,
  :mod:`~symnn.crosscheck.formats`: loading the user's code in its own process, calling it
  in the layout it expects, reading what it returns;
- :mod:`~symnn.crosscheck.tolerance`, :mod:`~symnn.crosscheck.compare`: the verdicts;
- :mod:`~symnn.crosscheck.patterns`, :mod:`~symnn.crosscheck.diagnosis`: naming the slips;
- :mod:`~symnn.crosscheck.result`, :mod:`~symnn.crosscheck.document`: the outcome and its text and LaTeX.
"""

from __future__ import annotations

from symnn.crosscheck.check import crosscheck
from symnn.crosscheck.compare import BlockResult
from symnn.crosscheck.document import _UNICODE_TEX, format_text, render_tex
from symnn.crosscheck.isolation import DEFAULT_TIMEOUT
from symnn.crosscheck.reference import DIGITS
from symnn.crosscheck.result import CrossCheck
from symnn.crosscheck.sample import SamplePoint
from symnn.crosscheck.tolerance import TOLERANCE, Tolerance
from symnn.crosscheck.usercode import load_function

__all__ = [
    "DEFAULT_TIMEOUT",
    "DIGITS",
    "TOLERANCE",
    "_UNICODE_TEX",
    "BlockResult",
    "CrossCheck",
    "SamplePoint",
    "Tolerance",
    "crosscheck",
    "format_text",
    "load_function",
    "render_tex",
]
