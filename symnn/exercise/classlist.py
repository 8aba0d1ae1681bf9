"""The class table: one row per student, one column per question, as CSV.

Examples:
    >>> print(class_csv([]).strip())
    student,file,variant,total,out of
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from symnn.exercise.marking import MarkedSubmission

__all__ = ["class_csv"]


def class_csv(marked: Sequence[MarkedSubmission]) -> str:
    """The marks of every student (rows) for every question (columns), then the total."""
    ids: list[str] = []
    for m in marked:
        ids.extend(q.question.id for q in m.marks if q.question.id not in ids)
    ids.sort(key=lambda q: int(q[1:]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "file", "variant", *ids, "total", "out of"])
    for m in marked:
        by_id = {q.question.id: f"{q.marks:g}" for q in m.marks}
        writer.writerow(
            [
                m.submission.student,
                m.submission.source,
                m.variant,
                *(by_id.get(i, "") for i in ids),
                f"{m.total:g}",
                m.out_of,
            ]
        )
    return buffer.getvalue()
