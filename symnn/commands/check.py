r"""``symnn check``: check the arithmetic of Markdown and LaTeX notes, claim by claim.

Prints a table (file:line, ✓/✗/?, the claim, and for ✗ the exact value beside the claimed
one), or JSON with ``--json``; ``-o report.tex`` or ``-o report.pdf`` writes the LaTeX
report through :mod:`symnn.report.tex`. Exit codes: 0 no claim failed, 1 a claim failed,
2 unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from symnn.errors import SymnnError
from symnn.notes import NotesReport, check_file
from symnn.report.tex import TEX_MARKS, TEXT_MARKS, document, escape, write_report

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
    parser.add_argument("files", nargs="+", metavar="FILE", help="notes: .md (Markdown) or .tex (LaTeX)")
    parser.add_argument("--json", action="store_true", help="print JSON (one object, or a list for several files)")
    parser.add_argument("-o", "--output", help="write a LaTeX report (report.tex) or build its PDF (report.pdf)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    output = _output_path(args.output)
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise SymnnError(f"{name}: no such file" if not path.exists() else f"{name}: not a regular file")
    reports = [check_file(name) for name in args.files]
    if args.json:
        payload = [r.as_json() for r in reports] if len(reports) > 1 else reports[0].as_json()
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        _print_table(reports)
    if output is not None:
        _write_report(reports, output)
    return 1 if any(r.count("failed") for r in reports) else 0


def _output_path(output: str | None) -> Path | None:
    if output is None:
        return None
    path = Path(output)
    if path.suffix.lower() not in (".tex", ".pdf"):
        raise SymnnError(f"-o {output}: the report must end in .tex or .pdf")
    return path


def _print_table(reports: list[NotesReport]) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    for report in reports:
        width = max((len(f"{report.file}:{c.line}") for c in report.claims), default=0)
        for claim in report.claims:
            place = f"{report.file}:{claim.line}".ljust(width)
            detail = ""
            if claim.status == "failed":
                detail = f"  claimed {claim.claimed}, exact {claim.exact}"
                if not claim.reason.startswith("claimed"):
                    detail += f" ({claim.reason})"
            elif claim.status == "unchecked":
                detail = f"  ({claim.reason})"
            print(f"{place}  {TEXT_MARKS[claim.status]}  {claim.text}{detail}")
        s = report.summary
        print(f"{report.file}: {s['verified']} verified, {s['failed']} failed, {s['unchecked']} unchecked")


# ---------------------------------------------------------------- LaTeX report


def _plain(text: str) -> str:
    """Plain text for the report: escaped, and ASCII so that pdflatex accepts it."""
    ascii_text = "".join(ch if ord(ch) < 128 else {"≈": "~", "…": "..."}.get(ch, "?") for ch in text)
    return escape(ascii_text)


def report_tex(reports: list[NotesReport]) -> str:
    r"""The LaTeX report: one table per file. Claims appear as escaped text, never as live TeX.

    Examples:
        >>> from symnn.notes import check_notes
        >>> tex = report_tex([check_notes(r"$1+1=3$ and $\input{x} = 1$")])
        >>> r"\input" in tex, r"\textbackslash{}input" in tex
        (False, True)
    """
    body = []
    for report in reports:
        s = report.summary
        body.append(r"\section*{" + _plain(report.file) + "}")
        body.append(f"{s['verified']} verified, {s['failed']} failed, {s['unchecked']} unchecked.\n")
        body.append(
            r"\begin{longtable}{@{}r c >{\raggedright\arraybackslash}p{0.42\textwidth} "
            r">{\raggedright\arraybackslash}p{0.36\textwidth}@{}}"
        )
        body.append(r"\toprule line & & claim & detail \\ \midrule \endhead")
        for claim in report.claims:
            if claim.status == "failed":
                detail = f"claimed {claim.claimed}, exact {claim.exact}"
            elif claim.status == "unchecked":
                detail = claim.reason
            else:
                detail = ""
            body.append(
                f"{claim.line} & {TEX_MARKS[claim.status]} & \\texttt{{{_plain(claim.text)}}} & {_plain(detail)} \\\\"
            )
        body.append(r"\bottomrule" + "\n" + r"\end{longtable}")
    return document("symnn check: the arithmetic of the notes", "\n".join(body))


def _write_report(reports: list[NotesReport], output: Path) -> None:
    write_report(output, report_tex(reports))
