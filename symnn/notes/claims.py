r"""The records ``symnn check`` reports: one :class:`NoteClaim` per link, one :class:`NotesReport` per file.

Verdicts: ``verified`` (exact), ``printed`` (a decimal written with ``=`` that agrees with
the exact value to its printed digits, rounded or truncated; counted apart, and a failure
under ``--strict``), ``failed`` and ``unchecked`` (with the reason).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["EQUATION", "STATUSES", "BlockNote", "NoteClaim", "NotesReport", "Status"]

#: The end of the reason of a link in unknowns whose sides differ: it may be an equation to solve.
EQUATION = "not an identity (an equation?)"

Status = Literal["verified", "printed", "failed", "unchecked"]
STATUSES: tuple[Status, ...] = ("verified", "printed", "failed", "unchecked")


@dataclass(frozen=True)
class NoteClaim:
    """One checked link of a chain, as the report shows it.

    Attributes:
        line: the 1-based line of the claimed (right-hand) side (in its cell, for a notebook).
        text: the link as written (``f(0,0) = 9 + 2``).
        status: ``verified``, ``printed``, ``failed`` or ``unchecked``.
        claimed: the claimed value (plain text).
        exact: symnn's exact value (plain text), empty when there is none.
        reason: how it was judged, or why it could not be.
        cell: the notebook cell, or None.
        last_line: the line the claimed side ends on, when it runs over several (a matrix written a row a line).
    """

    line: int
    text: str
    status: Status
    claimed: str
    exact: str
    reason: str
    cell: int | None = None
    last_line: int | None = None

    def __post_init__(self) -> None:
        # one line each, whatever SymPy printed (a Matrix prints over several lines)
        for name in ("text", "claimed", "exact", "reason"):
            value = getattr(self, name)
            if "\n" in value:
                object.__setattr__(self, name, " ".join(value.split()))

    @property
    def place(self) -> str:
        """``12`` or, in a notebook, ``cell 3, line 12``."""
        return str(self.line) if self.cell is None else f"cell {self.cell}, line {self.line}"

    def as_json(self) -> dict[str, object]:
        """The JSON object of the claim."""
        payload: dict[str, object] = {
            "line": self.line,
            "text": self.text,
            "status": self.status,
            "claimed": self.claimed,
            "exact": self.exact,
            "reason": self.reason,
        }
        if self.cell is not None:
            payload["cell"] = self.cell
        if self.last_line is not None:
            payload["last_line"] = self.last_line
        return payload


@dataclass(frozen=True)
class BlockNote:
    """A math block that gave no claim, and why (or a delimiter problem)."""

    line: int
    reason: str
    cell: int | None = None


@dataclass(frozen=True)
class NotesReport:
    """The claims of one file, and what was found in it."""

    file: str
    claims: tuple[NoteClaim, ...]
    blocks: int = 0
    quiet_blocks: tuple[BlockNote, ...] = field(default=())

    def count(self, status: Status) -> int:
        """How many claims have ``status``."""
        return sum(1 for claim in self.claims if claim.status == status)

    def unchecked_reasons(self, top: int | None = 3) -> list[tuple[str, int]]:
        """The most frequent reasons for unchecked claims (their general form), most frequent first."""
        counter = Counter(_general(c.reason) for c in self.claims if c.status == "unchecked")
        return counter.most_common(top)

    @property
    def summary(self) -> dict[str, int]:
        """``{"verified": n, "printed": n, "failed": n, "unchecked": n}``."""
        return {status: self.count(status) for status in STATUSES}

    def as_json(self) -> dict[str, object]:
        """The JSON object of the file, as ``symnn check --json`` prints it."""
        summary: dict[str, object] = dict(self.summary)
        summary["math_blocks"] = self.blocks
        summary["blocks_without_claim"] = [
            {"line": b.line, "reason": b.reason, **({"cell": b.cell} if b.cell is not None else {})}
            for b in self.quiet_blocks
        ]
        summary["unchecked_reasons"] = [{"reason": r, "count": n} for r, n in self.unchecked_reasons(None)]
        return {"file": self.file, "claims": [c.as_json() for c in self.claims], "summary": summary}


def _general(reason: str) -> str:
    """A reason without its particulars (values, names), so that like reasons are counted together.

    Examples:
        >>> _general("w_1, i_1 not defined here; not an identity (an equation?)")
        'names not defined here; not an identity (an equation?)'
    """
    head = reason.split(":")[0] if reason.startswith(("not parsed", "a definition of")) else reason
    for marker in (" not defined here", " is not defined", " is neither a defined function", " whose values"):
        if marker in head:
            return (
                "names" + head[head.index(marker) :].split(" (")[0]
                if marker != " not defined here"
                else ("names" + head[head.index(marker) :])
            )
    return head[:80]
