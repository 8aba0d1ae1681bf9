r"""The cross-check as text and as a LaTeX document: tables of blocks, the worst entries, the findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from symnn.document.latex import escape, plain
from symnn.document.model import Document, Items, Mark, Prose, Section, Table, judge
from symnn.latex import latex

if TYPE_CHECKING:
    from symnn.crosscheck.result import CrossCheck

__all__ = ["activation_names", "build_document", "format_text", "render_tex"]


def activation_names(result: CrossCheck) -> str:
    """Each layer's activation as given, layer 2 first (no sorting, no merging)."""
    net = result.network
    layer_of = getattr(net, "layer", None)
    if callable(layer_of):
        return ",".join(layer_of(layer).activation.name for layer in net.hidden_and_output)
    return ",".join(net.activations[layer].name for layer in net.hidden_and_output)


def _network_line(result: CrossCheck) -> str:
    net = result.network
    batch = (
        f"; batches of {result.batch} ({'mean' if result.mean else 'sum'} of the point costs)"
        if result.batch > 1
        else ""
    )
    return (
        f"network {'-'.join(map(str, net.layers))}, activations {activation_names(result)}, {net.loss.name} cost{batch}"
    )


def format_text(result: CrossCheck) -> str:
    """The cross-check as plain-text tables: one row per block, then the worst entries, then diagnoses."""
    head = [
        f"cross-check of {result.function} against the exact gradient",
        *(
            [f"code: {result.kind}; layout {result.layout}; returned {result.format}, {result.dtype}"]
            if result.kind
            else []
        ),
        f"{_network_line(result)}; {result.points} random points (seed {result.seed}), every entry k/64, "
        "exact in float64",
        f"exact: Lemma 1 at the rational point, {result.digits} significant digits; "
        f"an entry agrees when {result.tolerance}",
        "",
    ]
    rows = [("block", "verdict", "max abs error", "max rel error", "central diff. max abs error", "diagnosis")]
    for b in result.blocks:
        verdict = "ok" if b.ok else "WRONG"
        diag = b.diagnosis or ("" if b.ok else "no simple pattern fits")
        rows.append(
            (
                b.name,
                verdict,
                f"{b.max_abs_error:.2e}",
                f"{b.max_rel_error:.2e}",
                f"{b.central_difference_error:.2e}",
                diag,
            )
        )
    worst = [("block", "worst entry", "point", f"exact ({result.digits} digits)", "yours", "central difference")]
    for b in result.blocks:
        worst.append(
            (b.name, b.worst_entry, str(b.worst_point), b.exact, f"{b.yours:.17g}", f"{b.central_difference:.17g}")
        )
    if result.ok:
        verdict_line = f"all {len(result.blocks)} blocks agree with the exact gradient"
    else:
        verdict_line = f"WRONG: {', '.join(result.wrong)} ({len(result.wrong)} of {len(result.blocks)} blocks)"
    tail = [verdict_line] + [f"  - {line}" for line in result.diagnoses]
    return "\n".join([*head, *_columns(rows), "", *_columns(worst), "", *tail])


