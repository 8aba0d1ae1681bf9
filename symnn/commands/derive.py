"""``symnn derive``: the full LaTeX derivation of backpropagation for a network the user names.

Examples::

    symnn derive --layers 2-2-3-2 -o derivation.pdf
    symnn derive --layers 3-4-1 --activation tanh,sigmoid --wrt "w[2]_11,b[3]_1" -o lecture.tex
    symnn derive --layers 2-2-1 --data point.json --json

The ``--data`` file is JSON::

    {
      "x": ["0.1", "0.3"],
      "y": [1, 0],
      "parameters": {"W2": [["0.5", "-0.5"], ["1/3", 2]], "b2": ["0.1", 0],
                     "W3": [["1", "-1"]], "b3": ["0.25"]}
    }

``parameters`` is an object of blocks W2, b2, ..., WL, bL (W as a list of rows) or one flat
list in symnn's parameter order (layer by layer, W row by row, then b). Numbers are JSON
integers, strings holding exact decimals or fractions, or JSON decimals, which are read
digit for digit as written (``0.1`` is 1/10, never the float 0.1).

``--json`` prints one object: ``network``, ``layers``, ``activations``, ``cost``,
``parameters`` (the count), ``sections``, ``checks`` (statement, how, status, reason),
``proof`` (what prove_backprop checked, and on which network), ``omitted`` (what the
document left out), ``values`` (with --data: name → exact and decimal), ``ok``, ``output``
(the file written, or null) and, without ``-o``, ``latex`` (the document).

Exit codes: 0 every check verified, 1 a check failed, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from symnn.derive import Derivation, data_point, derive, parameter
from symnn.errors import SymnnError
from symnn.network import Network
from symnn.report.tex import write_atomic, write_report

ORDER = 40

_SUFFIXES = (".tex", ".pdf", ".md")

_EPILOG = """\
--data FILE is JSON with the point and the parameter values, all exact:
  {"x": ["0.1", "0.3"], "y": [1, 0],
   "parameters": {"W2": [["0.5", "-0.5"], ["1/3", 2]], "b2": ["0.1", 0], ...}}
"parameters" may also be one flat list in symnn's order (layer by layer, W row by row,
then b). JSON decimals are read digit for digit (0.1 is 1/10); "1/3" is a fraction.

--json prints one object: network, layers, activations, cost, parameters, sections,
checks (statement, how, status, reason), proof, omitted, values (with --data), ok,
output, and latex when no -o is given.

Exit codes: 0 every check verified, 1 a check failed, 2 bad input."""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "derive",
        help="write the full LaTeX derivation of backpropagation for a network",
        description="Write the derivation of backpropagation (Higham & Higham 2019, Sections 3 and 5) for any "
        "network: architecture, parameters, forward pass, F(x), cost, activation, Lemma 1 in delta and matrix "
        "form, layer Jacobians, chain-rule paths for chosen parameters, and numbers at a data point. Every "
        "identity stated is checked by symnn.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--layers", required=True, help="layer sizes, e.g. 2-2-3-2")
    parser.add_argument("--activation", default="sigmoid", help="one activation, or one per layer: tanh,sigmoid")
    parser.add_argument("--cost", default="quadratic", help="quadratic or cross-entropy")
    parser.add_argument("--wrt", default="", help='parameters to differentiate by, e.g. "w[2]_11,b[3]_1"')
    parser.add_argument("--data", type=Path, help="JSON file with x, y and parameter values (format below)")
    parser.add_argument("-o", "--output", type=Path, help="write FILE.tex, FILE.pdf (and its .tex) or FILE.md")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the LaTeX")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.suffix.lower() not in _SUFFIXES:
        raise SymnnError(f"cannot write {args.output}: the output must end in .tex, .pdf or .md")
    activations = [name.strip() for name in args.activation.split(",")]
    net = Network(args.layers, activations[0] if len(activations) == 1 else activations, args.cost)
    wrt = [parameter(net, text) for text in _split(args.wrt)]
    data = data_point(net, _read_json(args.data)) if args.data is not None else None
    derivation = derive(net, wrt, data)
    written = _write(derivation, args.output) if args.output is not None else None
    if args.json:
        summary = derivation.summary() | {"output": None if written is None else str(written)}
        if written is None:
            summary["latex"] = derivation.latex()
        print(json.dumps(summary, indent=1))
    elif written is None:
        sys.stdout.write(derivation.latex())
    else:
        verdict = "every check verified" if derivation.ok else "A CHECK FAILED"
        print(f"wrote {written}: {len(derivation.sections)} sections, {len(derivation.checks)} checks, {verdict}")
    return 0 if derivation.ok else 1


def _split(text: str) -> list[str]:
    """Split ``"w[2]_11, w[2]_{10,3}"`` at the commas outside braces."""
    return [part.strip() for part in re.split(r",(?![^{]*\})", text) if part.strip()]


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SymnnError(f"cannot read the data file {path}: {error.strerror or error}") from None
    try:
        # JSON decimals are read as the digits written, so 0.1 becomes exactly 1/10.
        return json.loads(text, parse_float=str)
    except json.JSONDecodeError as error:
        raise SymnnError(f"the data file {path} is not valid JSON: {error}") from None


def _write(derivation: Derivation, output: Path) -> Path:
    if output.suffix.lower() == ".md":
        return write_atomic(output, derivation.markdown())
    return write_report(output, derivation.latex())
