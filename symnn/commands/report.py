"""``symnn report``: check the derivations exactly and write their LaTeX and PDF reports."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symnn.report.pipeline import Outcome, ReportRun

ORDER = 10


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "report",
        help="verify the derivations in derivations/ and write a LaTeX/PDF report for each",
        description="Check every claim of the derivations exactly (or to the printed precision) and write "
        "a .tex and .pdf report per derivation, plus an index when all are run. Derivations are read "
        "from --derivations, else ./derivations, else the derivations/ of the symnn source checkout.",
    )
    parser.add_argument("derivations", nargs="*", metavar="DERIVATION", help="module names to run (default: all)")
    parser.add_argument("-o", "--output", default="reports", help="output directory (default: ./reports)")
    parser.add_argument("--derivations", dest="directory", default=None, help="the derivations directory")
    parser.add_argument("--no-pdf", action="store_true", help="write the .tex files only")
    parser.add_argument(
        "--html", action="store_true", help="also write NAME.html per report and index.html linking them (offline)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from symnn.files import check_output
    from symnn.report.pipeline import check_all, derivations_directory, write_all

    directory = derivations_directory(args.directory)
    out = check_output(Path(args.output), folder=True)  # before the work: an unwritable folder loses nothing
    outcomes = check_all(directory, args.derivations, progress=True)
    if not args.json:
        print(_verdicts(outcomes), flush=True)  # the claims' verdicts first: a failing write cannot lose them
    result = write_all(outcomes, out, pdf=not args.no_pdf, index=not args.derivations, html=args.html, progress=True)
    print(json.dumps(_as_json(result), indent=1) if args.json else _files(result))
    return 0 if result.ok else 1


def _as_json(result: ReportRun) -> dict[str, object]:
    from symnn.document.values import exact_latex as exact_tex

    claims = [
        {
            "derivation": outcome.name,
            "where": r.claim.where,
            "statement": r.claim.statement,
            "claimed": r.claimed_text,
            "exact": r.exact_text,
            "exact_latex": exact_tex(r),
            "status": r.status,
            "method": r.method,
        }
        for outcome in result.outcomes
        if outcome.checked is not None
        for r in outcome.checked.results
    ]
    return {
        "verified": sum(c["status"] == "verified" for c in claims),
        "failed": sum(c["status"] == "failed" for c in claims),
        "unchecked": sum(c["status"] == "unchecked" for c in claims),
        "errors": [{"derivation": o.name, "error": o.error} for o in result.outcomes if o.error]
        + ([{"derivation": "index", "error": result.index_error}] if result.index_error else []),
        "claims": claims,
        "outputs": [str(path) for path in result.outputs],
        "notes": list(result.notes),
    }


def _verdicts(outcomes: tuple[Outcome, ...]) -> str:
    """The table of claims verified and failed per derivation, and each failed claim."""
    width = max([len("derivation"), *(len(o.name) for o in outcomes)])
    lines = [f"{'derivation':<{width}}  verified  failed  result"]
    for outcome in outcomes:
        checked = outcome.checked
        if checked is None:
            lines.append(f"{outcome.name:<{width}}  {'-':>8}  {'-':>6}  ERROR {outcome.error}")
            continue
        failed = checked.count("failed") + checked.count("unchecked")
        verdict = "ok" if failed == 0 else "FAILED"
        lines.append(f"{outcome.name:<{width}}  {checked.count('verified'):>8}  {failed:>6}  {verdict}")
        lines.extend(
            f"  x ({i}) {r.claim.where}: {r.reason}" for i, r in enumerate(checked.results, start=1) if not r.ok
        )
    verified = sum(o.checked.count("verified") for o in outcomes if o.checked)
    failed = sum(o.checked.count("failed") + o.checked.count("unchecked") for o in outcomes if o.checked)
    lines.append(f"{'total':<{width}}  {verified:>8}  {failed:>6}")
    return "\n".join(lines)


def _files(result: ReportRun) -> str:
    """What writing did: errors per derivation (a TeX error), the index, notes, and the count of files."""
    lines = [f"{o.name}: ERROR {o.error}" for o in result.outcomes if o.error and o.checked is not None]
    if result.index_error:
        lines.append(f"index: ERROR {result.index_error}")
    lines.append(f"{len(result.outputs)} files written")
    lines.extend(result.notes)
    return "\n".join(lines)
