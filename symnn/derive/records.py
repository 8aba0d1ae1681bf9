r"""Records of a derivation: the size budget, a data point, a judged identity, the derivation and its values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from symnn.backprop import BackpropProof
from symnn.document.latex import render_latex
from symnn.document.markdown import render_markdown
from symnn.document.model import Check as Identity
from symnn.document.model import (
    Document,
    Judged,
    Note,
    Section,
    identity_result,
)
from symnn.network import Network
from symnn.verify import ClaimResult

# ============================================================================ records


@dataclass(frozen=True)
class Budget:
    """How much the document writes out before it switches to the matrix form.

    Attributes:
        entry_chars: longest LaTeX source of one printed entry (z[l]_j, δ[l]_j, a path).
        line_chars: longest LaTeX source of one displayed line of a nested F(x).
        nested_chars: longest LaTeX source of one nested output F_j(x).
        entries: most entries of one column written out one by one.
        matrix: most rows or columns of a matrix written out entry by entry.
        paths: most chain-rule paths written out one by one.
        parameters: most parameters listed by name (and gradient entries given as values).
        prove_parameters: largest network that :func:`prove_backprop` checks itself;
            above it, the same-depth network with every width at most 3 is checked.
        exact_chars: longest exact value (LaTeX source) shown beside its decimal.
    """

    entry_chars: int = 600
    line_chars: int = 240
    nested_chars: int = 2400
    entries: int = 12
    matrix: int = 5
    paths: int = 12
    parameters: int = 60
    prove_parameters: int = 120
    exact_chars: int = 90


@dataclass(frozen=True)
class DataPoint:
    """One training point and the parameter values to evaluate at, all exact.

    Attributes:
        x: the input, n_1 exact numbers.
        y: the target, n_L exact numbers.
        theta: the parameter values in ``network.parameters()`` order.
    """

    x: tuple[sp.Expr, ...]
    y: tuple[sp.Expr, ...]
    theta: tuple[sp.Expr, ...]


@dataclass(frozen=True)
class Check:
    """One identity the document states, and symnn's verdict on it (judged after the document was built).

    Attributes:
        statement: the identity, as LaTeX math.
        how: how it was checked, in words.
        result: the :class:`symnn.verify.ClaimResult` (for several claims: the worst, counted).
    """

    statement: str
    how: str
    result: ClaimResult

    @property
    def status(self) -> str:
        """``"verified"``, ``"failed"`` or ``"unchecked"``."""
        return self.result.status


@dataclass(frozen=True)
class Derivation:
    """The derivation for one network: sections, checks, and what was left out.

    Attributes:
        network: the network derived.
        title: the document's title (plain text).
        sections: the sections, in order.
        proof: what :func:`symnn.backprop.prove_backprop` checked.
        proved_on: the network the proof ran on (``network`` itself, or a smaller
            network of the same depth, activations and cost).
        values: with ``--data``, the named quantities at the point: name → exact value.
    """

    network: Network
    title: str
    sections: tuple[Section, ...]
    proof: BackpropProof
    proved_on: Network
    values: tuple[Value, ...] = ()
    results: tuple[ClaimResult, ...] = ()

    @property
    def judged(self) -> Judged:
        """The derivation as a judged document of :mod:`symnn.document.model`."""
        return Judged(Document(self.title, self.sections), self.results)

    @property
    def checks(self) -> tuple[Check, ...]:
        """Every check stated in the document, in order, with its verdict."""
        return tuple(
            Check(block.statement, block.how, identity_result(results))
            for block, results in self.judged.per_block()
            if isinstance(block, Identity)
        )

    @property
    def omitted(self) -> tuple[str, ...]:
        """Every note of what was left out, in order."""
        return tuple(b.text for s in self.sections for b in s.blocks if isinstance(b, Note))

    @property
    def ok(self) -> bool:
        """True when Lemma 1 was proved and no stated identity failed."""
        return self.proof.ok and all(c.status != "failed" for c in self.checks)

    def latex(self) -> str:
        """The whole LaTeX document (the shared preamble of :mod:`symnn.document.latex`)."""
        return render_latex(self.judged)

    def markdown(self) -> str:
        """The derivation as Markdown with ``$$`` display math."""
        return render_markdown(self.judged)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready record: network, checks, proof, what was left out, values."""
        net = self.network
        return {
            "network": repr(net),
            "layers": list(net.layers),
            "activations": [net.activations[layer].name for layer in net.hidden_and_output],
            "cost": net.loss.name,
            "parameters": len(net.parameters()),
            "sections": [s.title for s in self.sections],
            "checks": [
                {"statement": c.statement, "how": c.how, "status": c.status, "reason": c.result.reason}
                for c in self.checks
            ],
            "proof": {"ok": self.proof.ok, "network": repr(self.proved_on), "checks": list(self.proof.checks)},
            "omitted": list(self.omitted),
            "values": {v.name: {"exact": sp.sstr(v.exact), "decimal": v.decimal} for v in self.values},
            "ok": self.ok,
        }

    def _repr_markdown_(self) -> str:
        return self.markdown()


@dataclass(frozen=True)
class Value:
    """One named quantity at the data point.

    Attributes:
        name: the SymPy name (``"z_1__2"``), ``"C"``, or ``"dC/dw_11__2"``.
        exact: the exact value (SymPy).
        decimal: 12 significant digits, from the program run step by step with 40 digits.
    """

    name: str
    exact: sp.Expr
    decimal: str
