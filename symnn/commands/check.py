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
from collections import Counter
from pathlib import Path

from symnn.errors import SymnnError
from symnn.notes import NoteClaim, NotesReport, check_file
from symnn.notes.budget import CLAIM_SECONDS
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
    return "≈✓" if claim.status == "printed" else TEXT_MARKS[claim.status]


def counts_line(report: NotesReport) -> str:
    """``12 verified, 3 to printed digits, 1 failed, 2 unchecked``."""
    s = report.summary
    return (
        f"{s['verified']} verified, {s['printed']} to printed digits, {s['failed']} failed, {s['unchecked']} unchecked"
    )


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
        width = max((len(f"{report.file}:{c.place}") for c in report.claims), default=0)
        for claim in report.claims:
            place = f"{report.file}:{claim.place}".ljust(width)
            detail = ""
            if claim.status == "failed":
                detail = f"  claimed {claim.claimed}, exact {claim.exact}"
                if not claim.reason.startswith("claimed"):
                    detail += f" ({claim.reason})"
                else:
                    detail = f"  {claim.reason}"
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
        body.append(r"\section*{" + _plain(report.file) + "}")
        body.append(_plain(counts_line(report)) + ".\n")
        body.append(
            r"\begin{longtable}{@{}r c >{\raggedright\arraybackslash}p{0.42\textwidth} "
            r">{\raggedright\arraybackslash}p{0.36\textwidth}@{}}"
        )
        body.append(r"\toprule line & & claim & detail \\ \midrule \endhead")
        for claim in report.claims:
            if claim.status == "failed":
                detail = f"claimed {claim.claimed}, exact {claim.exact}"
            elif claim.status in ("unchecked", "printed"):
                detail = claim.reason
            else:
                detail = ""
            mark = TEX_MARKS["verified"] + "$\\approx$" if claim.status == "printed" else TEX_MARKS[claim.status]
            body.append(f"{_plain(claim.place)} & {mark} & \\texttt{{{_plain(claim.text)}}} & {_plain(detail)} \\\\")
        body.append(r"\bottomrule" + "\n" + r"\end{longtable}")
    return document("symnn check: the arithmetic of the notes", "\n".join(body))


def _write_report(reports: list[NotesReport], output: Path) -> None:
    write_report(output, report_tex(reports))
