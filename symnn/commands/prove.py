"""``symnn prove``: check that backprop equals direct differentiation for an architecture."""

from __future__ import annotations

import argparse
import json

from symnn.errors import SymnnError

ORDER = 50


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "prove",
        help="prove backprop (Lemma 1) equals direct differentiation for a network",
        description="Check, exactly, that the backpropagation lemma of Higham & Higham (2019) gives "
        "the same gradient as differentiating the nested cost directly, for one architecture.",
    )
    parser.add_argument("--layers", required=True, help="layer sizes, e.g. 2-2-3-2")
    parser.add_argument("--activation", default="sigmoid", help="one activation, or one per layer: tanh,sigmoid")
    parser.add_argument(
        "--cost", default="quadratic", help="quadratic, sum-of-squares, mse, binary-cross-entropy or cross-entropy"
    )
    parser.add_argument("--points", type=int, default=3, help="random rational points (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from symnn.network import Network  # SymPy is imported when the command runs, not at CLI startup
    from symnn.proof import proof_budget, prove_backprop

    activations = args.activation.split(",")
    if len(args.layers) > 200:
        raise SymnnError(f"layer spec of {len(args.layers)} characters; write sizes like 2-2-3-2")
    if any(len(part) > 6 for part in args.layers.replace(",", "-").split("-")):
        raise SymnnError(f"layer sizes past 999999 neurons cannot be proved: {args.layers[:40]!r}")
    if args.seed < 0:
        raise SymnnError(f"--seed must be >= 0, got {args.seed}")
    net = Network(args.layers, activations[0] if len(activations) == 1 else activations, args.cost)
    refusal = proof_budget(net, args.points)  # refused up front: sizes past what a run can finish
    if refusal is not None:
        raise SymnnError(refusal)
    proof = prove_backprop(net, points=args.points, seed=args.seed)
    if args.json:
        print(json.dumps({"network": repr(net), "ok": proof.ok, "checks": list(proof.checks)}))
    else:
        print(proof)
    return 0 if proof.ok else 1
