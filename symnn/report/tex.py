r"""LaTeX documents and their PDFs: one preamble, atomic writes, a deterministic build.

Every report symnn writes goes through here:

- :func:`document` wraps a body in the shared preamble;
- :func:`write_atomic` replaces a file only once the new content is complete;
- :func:`build_pdf` compiles in a scratch directory with ``latexmk`` (or ``pdflatex``
  twice) and moves the PDF into place only on success, so a failing TeX run never
  destroys the previous report. ``SOURCE_DATE_EPOCH``, ``\pdftrailerid{}`` and
  ``\pdfsuppressptexinfo`` (no absolute paths of included figures) make the PDF
  byte-identical on a re-run, wherever the checkout lies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from symnn.errors import SymnnError

__all__ = [
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

#: How to get a TeX engine, said in one line when none is installed.
INSTALL_HINT = "no TeX engine found: install one (bash scripts/install-system-deps.sh) to get PDFs"

PREAMBLE = r"""\documentclass[11pt]{article}
\ifdefined\pdftrailerid \pdftrailerid{} \fi
\ifdefined\pdfsuppressptexinfo \pdfsuppressptexinfo=-1 \fi
\usepackage[utf8]{inputenc}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{booktabs,longtable,array}
\usepackage{xcolor}
\usepackage{graphicx}
\usepackage{tikz}
\usepackage[hidelinks]{hyperref}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}
\allowdisplaybreaks
\newcommand{\verified}{\textcolor{green!50!black}{$\checkmark$}}
\newcommand{\failed}{\textcolor{red!70!black}{$\times$}}
\newcommand{\unchecked}{\textcolor{gray}{?}}
"""


#: A claim's status as the preamble's mark macro, and as a plain-text mark.
TEX_MARKS = {"verified": r"\verified", "failed": r"\failed", "unchecked": r"\unchecked"}
TEXT_MARKS = {"verified": "✓", "failed": "✗", "unchecked": "?"}


class TexError(SymnnError):
    """A TeX run failed; the message is the first error line of its log."""


def escape(text: str) -> str:
    r"""Escape plain text for LaTeX (not for math).

    Examples:
        >>> escape("50% of x_1 & y")
        '50\\% of x\\_1 \\& y'
    """
    special = {
        "\\": r"\textbackslash{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
    return "".join(special.get(ch, ch) for ch in text)


def document(title: str, body: str, preamble_extra: str = "") -> str:
    """A complete LaTeX document: the shared preamble, a title (plain text), the body."""
    return (
        PREAMBLE
        + preamble_extra
        + "\\title{"
        + escape(title)
        + "}\n\\date{}\n\\begin{document}\n\\maketitle\n"
        + body.rstrip()
        + "\n\\end{document}\n"
    )


def write_atomic(path: Path | str, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` via a temporary file in the same directory and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def tex_engine() -> str | None:
    """``"latexmk"`` or ``"pdflatex"`` when installed, else None."""
    for engine in ("latexmk", "pdflatex"):
        if shutil.which(engine):
            return engine
    return None


def _first_error(log: str) -> str:
    for line in log.splitlines():
        if line.startswith("!"):
            return line[1:].strip()
    return "see the TeX log"


def build_pdf(tex_path: Path | str, timeout: float = 120) -> Path:
    """Compile ``tex_path`` to a PDF beside it; atomic, deterministic.

    Other files the document includes (figures) are looked up relative to the ``.tex``.

    Returns:
        The path of the PDF.

    Raises:
        TexError: when no engine is installed or TeX fails (the previous PDF is kept).
    """
    source = Path(tex_path).resolve()
    engine = tex_engine()
    if engine is None:
        raise TexError(INSTALL_HINT)
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1", TEXINPUTS=f"{source.parent}:")
    with tempfile.TemporaryDirectory(prefix="symnn-tex-") as scratch:
        if engine == "latexmk":
            commands = [["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", f"-outdir={scratch}"]]
        else:
            one = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={scratch}"]
            commands = [one, one]
        for command in commands:
            try:
                run = subprocess.run(
                    [*command, str(source)],
                    cwd=source.parent,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    stdin=subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired:
                raise TexError(f"{engine} took longer than {timeout:.0f} s on {source.name}") from None
            if run.returncode != 0:
                log_file = Path(scratch) / f"{source.stem}.log"
                log = log_file.read_text(errors="replace") if log_file.exists() else run.stdout
                raise TexError(f"{engine} failed on {source.name}: {_first_error(log)}")
        built = Path(scratch) / f"{source.stem}.pdf"
        target = source.with_suffix(".pdf")
        write_atomic(target, built.read_bytes())
    return target


def write_report(output: Path | str, tex: str) -> Path:
    """Write the document ``tex`` beside ``output`` (as ``.tex``); build the PDF when ``output`` ends in ``.pdf``.

    Returns:
        The path written last: the PDF, or the ``.tex``.
    """
    target = Path(output)
    written = write_atomic(target.with_suffix(".tex"), tex)
    return build_pdf(written) if target.suffix.lower() == ".pdf" else written
