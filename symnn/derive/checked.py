r"""Stage 12: what symnn checked (Lemma 1 by prove_backprop, and the tally of every stated identity)."""

from __future__ import annotations

from collections.abc import Sequence

from symnn.derive.setting import Setting, _count, _piecewise
from symnn.document.latex import escape
from symnn.document.model import (
    Block,
    Items,
    Note,
    Prose,
    Section,
    Tally,
)

# ============================================================================ 12. what was checked


def what_was_checked(setting: Setting, sections: Sequence[Section]) -> Section:
    """Lemma 1 against direct differentiation (prove_backprop), and a tally of every check."""
    net, proof = setting.network, setting.proof
    if setting.proved_on is net:
        where = "for this network"
    else:
        sizes = "-".join(str(n) for n in setting.proved_on.layers)
        where = (
            f"for the {sizes} network, which has the depth, activations and cost of this one and at most 3 neurons per "
            f"layer: this network's {_count(len(net.parameters()))} parameters are more than symnn differentiates "
            f"directly in a document ({setting.budget.prove_parameters}). Every entry of Lemma 1 is the same "
            "chain-rule sum for every width; only the lengths of the sums differ"
        )
    verdict = "equal" if proof.ok else "NOT equal"
    blocks: list[Block] = [
        Prose(
            "Lemma 1 itself, that backpropagation gives the same gradient as differentiating the nested cost "
            f"directly, was checked with symnn.backprop.prove\\_backprop {where}. The two gradients are {verdict}:"
        ),
        Items(tuple(escape(line) for line in proof.checks)),
        *(
            [
                Prose(
                    "The activation is piecewise, so the comparison with the real activation written out was not "
                    "run (differentiating the nested piecewise cost directly takes minutes). The identity above "
                    "holds for every differentiable activation, and the derivative symnn uses was checked against "
                    "sympy.diff in the activation section, which together give Lemma 1 for this network."
                )
            ]
            if _piecewise(net)
            else []
        ),
        Tally("Besides, symnn checked each identity stated in this document where it is stated: ", ".", "identities"),
    ]
    omitted = [b.text for s in sections for b in s.blocks if isinstance(b, Note)]
    if omitted:
        blocks += [Prose("Left out of this document for readability:"), Items(tuple(omitted))]
    return Section("What symnn checked", tuple(blocks))