def _columns(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


#: Unicode in diagnoses as LaTeX math (a run of them becomes one ``$...$``).
_UNICODE_MATH = {
    "δ": r"\delta",
    "σ": r"\sigma",
    "′": "'",
    "ᵀ": "^{T}",
    "×": r"\times",
    "−": "-",
    "‖": r"\|",
    "½": r"\tfrac12",
    "²": "^2",
    "∂": r"\partial",
    "√": r"\sqrt",
    "ε": r"\varepsilon",
    "θ": r"\theta",
    "≤": r"\le",
    "·": r"\cdot",
}
#: Unicode in diagnoses as LaTeX text.
_UNICODE_TEXT = {"—": "---", "|": r"\textbar{}"}
#: Every non-ASCII character a diagnosis may hold, and how it typesets.
_UNICODE_TEX = {**_UNICODE_MATH, **_UNICODE_TEXT}


def _tex_text(text: str) -> str:
    r"""Plain text with δ, σ′, ᵀ, ... as LaTeX text: escaped, each run of math characters one ``$...$``.

    Examples:
        >>> print(_tex_text("δ[2] uses σ′(a[2]) — 2 × W"))
        $\delta$[2] uses $\sigma'$(a[2]) --- 2 $\times$ W
    """
    out, run = [], []
    for ch in plain(text.replace("--", "-\x01-")).replace("\x01", "{}"):
        if ch in _UNICODE_MATH:
            run.append(_UNICODE_MATH[ch])
            continue
        if run:
            out.append("$" + " ".join(run).replace(" '", "'").replace(" ^", "^") + "$")
            run = []
        out.append(_UNICODE_TEXT.get(ch, ch))
    if run:
        out.append("$" + " ".join(run).replace(" '", "'").replace(" ^", "^") + "$")
    return "".join(out)


def build_document(result: CrossCheck) -> Document:
    """The cross-check as the one document model: intro, verdict, diagnoses, block table, worst entries."""
    net = result.network
    layers = "-".join(map(str, net.layers))
    tol = result.tolerance
    intro = Prose(
        f"The code \\texttt{{{escape(result.function)}}} was compared with the exact gradient of the "
        f"{layers} network (activations {escape(activation_names(result))}, "
        f"{escape(net.loss.name)} cost ${net.loss.latex}$, Higham \\& Higham (2019), eq.~(18)) at "
        f"{result.points} random points (seed {result.seed})"
        + (f", each a batch of {result.batch}" if result.batch > 1 else "")
        + ". Every parameter, input and target is a dyadic rational $k/64$, so the arrays handed to the code "
        "are exactly the rational point at which the exact gradient was computed by Lemma~1, eqs.~(22)--(25). "
        f"Exact values are shown to {result.digits} significant digits, with central differences "
        f"($h = 2^{{-17}}$) beside them. An entry agrees when "
        rf"$|g_\text{{yours}} - g_\text{{exact}}| \le {_tex_number(tol.atol)} + "
        rf"{_tex_number(tol.rtol)}\,|g_\text{{exact}}|$" + (f" ({_tex_text(tol.reason)})." if tol.reason else ".")
    )
    code = Prose(_tex_text(f"Code: {result.kind}; layout {result.layout}; returned {result.format}, {result.dtype}."))
    if result.ok:
        verdict = Prose(f"All {len(result.blocks)} blocks agree with the exact gradient.", mark="verified")
    else:
        names = ", ".join(_block_tex(n) for n in result.wrong)
        verdict = Prose(f"Wrong blocks: {names}.", mark="failed")
    rows = tuple(
        (
            _block_tex(b.name),
            Mark("verified" if b.ok else "failed"),
            f"${_tex_number(b.max_abs_error)}$",
            f"${_tex_number(b.max_rel_error)}$",
            f"${_tex_number(b.central_difference_error)}$",
            _tex_text(b.diagnosis) if b.diagnosis else ("" if b.ok else "no simple pattern fits"),
        )
        for b in result.blocks
    )
    blocks_table = Table(
        ("block", "", "max abs error", "max rel error", r"central diff.\ error", "diagnosis"),
        rows,
        columns=r"@{}llrrr>{\raggedright\arraybackslash}p{5.2cm}@{}",
    )
    worst = Table(
        ("entry", "point", f"exact ({result.digits} digits)", "yours", "central difference"),
        tuple(
            (
                rf"$\partial C/\partial {latex(b.worst_symbol)}$",
                str(b.worst_point),
                rf"\texttt{{{b.exact}}}",
                rf"\texttt{{{b.yours:.17g}}}",
                rf"\texttt{{{b.central_difference:.17g}}}",
            )
            for b in result.blocks
        ),
    )
    sections = [Section("Verdict", (intro, code, verdict), numbered=False)]
    if result.diagnoses:
        sections.append(
            Section("Diagnosis", (Items(tuple(_tex_text(line) for line in result.diagnoses)),), numbered=False)
        )
    sections += [
        Section("Blocks", (blocks_table,), numbered=False),
        Section("The worst entry of each block", (worst,), numbered=False),
    ]
    return Document(f"Cross-check of {result.function} against the exact gradient", tuple(sections))


def render_tex(result: CrossCheck) -> str:
    r"""The cross-check as a complete LaTeX document, through the one document model."""
    from symnn.document.latex import render_latex

    return render_latex(judge(build_document(result)))


def _block_tex(name: str) -> str:
    return rf"$\partial C/\partial {name[0]}^{{[{name[1:]}]}}$"


def _tex_number(value: float) -> str:
    r"""``1.23e-07`` as math-mode ``1.23\cdot 10^{-7}`` (no dollars)."""
    if not np.isfinite(value):
        return r"\infty"
    mantissa, exponent = f"{value:.2e}".split("e")
    return rf"{mantissa}\cdot 10^{{{int(exponent)}}}"
