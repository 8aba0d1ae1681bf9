"""``symnn exercise``: randomised exercise sheets with verified answer keys (issue 15).

Examples::

    symnn exercise gradient --seed 3 -o sheet.pdf --key key.pdf
    symnn exercise backprop --layers 2-2-3-2 --variants 30 -o class/sheet.html --key class/key.html
    symnn exercise descent --json

Writes the sheet(s) to ``-o`` and the verified key(s) to ``--key`` (``.pdf``, ``.tex``, ``.md``,
``.html``; with ``--variants K`` numbered ``sheet-01.pdf``, ...), and the machine-readable key
beside the key as ``.json`` (all variants in one file; ``symnn mark`` reads it).
Exit codes: 0 every key value verified, 1 a value failed its check, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from symnn.errors import SymnnError

if TYPE_CHECKING:
    from symnn.exercise.answer_key import VerifiedSheet

#: The topics (kept here so that ``symnn --help`` does not import SymPy).
TOPICS = ("gradient", "descent", "jacobian", "chain-rule", "backprop")

ORDER = 60
_SUFFIXES = (".pdf", ".tex", ".md", ".html")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "exercise",
        help="randomised exercise sheets (gradient, descent, jacobian, chain-rule, backprop) with verified keys",
        description="Draw exercise sheets with fresh, readable numbers and write each with its answer key: the "
        "working as formula = substitution = value, every value checked by symnn, and a JSON key (exact "
        "answers, figures required, dependencies between questions, recomputation formulas) for symnn mark.",
    )
    parser.add_argument("topic", metavar="TOPIC", help=f"one of: {', '.join(TOPICS)}")
    parser.add_argument("--seed", type=int, default=0, help="the seed (default 0); the same seed, the same files")
    parser.add_argument("--variants", type=int, default=1, help="K numbered sheets, one per student (default 1)")
    parser.add_argument("-o", "--output", default=None, help="the sheet: .pdf .tex .md .html (default TOPIC-sheet.md)")
    parser.add_argument(
        "--key", default=None, help="the key: .pdf .tex .md .html (default TOPIC-key.md); JSON beside it"
    )
    parser.add_argument("--layers", default=None, help="backprop: the network, e.g. 2-2-2 (default) or 2-2-3-2")
    parser.add_argument(
        "--activation", default=None, help="backprop: one activation, or one per layer (default sigmoid)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object (files, verdicts, the key)")
    parser.set_defaults(run=run)


def numbered(path: Path, variant: int, variants: int) -> Path:
    """``sheet.pdf`` itself for one sheet, else ``sheet-01.pdf``, ``sheet-02.pdf``, ..."""
    if variants == 1:
        return path
    return path.with_name(f"{path.stem}-{variant:0{len(str(variants))}d}{path.suffix}")


def run(args: argparse.Namespace) -> int:
    from symnn.document.write import check_document_output
    from symnn.exercise.answer_key import verify
    from symnn.exercise.generate import generate
    from symnn.exercise.keyfile import key_json

    if args.topic not in TOPICS:
        raise SymnnError(f"unknown topic {args.topic!r}; known: {', '.join(TOPICS)}")
    options = {k: v for k, v in (("layers", args.layers), ("activation", args.activation)) if v is not None}
    sheet_path = Path(args.output or f"{args.topic}-sheet.md")
    key_path = Path(args.key or f"{args.topic}-key.md")
    for path in (sheet_path, key_path):
        check_document_output(path, _SUFFIXES)
    if sheet_path.resolve() == key_path.resolve():
        raise SymnnError("the sheet and the key must be different files")
    sheets = generate(args.topic, args.seed, args.variants, options)
    checked = [verify(sheet) for sheet in sheets]
    key = key_json(checked)
    written = _write(checked, sheet_path, key_path, key, args.variants)
    verified = sum(c.count("verified") for c in checked)
    failed = sum(c.count("failed") for c in checked)
    unchecked = sum(c.count("unchecked") for c in checked)
    ok = failed == 0 and unchecked == 0
    if args.json:
        print(
            json.dumps(
                {
                    "topic": args.topic,
                    "seed": args.seed,
                    "variants": args.variants,
                    "options": key["options"],
                    "verified": verified,
                    "failed": failed,
                    "unchecked": unchecked,
                    "ok": ok,
                    "outputs": [str(p) for p in written],
                    "key": key,
                },
                indent=1,
            )
        )
    else:
        questions = len(sheets[0].questions)
        print(
            f"{args.topic}: {args.variants} sheet(s) of {questions} questions, seed {args.seed}; "
            f"key values verified {verified}, failed {failed}, unchecked {unchecked}"
        )
        for path in written:
            print(f"  wrote {path}")
        for c in checked:
            for q in c.questions:
                for r in q.results:
                    if not r.ok:
                        print(f"  x {r.claim.where}: {r.reason}", file=sys.stderr)
    return 0 if ok else 1


def _write(
    checked: list[VerifiedSheet], sheet_path: Path, key_path: Path, key: dict[str, Any], variants: int
) -> list[Path]:
    from symnn.document.write import write_document
    from symnn.exercise.documents import key_document, sheet_document
    from symnn.files import write_atomic

    written = []
    for folder in {sheet_path.parent, key_path.parent}:
        folder.mkdir(parents=True, exist_ok=True)  # a PDF is built in place: its folder must exist
    for c in checked:
        variant = c.exercise.variant
        written.append(write_document(sheet_document(c.exercise, variants), numbered(sheet_path, variant, variants)))
        written.append(write_document(key_document(c), numbered(key_path, variant, variants)))
    written.append(write_atomic(key_path.with_suffix(".json"), json.dumps(key, indent=1, sort_keys=True) + "\n"))
    return written
