"""``symnn crosscheck``: check a user's hand-written backprop against the exact gradient."""

from __future__ import annotations

import argparse
import json
import sys

from symnn.errors import SymnnError

ORDER = 60

EXAMPLE = "symnn crosscheck examples/higham_backprop.py:grad --layers 2-2-3-2"
#: Seconds for the import of the user's file, and for each call of it (symnn.crosscheck.isolation).
TIMEOUT = 60.0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "crosscheck",
        help="cross-check a hand-written backprop against the exact gradient, block by block",
        description="Run a user's backprop (a function grad(params, x, y), a method Class.backprop of a "
        "network class symnn builds from the sizes, a PyTorch module or a function building one, a JAX "
        "loss) in its own process, at random points whose entries are dyadic rationals (exact in float64), "
        "and compare every block W[l], b[l] with the exact gradient (Higham & Higham 2019, Lemma 1), "
        "with central differences beside it. Wrong blocks are named, with a diagnosis when a pattern fits.",
        epilog=f"Example: {EXAMPLE}. Exit codes: 0 all blocks agree, 1 a block is wrong (a wrong shape, an "
        "exception, an exit or a hang in the code included), 2 bad usage.",
    )
    parser.add_argument(
        "function", metavar="PATH.py:NAME", help="the file and the function, Class.method, module or builder in it"
    )
    parser.add_argument("--layers", required=True, help="layer sizes, e.g. 2-2-3-2")
    parser.add_argument(
        "--activation", default="sigmoid", help="one activation, or one per layer: relu,relu,identity (default sigmoid)"
    )
    parser.add_argument(
        "--cost",
        default="quadratic",
        help="quadratic (½‖y−a‖², default), sum-of-squares, mse, binary-cross-entropy, cross-entropy (softmax)",
    )
    parser.add_argument("--labels", action="store_true", help="hand integer class labels instead of one-hot targets")
    parser.add_argument("--batch", type=int, default=1, help="inputs per call (default 1; a module gets rows)")
    parser.add_argument(
        "--layout",
        choices=("vector", "columns", "rows"),
        help="vector: W@x, x (n,); columns: W@X, X (n, N), b (n, 1); rows: X@W, X (N, n). "
        "Default: vector for functions, read from the shapes for classes and modules",
    )
    parser.add_argument(
        "--params",
        choices=("pairs", "dict"),
        default="pairs",
        help="a function's params: pairs [(W2, b2), ...] (default) or dict {W1, b1, W2, ...}",
    )
    parser.add_argument("--reduction", choices=("mean", "sum"), help="batch cost: mean or sum of the point costs")
    parser.add_argument("--points", type=int, default=3, help="random points (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the points (default 0)")
    parser.add_argument("--rtol", type=float, help="relative tolerance (default from the float type returned)")
    parser.add_argument("--atol", type=float, help="absolute tolerance (default from the float type and the scale)")
    parser.add_argument(
        "--timeout", type=float, default=TIMEOUT, help=f"seconds for the import and each call (default {TIMEOUT:g})"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "-o", "--output", metavar="REPORT", help="write the report: .tex, .pdf (with its .tex), .html, .md or .txt"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from symnn.crosscheck import DIGITS, Tolerance, crosscheck, format_text
    from symnn.crosscheck.document import build_document
    from symnn.document.model import judge
    from symnn.document.write import check_document_output, write_document
    from symnn.network import Network

    if args.output:
        check_document_output(args.output)  # before the work: a bad suffix or folder loses nothing
    if (args.rtol is not None and not args.rtol >= 0) or (args.atol is not None and not args.atol >= 0):
        raise SymnnError("--rtol and --atol must be non-negative")
    if not args.timeout > 0:
        raise SymnnError("--timeout must be a positive number of seconds")
    tolerance = None
    if args.rtol is not None or args.atol is not None:
        tolerance = Tolerance(
            args.rtol if args.rtol is not None else 1e-7, args.atol if args.atol is not None else 1e-9
        )
    activations = args.activation.split(",")
    net = Network(args.layers, activations[0] if len(activations) == 1 else activations, args.cost)
    result = crosscheck(
        net,
        args.function,
        points=args.points,
        seed=args.seed,
        tolerance=tolerance,
        digits=DIGITS,
        batch=args.batch,
        layout=args.layout,
        labels=args.labels,
        reduction=args.reduction,
        timeout=args.timeout,
        params=args.params,
    )
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_text(result))
    if args.output:
        written = write_document(judge(build_document(result)), args.output)
        print(f"wrote {written}", file=sys.stderr if args.json else sys.stdout)
    return 0 if result.ok else 1
