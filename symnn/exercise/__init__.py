r"""Randomised worked exercises with verified answer keys, and marking with credit carried forward.

Pipeline (``symnn exercise`` and ``symnn mark``)::

    sheets = generate("backprop", seed=3, variants=30)       # topics.* draw the numbers
    checked = [verify(s) for s in sheets]                    # every key value checked by symnn
    key = key_json(checked)                                  # exact answers, digits, dependencies
    marked = mark_all(read_key("key.json"), [read_submission("ann.txt")])

Modules: :mod:`~symnn.exercise.model` (records), :mod:`~symnn.exercise.draw` (seeded numbers),
:mod:`~symnn.exercise.build` (question by question), :mod:`~symnn.exercise.topics` (one module
per topic), :mod:`~symnn.exercise.answer_key` (claims), :mod:`~symnn.exercise.keyfile` (JSON),
:mod:`~symnn.exercise.expression` (formulas as JSON trees), :mod:`~symnn.exercise.figures`
(significant figures), :mod:`~symnn.exercise.submission` (reading answers and working),
:mod:`~symnn.exercise.marking`, :mod:`~symnn.exercise.documents` (sheet, key, feedback),
:mod:`~symnn.exercise.classlist` (the class table).
"""

from symnn.exercise.answer_key import VerifiedSheet, verify
from symnn.exercise.generate import generate
from symnn.exercise.keyfile import Key, key_json, read_key
from symnn.exercise.marking import Mark, MarkedSubmission, mark, mark_all
from symnn.exercise.model import Exercise, Part, Question
from symnn.exercise.submission import Submission, read_submission
from symnn.exercise.topics import TOPICS

__all__ = [
    "TOPICS",
    "Exercise",
    "Key",
    "Mark",
    "MarkedSubmission",
    "Part",
    "Question",
    "Submission",
    "VerifiedSheet",
    "generate",
    "key_json",
    "mark",
    "mark_all",
    "read_key",
    "read_submission",
    "verify",
]
