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
import itertools
import json
import os
import re
import stat
import sys
from pathlib import Path

from symnn.errors import SymnnError

ORDER = 40

#: Largest ``--data`` file read (a 784-30-10 network's parameters as decimals are about 0.5 MB).
MAX_DATA_BYTES = 4 * 1024 * 1024
#: Longest number in ``--data`` (characters), and the largest decimal exponent: ``1e999999999`` is refused.
MAX_NUMBER_CHARS = 200
MAX_EXPONENT = 300
#: Most parameters a derivation is written for (784-30-10 has 23,860; 5000-5000 has 25 million).
MAX_PARAMETERS = 100_000
#: Most layers: Lemma 1 is proved by differentiating the nested cost directly, whose size grows
#: exponentially with the depth (6 layers of width 3 take about 30 s, 7 of width 2 already 40 s; 14 hours).
MAX_LAYERS = 6

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
    parser.add_argument(
        "-o", "--output", type=Path, help="write FILE.tex, FILE.pdf (and its .tex), FILE.md, FILE.txt or FILE.html"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the LaTeX")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from symnn.document.write import check_document_output, write_document

    if args.output is not None:
        check_document_output(args.output)  # every format of the suffix map; before any work: a bad path loses nothing
    sizes = _sizes(args.layers)
    record = _read_json(args.data) if args.data is not None else None

    from symnn.derive import data_point, derive, parameter
    from symnn.network import Network

    activations = [name.strip() for name in args.activation.split(",")]
    net = Network(sizes, activations[0] if len(activations) == 1 else activations, args.cost)
    wrt = [parameter(net, text) for text in _split(args.wrt)]
    data = data_point(net, record) if record is not None else None
    derivation = derive(net, wrt, data)
    # Results first, files second: a failing write (a TeX error) loses nothing printed.
    if args.json:
        summary = derivation.summary() | {"output": None if args.output is None else str(args.output)}
        if args.output is None:
            summary["latex"] = derivation.latex()
        print(json.dumps(summary, indent=1), flush=True)
    elif args.output is None:
        sys.stdout.write(derivation.latex())
    else:
        verdict = "every check verified" if derivation.ok else "A CHECK FAILED"
        print(f"{len(derivation.sections)} sections, {len(derivation.checks)} checks, {verdict}", flush=True)
    if args.output is not None:
        written = write_document(derivation.judged, args.output)
        if not args.json:
            print(f"wrote {written}")
    return 0 if derivation.ok else 1


def _sizes(spec: str) -> tuple[int, ...]:
    """The layer sizes, refused up front when the derivation could not finish in reasonable time."""
    from symnn.network import parse_layers

    sizes = parse_layers(spec)
    count = sum(n * (m + 1) for m, n in itertools.pairwise(sizes))
    if count > MAX_PARAMETERS:
        raise SymnnError(
            f"the {spec} network has {count:,} parameters; symnn derive writes derivations for at most "
            f"{MAX_PARAMETERS:,}"
        )
    if len(sizes) > MAX_LAYERS:
        raise SymnnError(
            f"the {spec} network has {len(sizes)} layers; symnn derive proves Lemma 1 by direct differentiation, "
            f"whose work grows exponentially with depth, so it takes at most {MAX_LAYERS}"
        )
    return sizes


def _split(text: str) -> list[str]:
    """Split ``"w[2]_11, w[2]_{10,3}"`` at the commas outside braces."""
    return [part.strip() for part in re.split(r",(?![^{]*\})", text) if part.strip()]


def _read_json(path: Path) -> object:
    """The ``--data`` record: a regular file of bounded size, numbers of bounded length kept as text."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise SymnnError(f"cannot read the data file {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise SymnnError(f"the data file {path} is not a regular file")
    if info.st_size > MAX_DATA_BYTES:
        raise SymnnError(f"the data file {path} has {info.st_size:,} bytes; at most {MAX_DATA_BYTES:,} are read")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_DATA_BYTES + 1)
        text = raw.decode("utf-8")
    except OSError as error:
        raise SymnnError(f"cannot read the data file {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise SymnnError(f"the data file {path} is not UTF-8 text") from None
    if len(raw) > MAX_DATA_BYTES:
        raise SymnnError(f"the data file {path} has more than {MAX_DATA_BYTES:,} bytes")
    try:
        # JSON numbers are kept as the digits written (0.1 becomes exactly 1/10), and bounded below.
        record = json.loads(text, parse_float=str, parse_int=_integer)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = str(error) if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        raise SymnnError(f"the data file {path} is not valid JSON: {reason}") from None
    _check_numbers(record, path)
    return record


def _integer(text: str) -> int | str:
    return int(text) if len(text) <= MAX_NUMBER_CHARS else text


_EXPONENT = re.compile(r"[eE]([+-]?\d+)\s*$")


def _check_numbers(value: object, path: Path) -> None:
    """Refuse a number too long, or with an exponent too large, to be made exact in bounded time."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            shown = item if len(item) <= 24 else item[:20] + "..."
            if len(item) > MAX_NUMBER_CHARS:
                raise SymnnError(f"the data file {path} has a value of {len(item):,} characters ({shown!r})")
            exponent = _EXPONENT.search(item)
            if exponent and abs(int(exponent[1][:12])) > MAX_EXPONENT:
                raise SymnnError(
                    f"the data file {path} has the number {shown!r}; exponents beyond ±{MAX_EXPONENT} are refused"
                )
