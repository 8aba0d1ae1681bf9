r"""``symnn check``: check the arithmetic of Markdown, LaTeX and Jupyter notes, claim by claim.

Prints a table (file:line, the mark, the claim, and for ✗ the claimed and exact values), then
per file the math blocks found, the most frequent reasons for unchecked claims and the counts
(verified, to printed digits, failed, unchecked); ``--json`` prints all of it as JSON.
``-o report.tex|.pdf|.md|.txt|.html`` writes the report through the one document model
(:mod:`symnn.document`), after the results are printed; the output path is checked before any
work. Exit codes: 0 no claim failed, 1 a claim failed, 2 unreadable input or usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from symnn.notes.budget import CLAIM_SECONDS

if TYPE_CHECKING:
    from symnn.document.model import Document
    from symnn.notes.claims import NoteClaim, NotesReport

ORDER = 30


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check",
        help="check the arithmetic in Markdown / LaTeX notes, line by line",
        description="Find every chain of = and \\approx in the notes, parse it exactly (decimals are "
        "rationals, nothing is evaluated as code), and check each link against the definitions the "
        "notes make: exactly for =, to the printed precision for \\approx. Claims symnn cannot read "
        "are reported unchecked, with the reason.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="notes: .md (Markdown), .tex (LaTeX), .ipynb (Jupyter)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (one object, or a list for several files)")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="a decimal written with = that is right only to its printed digits counts as failed",
    )
    parser.add_argument(
        "--claim-seconds",
        type=_seconds,
        default=CLAIM_SECONDS,
        metavar="S",
        help=f"time budget of one claim; past it the claim is unchecked (default {CLAIM_SECONDS:g})",
    )
    parser.add_argument("-o", "--output", help="write a LaTeX report (report.tex) or build its PDF (report.pdf)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from symnn.errors import SymnnError
    from symnn.notes import check_file

    output = _output_path(args.output)
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise SymnnError(f"{name}: no such file" if not path.exists() else f"{name}: not a regular file")
    _limit_memory()
    reports = [
        _strict(check_file(name, args.claim_seconds)) if args.strict else check_file(name, args.claim_seconds)
        for name in args.files
    ]
    if args.json:
        payload = [r.as_json() for r in reports] if len(reports) > 1 else reports[0].as_json()
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        _print_table(reports)
    if output is not None:
        _write_report(reports, output)
    return 1 if any(r.count("failed") for r in reports) else 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("the budget of a claim must be between 0 and 3600 seconds")
    return value


#: Address space allowed to ``symnn check`` (a claim past it is unchecked "out of memory").
MEMORY_BYTES = 1 << 30


def _limit_memory() -> None:
    """Bound the address space, so that a claim that grows without end fails alone, quickly."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > MEMORY_BYTES:
            limit = MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(MEMORY_BYTES, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time budget still holds


def _strict(report: NotesReport) -> NotesReport:
    """``--strict``: right only to the printed digits is failed."""
    from dataclasses import replace

    claims = tuple(
        replace(c, status="failed", reason="--strict: " + c.reason) if c.status == "printed" else c
        for c in report.claims
    )
    return replace(report, claims=claims)


def _mark(claim: NoteClaim) -> str:
    from symnn.document.latex import TEXT_MARKS

    return "≈✓" if claim.status == "printed" else TEXT_MARKS[claim.status]


def counts_line(report: NotesReport) -> str:
    """``12 verified, 3 to printed digits, 1 failed, 2 unchecked``."""
    s = report.summary
    return (
        f"{s['verified']} verified, {s['printed']} to printed digits, {s['failed']} failed, {s['unchecked']} unchecked"
    )


def _output_path(output: str | None) -> Path | None:
    """The report's path, checked before any work (suffix, writable folder)."""
    if output is None:
        return None
    from symnn.document.write import check_document_output

    return check_document_output(output)


def _print_table(reports: list[NotesReport]) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    for report in reports:
        width = max((len(f"{report.file}:{c.place}") for c in report.claims), default=0)
        for claim in report.claims:
            place = f"{report.file}:{claim.place}".ljust(width)
            detail = ""
            if claim.status == "failed":
                detail = f"  {_detail(claim)}"
            elif claim.status in ("unchecked", "printed"):
                detail = f"  ({claim.reason})"
            print(f"{place}  {_mark(claim)}  {claim.text}{detail}")
        problems = [b for b in report.quiet_blocks if "unclosed" in b.reason]
        for block in problems:
            where = block.line if block.cell is None else f"cell {block.cell}, line {block.line}"
            print(f"{report.file}:{where}  !  {block.reason}")
        quiet = [b for b in report.quiet_blocks if b not in problems]
        reasons = Counter(b.reason.split(" (")[0] for b in quiet)
        found = ", ".join(f"{n} {r}" for r, n in reasons.most_common())
        print(
            f"{report.file}: {report.blocks} math blocks; {len(quiet)} gave no claim" + (f" ({found})" if found else "")
        )
        top = report.unchecked_reasons(3)
        if top:
            print(f"{report.file}: most frequent unchecked: " + "; ".join(f"{n}× {r}" for r, n in top))
        print(f"{report.file}: {counts_line(report)}")


# ---------------------------------------------------------------- the report document


def _detail(claim: NoteClaim) -> str:
    if claim.status == "failed":
        if claim.reason.startswith("claimed"):
            return claim.reason
        return f"claimed {claim.claimed}, exact {claim.exact} ({claim.reason})"
    if claim.status == "printed":
        return "to the printed digits: " + claim.reason
    return claim.reason if claim.status == "unchecked" else ""


_COLUMNS = r"@{}r c >{\raggedright\arraybackslash}p{0.42\textwidth} >{\raggedright\arraybackslash}p{0.36\textwidth}@{}"


def report_document(reports: list[NotesReport]) -> Document:
    r"""The report as one :class:`symnn.document.model.Document`: a section and a table per file.

    Claims are shown as escaped text, never as live TeX.

    Examples:
        >>> from symnn.notes import check_notes
        >>> from symnn.document.write import render
        >>> tex = render(report_document([check_notes(r"$1+1=3$ and $\input{x} = 1$")]), ".tex")
        >>> r"\input{" in tex, r"\textbackslash{}input" in tex
        (False, True)
    """
    from symnn.document.latex import escape
    from symnn.document.model import Document, Mark, Prose, Section, Table

    sections = []
    for report in reports:
        rows = tuple(
            (
                escape(claim.place),
                Mark("verified" if claim.status == "printed" else claim.status),
                r"\texttt{" + escape(_ascii(claim.text)) + "}",
                escape(_ascii(_detail(claim))),
            )
            for claim in report.claims
        )
        quiet = [b for b in report.quiet_blocks if "unclosed" not in b.reason]
        lines = [escape(counts_line(report)) + ".", f"{report.blocks} math blocks; {len(quiet)} gave no claim."]
        top = report.unchecked_reasons(3)
        if top:
            lines.append("Most frequent unchecked: " + escape(_ascii("; ".join(f"{n} x {r}" for r, n in top))) + ".")
        blocks: list[Prose | Table] = [Prose(" ".join(lines))]
        if rows:
            blocks.append(Table(("line", "", "claim", "detail"), rows, _COLUMNS))
        sections.append(Section(escape(report.file), tuple(blocks), numbered=False))
    return Document("symnn check: the arithmetic of the notes", tuple(sections))


def _ascii(text: str) -> str:
    """Plain text that pdflatex accepts: ASCII, with a few signs spelled out."""
    return "".join(ch if ord(ch) < 128 else {"≈": "~", "…": "...", "σ": "sigma", "×": "x"}.get(ch, "?") for ch in text)


def _write_report(reports: list[NotesReport], output: Path) -> None:
    from symnn.document.model import judge
    from symnn.document.write import write_document

    write_document(judge(report_document(reports)), output)
