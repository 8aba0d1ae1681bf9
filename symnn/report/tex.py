r"""LaTeX documents and their PDFs, under the names older code imports; the code lives elsewhere.

- the preamble, marks, escaper and :func:`document`: :mod:`symnn.document.latex`;
- the PDF build (no shell, fixed names in a scratch folder): :mod:`symnn.document.pdf`;
- atomic writes: :mod:`symnn.files`;
- :func:`write_report`: :mod:`symnn.document.write`.
"""

from __future__ import annotations

from symnn.document.latex import PREAMBLE, TEX_MARKS, TEXT_MARKS, document, escape
from symnn.document.pdf import INSTALL_HINT, TexError, build_pdf, tex_engine
from symnn.document.write import write_report
from symnn.files import write_atomic

__all__ = [
    "INSTALL_HINT",
    "PREAMBLE",
    "TEXT_MARKS",
    "TEX_MARKS",
    "TexError",
    "build_pdf",
    "document",
    "escape",
    "tex_engine",
    "write_atomic",
    "write_report",
]
