"""``symnn crosscheck``: check a user's hand-written backprop against the exact gradient."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from symnn.crosscheck import DIGITS, Tolerance, crosscheck, format_text, load_function, render_tex
from symnn.errors import SymnnError
from symnn.network import Network
from symnn.report.tex import write_report

ORDER = 60

EXAMPLE = "symnn crosscheck examples/higham_backprop.py:grad --layers 2-2-3-2"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "crosscheck",
        help="cross-check a hand-written backprop against the exact gradient, block by block",
        description="Import a user's gradient function grad(params, x, y) from a Python file, call it at "
        "random points whose entries are dyadic rationals (exact in float64), and compare every block "
        "W[l], b[l] with the exact gradient (Higham & Higham 2019, Lemma 1), with central differences "
        "beside it. Wrong blocks are named, with a diagnosis when a pattern fits.",
        epilog=f"Example: {EXAMPLE}. Exit codes: 0 all blocks agree, 1 a block is wrong, 2 bad usage.",
    )
    parser.add_argument("function", metavar="PATH.py:FUNCTION", help="the file and the gradient function in it")
    parser.add_argument("--layers", required=True, help="layer sizes, e.g. 2-2-3-2")
    parser.add_argument("--activation", default="sigmoid", help="one activation, or one per layer: tanh,sigmoid")
    parser.add_argument("--cost", default="quadratic", help="quadratic (default, eq. (18)) or cross-entropy")
    parser.add_argument("--points", type=int, default=3, help="random points (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the points (default 0)")
    parser.add_argument("--rtol", type=float, default=Tolerance.rtol, help="relative tolerance (default 1e-7)")
    parser.add_argument("--atol", type=float, default=Tolerance.atol, help="absolute tolerance (default 1e-9)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("-o", "--output", metavar="REPORT", help="write a LaTeX report (.tex) or build a PDF (.pdf)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.output and Path(args.output).suffix not in (".tex", ".pdf"):
        raise SymnnError(f"-o {args.output}: the report must be a .tex or .pdf file")
    if not (args.rtol >= 0 and args.atol >= 0):
        raise SymnnError("--rtol and --atol must be non-negative")
    activations = args.activation.split(",")
    net = Network(args.layers, activations[0] if len(activations) == 1 else activations, args.cost)
    grad_fn, label = load_function(args.function)
    result = crosscheck(
        net,
        grad_fn,
        points=args.points,
        seed=args.seed,
        tolerance=Tolerance(args.rtol, args.atol),
        digits=DIGITS,
        name=label,
    )
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_text(result))
    if args.output:
        written = write_report(args.output, render_tex(result))
        print(f"wrote {written}", file=sys.stderr if args.json else sys.stdout)
    return 0 if result.ok else 1
