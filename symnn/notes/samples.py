r"""A sum over samples and the matrix product it is: ``\sum_i (\mu_i - y_i) x_i = X^T(\mu - y)``.

Regression and classification notes write the gradient twice, as a sum over the samples ``x_i`` and in
matrix form with the design matrix ``X`` whose rows they are (Murphy, *Machine Learning*, §8.3; Bishop
§4.3). A link that holds such a pair, the capital ``X`` on one side and its samples ``x_i`` in a sum on
the other, is judged at a size: n = 3 samples of d = 2 features, every entry a symbol of its own; ``x_i``
the i-th row of ``X`` (as a column), and each vector ``\mu`` written beside its entries ``\mu_i`` the column of
them. Exact at that size, and not a proof for every size; the verdict says so.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from symnn.notes.chains import Element
from symnn.notes.claims import NoteClaim, Status
from symnn.notes.digits import free, text_of
from symnn.notes.evaluate import Binding, Scope, Unchecked, evaluate
from symnn.notes.sums import Generic, holding_instance
from symnn.notes.syntax import Name, Summation, walk
from symnn.verify import check_claim, equal

__all__ = ["in_samples"]

#: The size the pair is judged at: samples, features.
SAMPLES, FEATURES = 3, 2
_ENTRY = re.compile(r"^(?P<stem>[A-Za-z]\w*?)_(?P<index>[a-z])$")


def in_samples(judged: NoteClaim, left: Element, op: str, right: Element, scope: Scope) -> NoteClaim:
    """``judged`` again, read with the samples of a design matrix, when it was unchecked and holds such a pair."""
    if judged.status != "unchecked" or op != "=" or left.node is None or right.node is None:
        return judged
    names = {n.name for side in (left.node, right.node) for n in walk(side) if isinstance(n, Name)}
    summed = {n.index for side in (left.node, right.node) for n in walk(side) if isinstance(n, Summation)}
    entries = {m["stem"]: m["index"] for name in names if (m := _ENTRY.match(name)) and m["index"] in summed}
    matrices = sorted(stem.upper() for stem in entries if stem.islower() and stem.upper() in names)
    if len(matrices) != 1 or len(set(entries.values())) != 1 or names & set(scope.values) & {matrices[0]}:
        return judged
    design, index = matrices[0], next(iter(entries.values()))
    vectors = sorted(stem for stem in entries if stem != design.lower() and stem in names | _bare(names))
    layouts = [_judged(judged, left, right, design, index, vectors, scope, rows) for rows in (True, False)]
    verdicts = [v for v in layouts if v is not None]  # (a layout whose shapes do not meet is not the notes')
    for verdict in verdicts:
        if verdict.status == "verified":
            return verdict  # the samples as rows of X, or as its columns: the notes' layout, whichever it is
    return verdicts[0] if verdicts else judged  # failed in every layout whose shapes meet


def _judged(
    judged: NoteClaim, left: Element, right: Element, design: str, index: str, vectors: list[str], scope: Scope,
    rows: bool,
) -> NoteClaim | None:
    """The link at the size, the samples ``rows`` of the design matrix (or its columns); None when not judged."""
    instance = _instance(design, index, vectors, scope, rows)
    if instance is None:
        return None
    bound, where = instance
    assert left.node is not None and right.node is not None
    try:
        with holding_instance(Generic(SAMPLES)):
            exact, claimed = evaluate(left.node, bound), evaluate(right.node, bound)
    except (Unchecked, ZeroDivisionError, TypeError, ValueError):
        return None
    if isinstance(exact, sp.MatrixBase) != isinstance(claimed, sp.MatrixBase):
        return None
    if isinstance(exact, sp.MatrixBase) and exact.shape != claimed.shape:
        if not (exact.shape == claimed.shape[::-1] and 1 in exact.shape):
            return None
        exact = exact.T
    verdict = check_claim(equal(judged.text, judged.text, claimed, exact))
    unknown = {s for s in free(claimed) | free(exact) if "⟨" not in s.name}
    if verdict.status == "unchecked" or (verdict.status == "failed" and unknown):
        return None  # (S of X^T S X, defined in words: a name read as a number fails for that alone)
    status: Status = "verified" if verdict.status == "verified" else "failed"
    reason = f"{where} (each entry a symbol; not a proof for every size): " + (
        "equal entry by entry" if status == "verified" else f"differ: {verdict.reason}"
    )
    return NoteClaim(judged.line, judged.text, status, text_of(claimed)[:200], text_of(exact)[:200], reason)


def _bare(names: set[str]) -> set[str]:
    """The stems of names written bare as vectors (``\\mu``, ``y``; ``mathbf_y`` as ``y``)."""
    return {n.removeprefix("mathbf_").removeprefix("boldsymbol_") for n in names}


def _instance(design: str, index: str, vectors: list[str], scope: Scope, rows: bool) -> tuple[Scope, str] | None:
    """The scope with the design matrix, its samples (``rows`` of it, or columns) and the vectors of entries bound
    at the size, and where."""
    if any(scope.values.get(v) is not None for v in [design, *vectors]):
        return None  # values of their own: numbers, not this reading
    shape = (SAMPLES, FEATURES) if rows else (FEATURES, SAMPLES)
    matrix = sp.ImmutableMatrix(*shape, lambda i, j: sp.Symbol(f"{design}⟨{i + 1},{j + 1}⟩"))
    values = dict(scope.values)
    values[design] = Binding(matrix, 0)
    for k in range(SAMPLES):
        sample = matrix.row(k).T if rows else matrix.col(k)
        values[f"{design.lower()}_{k + 1}"] = Binding(sp.ImmutableMatrix(sample), 0)
    for stem in vectors:
        column = sp.ImmutableMatrix(SAMPLES, 1, lambda i, _j, s=stem: sp.Symbol(f"{s}⟨{i + 1}⟩"))
        for name in (stem, f"mathbf_{stem}", f"boldsymbol_{stem}"):
            values[name] = Binding(column, 0)
        for k in range(SAMPLES):
            values[f"{stem}_{k + 1}"] = Binding(column[k], 0)
    if any(free(b.value) & {sp.Symbol(index)} for b in values.values() if isinstance(b.value, sp.Expr)):
        return None
    shown = f"{design}: {shape[0]}×{shape[1]}, its {'rows' if rows else 'columns'} {design.lower()}_{index}"
    if vectors:
        shown += f"; {', '.join(vectors)}: columns of {SAMPLES} entries"
    return replace(scope, values=values), f"over the samples at {shown}"
