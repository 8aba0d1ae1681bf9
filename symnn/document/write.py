"""Writing a document: the output format chosen by the file's suffix, the path checked before the work.

Every command writes through :func:`write_document`. The suffix map :data:`FORMATS` is the one
place that knows the formats: a new format is its renderer module plus one line here.
:func:`check_document_output` is called before any work starts (a wrong suffix or an unwritable
folder is one line, exit 2, and nothing is computed); results are printed before
:func:`write_document` runs, so a failing write loses nothing. Every file is written atomically.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

from symnn.document.model import Document, Judged, judge
from symnn.errors import SymnnError
from symnn.files import check_output, write_atomic

__all__ = ["FORMATS", "check_document_output", "render", "write_document", "write_report"]

#: Suffix -> (renderer module, function). ``.pdf`` is the LaTeX, built by :mod:`symnn.document.pdf`.
FORMATS: dict[str, tuple[str, str]] = {
    ".tex": ("symnn.document.latex", "render_latex"),
    ".pdf": ("symnn.document.latex", "render_latex"),
    ".md": ("symnn.document.markdown", "render_markdown"),
    ".txt": ("symnn.document.text", "render_text"),
    ".html": ("symnn.document.html", "render_html"),
}


def _suffixes(allowed: tuple[str, ...]) -> str:
    return ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 else allowed[0]


def check_document_output(path: Path | str, allowed: tuple[str, ...] = tuple(FORMATS)) -> Path:
    """``path`` if it names a format in ``allowed`` and can be written; else a one-line :class:`SymnnError`.

    Examples:
        >>> check_document_output("out.docx")
        Traceback (most recent call last):
        ...
        symnn.errors.SymnnError: cannot write out.docx: the output must end in .tex, .pdf, .md, .txt or .html
    """
    target = Path(path)
    if target.suffix.lower() not in allowed:
        raise SymnnError(f"cannot write {target}: the output must end in {_suffixes(allowed)}")
    check_output(target)
    if target.suffix.lower() == ".pdf":
        check_output(target.with_suffix(".tex"))
    return target


def render(document: Document | Judged, suffix: str) -> str:
    """The text of ``document`` in the format of ``suffix`` (claims judged now if not yet)."""
    judged = document if isinstance(document, Judged) else judge(document)
    module, function = FORMATS[suffix.lower()]
    return str(getattr(importlib.import_module(module), function)(judged))


def write_document(document: Document | Judged, path: Path | str) -> Path:
    """Write ``document`` to ``path`` in the format its suffix names; a ``.pdf`` also keeps its ``.tex`` beside it.

    Figures of an HTML page are embedded from the document's ``base`` folder (default: the
    output's folder). Atomic: a failure leaves the previous file.

    Returns:
        The path written last (the PDF, or the file itself).

    Raises:
        SymnnError: an unknown suffix, an unwritable path, or a failed TeX run (:class:`~symnn.document.pdf.TexError`).
    """
    target = check_document_output(path)
    judged = document if isinstance(document, Judged) else judge(document)
    suffix = target.suffix.lower()
    if suffix == ".html" and judged.document.base is None:
        judged = Judged(replace(judged.document, base=target.parent), judged.results)
    if suffix == ".pdf":
        return write_report(target, render(judged, ".tex"))
    return write_atomic(target, render(judged, suffix))


def write_report(output: Path | str, tex: str) -> Path:
    """Write the LaTeX ``tex`` beside ``output`` (as ``.tex``); build the PDF when ``output`` ends in ``.pdf``.

    Returns:
        The path written last: the PDF, or the ``.tex``.
    """
    from symnn.document.pdf import compile_pdf

    target = Path(output)
    if target.suffix.lower() == ".pdf":
        pdf = compile_pdf(tex, target.parent, target.name)  # built before anything is written
        write_atomic(target.with_suffix(".tex"), tex)
        return write_atomic(target, pdf)
    return write_atomic(target.with_suffix(".tex"), tex)
