r"""Reading a student's submission: a short answers file, or Markdown/LaTeX working.

**Answers file** (the primary path): one answer a line, ``q3: 0.5933`` (also ``q3 = 0.5933``,
``Q3) 0.5933``); optional ``name: ...`` and ``variant: N`` lines; ``#`` starts a comment.
A value is a decimal, a fraction (``23/50``), or LaTeX math (``\frac{23}{50}``, ``\sqrt{68}``),
read by the notes parser (:func:`symnn.notes.parse`) and evaluated exactly, never eval'ed.

**Working** (``.md``, ``.tex``): a label ``q3:`` (or ``**q3.**``, ``(q3)``) in the prose,
then the student's formulas; the answer is the last side of the last formula before the
next label (``$\delta = 0.55(0.45)(-0.45) \approx -0.1112$`` gives -0.1112), or the number
written after the label when there is no formula.

Whatever cannot be read as a number is kept with ``value=None`` and a reason: the marker
says "not read" for it, never "wrong".

Examples:
    >>> s = read_answers("name: Ada\nq1: 0.5\nq2: 23/50\nq3: x + 1\n", "ada.txt")
    >>> s.student, [(a.id, a.value) for a in s.answers.values()]
    ('Ada', [('q1', 1/2), ('q2', 23/50), ('q3', None)])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import sympy as sp

from symnn.errors import SymnnError
from symnn.notes.evaluate import Scope, Unchecked, evaluate
from symnn.notes.extract import extract
from symnn.notes.parser import ParseError, parse

__all__ = ["Answer", "Submission", "read_answers", "read_submission", "read_value", "read_working"]

_LABEL = re.compile(r"^\s*[qQ](?P<n>\d{1,3})\s*(?:[:=).]|\s)\s*(?P<value>.*?)\s*$")
_META = re.compile(r"^\s*(?P<key>name|student|variant|sheet)\s*[:=]\s*(?P<value>.+?)\s*$", re.IGNORECASE)
_WORKING_LABEL = re.compile(r"(?<![A-Za-z0-9_\\])[(*\[]*[qQ](?P<n>\d{1,3})[)*\].:]*(?=[\s:.)*\]$])")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(/\d+|[eE][+-]?\d{1,3})?$")
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$|\\\[.*?\\\]|\\\(.*?\\\)", re.DOTALL)
_RELATIONS = re.compile(r"\\approx|\\simeq|\\doteq|≈|=")
#: The longest value text read (longer is "not read").
MAX_VALUE = 400
#: The largest submission read, in characters.
MAX_SOURCE = 2_000_000


@dataclass(frozen=True)
class Answer:
    """One answer as the student wrote it.

    Attributes:
        id: the question id (``"q3"``).
        text: what the student wrote for the value.
        value: the exact number it reads as, or None when it cannot be read.
        reason: why it could not be read ("" when read).
        line: the line of the file it is on.
    """

    id: str
    text: str
    value: sp.Expr | None
    reason: str = ""
    line: int = 0


@dataclass(frozen=True)
class Submission:
    """A student's answers by question id."""

    student: str
    source: str
    variant: int | None
    answers: dict[str, Answer] = field(default_factory=dict)


def read_value(text: str) -> tuple[sp.Expr | None, str]:
    r"""``(value, "")`` for a number, or ``(None, reason)``.

    Examples:
        >>> read_value("-0.4"), read_value(r"\frac{1}{3}")[0], read_value("abc")[1]
        ((-2/5, ''), 1/3, 'not a number: abc')
    """
    cleaned = text.strip().strip("$").strip().replace("\u2212", "-").rstrip(".,;")
    for prefix in ("\\approx", "≈", "~", "="):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :].strip()
    if not cleaned:
        return None, "empty"
    if len(cleaned) > MAX_VALUE:
        return None, f"longer than {MAX_VALUE} characters"
    if _PLAIN.match(cleaned):
        try:
            return sp.Rational(cleaned), ""
        except (TypeError, ValueError, ZeroDivisionError):
            return None, f"not a number: {cleaned[:40]}"
    try:
        value = evaluate(parse(cleaned), Scope())
    except (ParseError, Unchecked, ValueError, TypeError, ZeroDivisionError, RecursionError):
        return None, f"not a number: {cleaned[:40]}"
    if not isinstance(value, sp.Expr) or value.free_symbols or not value.is_number or value.has(sp.zoo, sp.nan):
        return None, f"not a number: {cleaned[:40]}"
    if value.is_real is False:
        return None, f"not a real number: {cleaned[:40]}"
    return value, ""


