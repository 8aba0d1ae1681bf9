r"""``symnn report`` as a pipeline: find, load, derive, check, render, write, build.

Each derivation module in the derivations directory defines ``TITLE`` and ``SOURCE``
(plain text), ``STATEMENT`` (LaTeX), optionally ``ORDER`` (its place in the index), and
``derive()``, which returns its :class:`~symnn.report.steps.Section` list. Modules are
loaded from their files (``importlib``), so the directory need not be an installed package.

A derivation that raises becomes one line and an errored entry; the other derivations'
output is still written. Writing is atomic and a failing TeX run keeps the previous PDF
(:func:`symnn.report.tex.build_pdf`).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from tqdm import tqdm

import symnn
from symnn.document.latex import render_latex
from symnn.document.model import Judged, Section
from symnn.document.pdf import INSTALL_HINT, TexError, build_pdf, tex_engine
from symnn.document.write import write_document
from symnn.errors import SymnnError
from symnn.files import write_atomic
from symnn.report.render import CheckedDerivation, IndexRow, index_document
from symnn.report.steps import Derivation
from symnn.verify import check_claims

T = TypeVar("T")

__all__ = [
    "Outcome",
    "ReportRun",
    "check_all",
    "check_derivation",
    "derivations_directory",
    "discover",
    "load_derivation",
    "run_report",
    "write_all",
]

#: The index's base name in the output directory.
INDEX = "index"


@dataclass(frozen=True)
class Outcome:
    """What happened to one derivation.

    Attributes:
        name: the module name.
        checked: the checked derivation, or None when it raised.
        error: the one-line error when it raised (or its PDF failed), else "".
        outputs: the files written (``.tex``, ``.pdf``).
    """

    name: str
    checked: CheckedDerivation | None
    error: str = ""
    outputs: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        """True when it ran, every claim is verified, and its files were written."""
        return not self.error and self.checked is not None and self.checked.ok


@dataclass(frozen=True)
class ReportRun:
    """The outcome of ``symnn report``: one :class:`Outcome` per derivation, and the index.

    Attributes:
        outcomes: per derivation, in index order.
        outputs: every file written, in order (the index last).
        notes: one-line remarks (no TeX engine, ...).
        index_error: why the index PDF could not be built, or "".
    """

    outcomes: tuple[Outcome, ...]
    outputs: tuple[Path, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    index_error: str = ""

    @property
    def ok(self) -> bool:
        """True when every derivation ran, every claim is verified and every file was written."""
        return not self.index_error and all(outcome.ok for outcome in self.outcomes)


# ---------------------------------------------------------------- finding and loading


def derivations_directory(explicit: Path | str | None = None) -> Path:
    """Where the derivation modules are.

    ``explicit`` if given; else ``./derivations`` in the working directory (the README's
    ``pip install . && symnn report`` from the repository root); else the ``derivations/``
    beside the ``symnn`` package of a source checkout (an editable install).

    Raises:
        SymnnError: when none of these is a directory.
    """
    if explicit is not None:
        directory = Path(explicit)
        if not directory.is_dir():
            raise SymnnError(f"derivations directory {str(directory)!r} does not exist")
        return directory
    candidates = [Path("derivations"), Path(symnn.__file__).resolve().parent.parent / "derivations"]
    for directory in candidates:
        if directory.is_dir():
            return directory
    raise SymnnError("no derivations/ directory here: run from the symnn repository root or pass --derivations DIR")


def discover(directory: Path, names: Sequence[str] = ()) -> list[Path]:
    """The derivation module files in ``directory`` (``*.py``, not ``_*``), or the ``names`` asked for.

    Raises:
        SymnnError: for a name with no module.
    """
    found = {path.stem: path for path in sorted(directory.glob("*.py")) if not path.name.startswith("_")}
    if not names:
        return list(found.values())
    unknown = [name for name in names if name.removesuffix(".py") not in found]
    if unknown:
        known = ", ".join(found) or "none"
        raise SymnnError(f"no derivation {', '.join(unknown)} in {directory}; known: {known}")
    return [found[name.removesuffix(".py")] for name in dict.fromkeys(names)]


def _import(path: Path) -> ModuleType:
    name = f"symnn_derivation_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SymnnError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def load_derivation(path: Path) -> tuple[int, Derivation]:
    """Import one derivation module and run its ``derive()``.

    Returns:
        ``(ORDER, Derivation)``.

    Raises:
        Whatever the module raises; :func:`run_report` turns it into one line.
    """
    module = _import(path)
    missing = [attr for attr in ("TITLE", "SOURCE", "STATEMENT", "derive") if not hasattr(module, attr)]
    if missing:
        raise SymnnError(f"{path.name} does not define {', '.join(missing)}")
    sections = tuple(module.derive())
    if not all(isinstance(section, Section) for section in sections):
        raise SymnnError(f"{path.name}: derive() must return Section records (symnn.report.steps.section)")
    derivation = Derivation(path.stem, module.TITLE, module.SOURCE, module.STATEMENT, sections)
    return int(getattr(module, "ORDER", 1000)), derivation


def check_derivation(derivation: Derivation) -> CheckedDerivation:
    """Judge every claim of ``derivation`` (pure)."""
    return CheckedDerivation(derivation, check_claims(derivation.claims))


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    message = text[0] if text else ""
    kind = "" if isinstance(error, SymnnError) else f"{type(error).__name__}: "
    return f"{kind}{message}" if message else type(error).__name__


# ---------------------------------------------------------------- running


def _derive_and_check(path: Path) -> tuple[int, Outcome]:
    try:
        order, derivation = load_derivation(path)
        return order, Outcome(path.stem, check_derivation(derivation))
    except Exception as error:  # a broken derivation is a result, not a crash of the whole run
        return 1000, Outcome(path.stem, None, _one_line(error))


def _write(outcome: Outcome, out_dir: Path, pdf: bool, html: bool = False) -> Outcome:
    if outcome.checked is None:
        return outcome
    judged = outcome.checked.judged
    try:
        tex_path = write_atomic(out_dir / f"{outcome.name}.tex", render_latex(judged))
        outputs = [tex_path]
        if html:
            outputs.append(write_document(judged, out_dir / f"{outcome.name}.html"))
    except Exception as error:  # a full disk or a renderer bug: this derivation's files, not the run
        return Outcome(outcome.name, outcome.checked, f"writing failed: {_one_line(error)}")
    if pdf:
        try:
            outputs.append(build_pdf(tex_path))
        except TexError as error:
            return Outcome(outcome.name, outcome.checked, str(error), tuple(outputs))
    return Outcome(outcome.name, outcome.checked, "", tuple(outputs))


def _index_rows(outcomes: Sequence[Outcome]) -> list[IndexRow]:
    rows = []
    for outcome in outcomes:
        checked = outcome.checked
        if checked is None:
            rows.append(IndexRow(outcome.name, outcome.name, "", 0, 0, 0, outcome.error))
            continue
        derivation = checked.derivation
        rows.append(
            IndexRow(
                outcome.name,
                derivation.title,
                derivation.source,
                checked.count("verified"),
                checked.count("failed"),
                checked.count("unchecked"),
                outcome.error,
            )
        )
    return rows


def _progress(items: Sequence[T], label: str, show: bool) -> Iterable[T]:
    """``items``, with a progress bar on stderr when ``show`` and stderr is a terminal."""
    return tqdm(items, desc=label, unit="derivation", leave=False, disable=None if show else True)


def check_all(directory: Path, names: Sequence[str] = (), progress: bool = False) -> tuple[Outcome, ...]:
    """Load and judge the derivations (no file is written), in index order."""
    paths = discover(directory, names)
    checked = [_derive_and_check(path) for path in _progress(paths, "checking", progress)]
    return tuple(outcome for _, outcome in sorted(checked, key=lambda pair: (pair[0], pair[1].name)))


def write_all(
    outcomes: Sequence[Outcome],
    out_dir: Path | str = "reports",
    pdf: bool = True,
    index: bool = True,
    html: bool = False,
    progress: bool = False,
) -> ReportRun:
    """Write the reports of judged derivations (and, with ``index``, the index); nothing is judged here.

    Args:
        outcomes: from :func:`check_all`.
        out_dir: where the files go.
        pdf: build PDFs when a TeX engine is installed.
        index: write the index (a full run).
        html: write an HTML page beside each report, and ``index.html`` linking them.
        progress: show a progress bar on stderr (only when it is a terminal).
    """
    out = Path(out_dir)
    notes: list[str] = []
    build = pdf and tex_engine() is not None
    if pdf and not build:
        notes.append(INSTALL_HINT)
    written = tuple(_write(outcome, out, build, html) for outcome in _progress(outcomes, "writing", progress))
    outputs = [path for outcome in written for path in outcome.outputs]
    index_error = ""
    if index:
        document = index_document(_index_rows(written))
        try:
            index_tex = write_atomic(out / f"{INDEX}.tex", render_latex(Judged(document)))
            outputs.append(index_tex)
            if html:
                outputs.append(write_document(Judged(document), out / f"{INDEX}.html"))
            if build:
                outputs.append(build_pdf(index_tex))
        except Exception as error:  # the index is one more file: its failure is reported, the run goes on
            index_error = _one_line(error)
    return ReportRun(written, tuple(outputs), tuple(notes), index_error)


def run_report(
    directory: Path,
    names: Sequence[str] = (),
    out_dir: Path | str = "reports",
    pdf: bool = True,
    progress: bool = False,
    html: bool = False,
) -> ReportRun:
    """Check the derivations and write their reports (and, for a full run, the index).

    Args:
        directory: the derivations directory (see :func:`derivations_directory`).
        names: module names to run; empty for all (only a full run rewrites the index).
        out_dir: where the ``.tex`` and ``.pdf`` files go.
        pdf: build PDFs when a TeX engine is installed.
        progress: show progress bars on stderr (only when it is a terminal).
        html: also write an HTML page per report and ``index.html``.

    Returns:
        The :class:`ReportRun`.
    """
    outcomes = check_all(directory, names, progress)
    return write_all(outcomes, out_dir, pdf, index=not names, html=html, progress=progress)
