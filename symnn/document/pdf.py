r"""The PDF build: TeX in a scratch folder under fixed names, no shell, the result moved into place atomically.

TeX never sees a user's path. The document is copied to ``document.tex`` in a fresh scratch
folder and ``pdflatex`` is called with an argument list (no shell; ``latexmk`` is not used,
since it runs its commands through ``/bin/sh -c``), with ``-no-shell-escape`` and the
working directory set to the document's folder only so that its figures are found by their
relative names. ``pdflatex`` reruns until its ``.aux`` is stable (cross-references, table
widths). ``SOURCE_DATE_EPOCH``, ``\pdftrailerid{}`` and ``\pdfsuppressptexinfo`` make the PDF
byte-identical on a re-run. A failing run keeps the previous PDF; the scratch folder goes
whatever happens (SIGTERM too, see :func:`symnn.files.clean_up_on_signals`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from symnn.errors import SymnnError
from symnn.files import scratch_folder, write_atomic

__all__ = ["INSTALL_HINT", "TexError", "build_pdf", "compile_pdf", "drawing_svg", "tex_engine"]

#: How to get a TeX engine, said in one line when none is installed.
INSTALL_HINT = "no TeX engine found: install one (bash scripts/install-system-deps.sh) to get PDFs"

#: Most pdflatex runs before the cross-references must have settled.
RUNS = 4
#: The fixed name the document has inside the scratch folder.
JOB = "document"


class TexError(SymnnError):
    """A TeX run failed; the message is the first error line of its log."""


def tex_engine() -> str | None:
    """``"pdflatex"`` when installed, else None."""
    return "pdflatex" if shutil.which("pdflatex") else None


def _first_error(log: str) -> str:
    for line in log.splitlines():
        if line.startswith("!"):
            return line[1:].strip()
    return "see the TeX log"


def compile_pdf(tex: str, base: Path | str = ".", name: str = "the document", timeout: float = 120) -> bytes:
    """The PDF of the LaTeX document ``tex``, its figures looked up relative to ``base``.

    Args:
        tex: the complete document.
        base: the folder its relative figure paths start from.
        name: how error messages call the document (never given to TeX).
        timeout: seconds one pdflatex run may take.

    Raises:
        TexError: no engine, a TeX error, or a run past ``timeout``.
    """
    engine = tex_engine()
    if engine is None:
        raise TexError(INSTALL_HINT)
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1")
    env.pop("TEXINPUTS", None)
    with scratch_folder("symnn-tex-") as scratch:
        (scratch / f"{JOB}.tex").write_text(tex, encoding="utf-8")
        command = [
            engine,
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-no-shell-escape",
            f"-output-directory={scratch}",
            str(scratch / f"{JOB}.tex"),
        ]
        aux = scratch / f"{JOB}.aux"
        previous = None
        for _ in range(RUNS):
            try:
                run = subprocess.run(
                    command,
                    cwd=Path(base).resolve(),
                    env=env,
                    capture_output=True,
                    text=True,
                    errors="replace",
                    timeout=timeout,
                    stdin=subprocess.DEVNULL,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise TexError(f"{engine} took longer than {timeout:.0f} s on {name}") from None
            log_file = scratch / f"{JOB}.log"
            log = log_file.read_text(errors="replace") if log_file.exists() else run.stdout
            if run.returncode != 0:
                raise TexError(f"{engine} failed on {name}: {_first_error(log)}")
            current = aux.read_bytes() if aux.exists() else b""
            if current == previous and "Rerun" not in log:
                break
            previous = current
        return (scratch / f"{JOB}.pdf").read_bytes()


def build_pdf(tex_path: Path | str, timeout: float = 120) -> Path:
    """Compile the ``.tex`` file ``tex_path`` to the PDF beside it; atomic, deterministic.

    Figures the document includes are looked up relative to the ``.tex``'s folder.

    Returns:
        The path of the PDF.

    Raises:
        TexError: when no engine is installed or TeX fails (the previous PDF is kept).
    """
    source = Path(tex_path)
    pdf = compile_pdf(source.read_text(encoding="utf-8"), source.parent, source.name, timeout)
    return write_atomic(source.with_suffix(".pdf"), pdf)


#: A page exactly the size of the pictures: the box is measured, the page set to it, shipped out at the origin.
_PICTURE = r"""\documentclass{article}
\usepackage{amsmath,amssymb}
\usepackage{tikz}
\pdfhorigin=0pt \pdfvorigin=0pt
\begin{document}
\newsavebox\symnnpicture
\sbox\symnnpicture{%s}
\pdfpagewidth=\wd\symnnpicture \pdfpageheight=\dimexpr\ht\symnnpicture+\dp\symnnpicture\relax
\shipout\box\symnnpicture
\end{document}
"""
_TIKZ = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.DOTALL)


@lru_cache(maxsize=64)
def drawing_svg(tikz: str, timeout: float = 60) -> str | None:
    r"""The TikZ pictures in ``tikz`` as one SVG (pdflatex, then ``pdftocairo -svg``), or None without the tools.

    For pages that cannot run TeX themselves (HTML). The pictures are set side by side on a page
    of exactly their size; the text around them (``\begin{center}``) is dropped.
    """
    pictures = _TIKZ.findall(tikz)
    converter = shutil.which("pdftocairo")
    if not pictures or converter is None or tex_engine() is None:
        return None
    try:
        pdf = compile_pdf(_PICTURE % r"\quad".join(pictures), ".", "a drawing", timeout)
    except TexError:
        return None
    with scratch_folder("symnn-svg-") as scratch:
        (scratch / "drawing.pdf").write_bytes(pdf)
        try:
            subprocess.run(
                [converter, "-svg", str(scratch / "drawing.pdf"), str(scratch / "drawing.svg")],
                capture_output=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                check=True,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        return (scratch / "drawing.svg").read_text(encoding="utf-8")
