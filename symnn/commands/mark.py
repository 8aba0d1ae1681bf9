"""``symnn mark``: mark students' answers against an exercise key, with credit carried forward (issue 15).

Examples::

    symnn mark key.json ann.txt bo.md --json
    symnn mark class/key.json class/answers/*.txt -o class/feedback/

A submission is an answers file (``q3: 0.5933`` a line, optional ``name:`` and ``variant:``)
or Markdown/LaTeX working (``.md``, ``.tex``). Prints one line per student; ``-o DIR`` writes a
feedback page per student (``--format``, default html) and the class table ``DIR/marks.csv``.
Exit codes: 0 marked, 2 bad input (an unreadable key or submission, a key of another version).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symnn.exercise.marking import MarkedSubmission

ORDER = 61


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "mark",
        help="mark submissions against a symnn exercise key (right, wrong, right given your earlier answer)",
        description="Mark each submission question by question: right (exactly or to the figures required), "
        "wrong (with the expected value), a rounding slip, missing, not read, or right given your earlier "
        "answer (the key's formula recomputed from the student's own earlier values, naming the first wrong step).",
    )
    parser.add_argument("key", metavar="KEY", help="the key JSON written by symnn exercise")
    parser.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="answers files, or .md/.tex working")
    parser.add_argument("-o", "--output", default=None, help="folder for the feedback pages and marks.csv")
    parser.add_argument(
        "--format", choices=("html", "md", "pdf", "tex"), default="html", help="feedback page format (default html)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def _stem(path: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(path).stem)[:60] or "student"
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}-{n}", n + 1
    taken.add(name)
    return name


def run(args: argparse.Namespace) -> int:
    from symnn.exercise.keyfile import read_key
    from symnn.exercise.marking import mark_all
    from symnn.exercise.submission import read_submission
    from symnn.files import check_output

    key = read_key(args.key)
    if args.output:
        check_output(args.output, folder=True)
    submissions = [read_submission(path) for path in args.submissions]
    marked = mark_all(key, submissions)
    outputs = _write(marked, Path(args.output), args.format, key.topic) if args.output else []
    if args.json:
        print(
            json.dumps(
                {
                    "topic": key.topic,
                    "seed": key.seed,
                    "students": [_as_json(m) for m in marked],
                    "outputs": [str(p) for p in outputs],
                },
                indent=1,
            )
        )
    else:
        width = max(len("student"), *(len(m.submission.student) for m in marked))
        print(f"{'student':<{width}}  sheet  marks   right  carried  rounding  wrong  missing  not read")
        for m in marked:
            count = {
                s: sum(q.status == s for q in m.marks)
                for s in ("right", "carried", "rounding", "wrong", "missing", "not read")
            }
            print(
                f"{m.submission.student:<{width}}  {m.variant:>5}  {m.total:g}/{m.out_of:<4} {count['right']:>5}  "
                f"{count['carried']:>7}  {count['rounding']:>8}  {count['wrong']:>5}  {count['missing']:>7}  "
                f"{count['not read']:>8}"
            )
        for path in outputs:
            print(f"  wrote {path}")
    return 0


def _write(marked: list[MarkedSubmission], folder: Path, suffix: str, topic: str) -> list[Path]:
    from symnn.document.write import write_document
    from symnn.exercise.classlist import class_csv
    from symnn.exercise.documents import feedback_document
    from symnn.exercise.topics import TOPICS
    from symnn.files import write_atomic

    title = TOPICS[topic].TITLE if topic in TOPICS else topic
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written = [
        write_document(feedback_document(m, topic, title), folder / f"{_stem(m.submission.source, taken)}.{suffix}")
        for m in marked
    ]
    written.append(write_atomic(folder / "marks.csv", class_csv(marked)))
    return written


def _as_json(m: MarkedSubmission) -> dict[str, object]:
    return {
        "student": m.submission.student,
        "source": m.submission.source,
        "variant": m.variant,
        "total": m.total,
        "out_of": m.out_of,
        "questions": [
            {
                "id": q.question.id,
                "status": q.status,
                "given": q.given,
                "expected": q.expected,
                "recomputed": q.recomputed,
                "first_wrong": q.first_wrong,
                "marks": q.marks,
                "comment": q.comment,
            }
            for q in m.marks
        ],
    }