def _meta(key: str, value: str, student: str, variant: int | None, where: str) -> tuple[str, int | None]:
    if key.lower() in ("name", "student"):
        return value, variant
    if not value.isdigit():
        raise SymnnError(f"{where}: the variant must be a number, got {value[:20]!r}")
    return student, int(value)


def read_answers(source: str, where: str = "<answers>") -> Submission:
    """Read an answers file's text (see the module docstring)."""
    student, variant = Path(where).stem, None
    answers: dict[str, Answer] = {}
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        meta = _META.match(line)
        if meta:
            student, variant = _meta(meta["key"], meta["value"], student, variant, where)
            continue
        label = _LABEL.match(line)
        if label is None:
            continue
        qid = f"q{int(label['n'])}"
        text = label["value"]
        value, reason = read_value(text) if text else (None, "")
        if not text:
            continue  # an empty answer is a missing one
        answers[qid] = Answer(qid, text, value, reason, number)
    return Submission(student, where, variant, answers)


def _last_side(formula: str) -> str:
    """The last side of a chain ``a = b \\approx c`` at brace depth 0."""
    depth, cut = 0, 0
    for match in _RELATIONS.finditer(formula):
        depth = formula.count("{", 0, match.start()) - formula.count("}", 0, match.start())
        if depth == 0:
            cut = match.end()
    last = formula[cut:].strip()
    return re.sub(r"\\(?:quad|qquad|,|;|!)\s*$", "", last).strip().rstrip(".,;").strip()


def _without_math(source: str) -> str:
    """``source`` with its math blanked (newlines kept), so a label is never read inside a formula."""
    return _MATH.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)


def read_working(source: str, where: str = "<working>", kind: str = "markdown") -> Submission:
    """Read a student's Markdown or LaTeX working (see the module docstring)."""
    meta = read_answers("\n".join(line for line in source.splitlines() if _META.match(line)), where)
    formulas = extract(source, kind)
    prose = _without_math(source)
    labels = list(_WORKING_LABEL.finditer(prose))
    answers: dict[str, Answer] = {}
    for index, label in enumerate(labels):
        line = source.count("\n", 0, label.start()) + 1
        end = labels[index + 1].start() if index + 1 < len(labels) else len(source)
        next_line = source.count("\n", 0, end) + 1 if index + 1 < len(labels) else None
        inside = [f for f in formulas if f.line >= line and (next_line is None or f.line < next_line)]
        if inside:
            text = _last_side(inside[-1].text)
        else:
            text = prose[label.end() : end].split("\n", 1)[0].strip(" :*")
        if not text:
            continue
        qid = f"q{int(label['n'])}"
        value, reason = read_value(text)
        answers[qid] = Answer(qid, text, value, reason, line)
    return Submission(meta.student, where, meta.variant, answers)


def read_submission(path: Path | str) -> Submission:
    """Read a submission file: working for ``.md``/``.tex``, an answers file otherwise.

    Raises:
        SymnnError: when the file cannot be read, or names no question.
    """
    source_path = Path(path)
    try:
        if source_path.stat().st_size > MAX_SOURCE:
            raise SymnnError(f"submission {source_path} is larger than {MAX_SOURCE // 1_000_000} MB")
        text = source_path.read_text(encoding="utf-8")
    except OSError as error:
        raise SymnnError(f"cannot read submission {source_path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise SymnnError(f"submission {source_path} is not UTF-8 text") from None
    suffix = source_path.suffix.lower()
    if suffix in (".md", ".markdown"):
        submission = read_working(text, str(source_path), "markdown")
    elif suffix in (".tex", ".latex"):
        submission = read_working(text, str(source_path), "latex")
    else:
        submission = read_answers(text, str(source_path))
    if not submission.answers:
        raise SymnnError(f"submission {source_path} names no question (write answers as 'q1: 0.5')")
    return submission
