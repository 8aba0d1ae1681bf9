r"""The cross-check as text and as a LaTeX document: tables of blocks, the worst entries, the findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from symnn.latex import latex
from symnn.report.tex import document, escape

if TYPE_CHECKING:
    from symnn.crosscheck.result import CrossCheck

__all__ = ["activation_names", "format_text", "render_tex"]


def activation_names(result: CrossCheck) -> str:
    """Each layer's activation as given, layer 2 first (no sorting, no merging)."""
    net = result.network
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


#: How the Unicode in diagnoses typesets (pdflatex with inputenc utf8).
_UNICODE_TEX = {
    "δ": r"\ensuremath{\delta}",
    "σ": r"\ensuremath{\sigma}",
    "′": r"\ensuremath{'}",
    "ᵀ": r"\ensuremath{^{T}}",
    "×": r"\ensuremath{\times}",
    "−": r"\ensuremath{-}",
    "‖": r"\ensuremath{\|}",
    "½": r"\ensuremath{\tfrac12}",
    "²": r"\ensuremath{^2}",
    "∂": r"\ensuremath{\partial}",
    "—": r"---",
}
_PREAMBLE_EXTRA = "".join(
    rf"\DeclareUnicodeCharacter{{{ord(ch):04X}}}{{{tex}}}" + "\n" for ch, tex in _UNICODE_TEX.items()
)


def render_tex(result: CrossCheck) -> str:
    r"""The cross-check as a complete LaTeX document (shared preamble, \verified/\failed marks)."""
    net = result.network
    layers = "-".join(map(str, net.layers))
    intro = (
        f"The function \\texttt{{{escape(result.function)}}} was compared with the exact gradient of the "
        f"{layers} network (activations {escape(activation_names(result))}, "
        f"{escape(net.loss.name)} cost ${net.loss.latex}$, Higham \\& Higham (2019), eq.~(18)) at "
        f"{result.points} random points (seed {result.seed}). Every parameter, input and target is a "
        r"dyadic rational $k/64$, so the float64 arrays handed to the function are exactly the rational "
        "point at which the exact gradient was computed by Lemma~1, eqs.~(22)--(25). Exact values are "
        f"shown to {result.digits} significant digits, with the central differences "
        f"($h = 2^{{-17}}$) beside them. An entry agrees when "
        rf"$|g_\text{{yours}} - g_\text{{exact}}| \le {_tex_number(result.tolerance.atol)} + "
        rf"{_tex_number(result.tolerance.rtol)}\,|g_\text{{exact}}|$."
    )
    if result.ok:
        verdict = rf"\verified\ All {len(result.blocks)} blocks agree with the exact gradient."
    else:
        verdict = rf"\failed\ Wrong blocks: {', '.join(_block_tex(n) for n in result.wrong)}."
    summary = [
        r"\begin{center}\small",
        r"\begin{tabular}{llrrrl}",
        r"\toprule",
        r"block & & max abs error & max rel error & central diff.\ error & diagnosis \\",
        r"\midrule",
    ]
    for b in result.blocks:
        mark = r"\verified" if b.ok else r"\failed"
        diag = escape(b.diagnosis) if b.diagnosis else ("" if b.ok else "no simple pattern fits")
        summary.append(
            f"{_block_tex(b.name)} & {mark} & ${_tex_number(b.max_abs_error)}$ & ${_tex_number(b.max_rel_error)}$ & "
            rf"${_tex_number(b.central_difference_error)}$ & \parbox[t]{{5.2cm}}{{\raggedright {diag}}} \\"
        )
    summary += [r"\bottomrule", r"\end{tabular}", r"\end{center}"]
    worst = [
        r"\begin{center}\footnotesize",
        r"\begin{tabular}{lrlll}",
        r"\toprule",
        rf"entry & point & exact ({result.digits} digits) & yours & central difference \\",
        r"\midrule",
    ]
    for b in result.blocks:
        worst.append(
            rf"$\partial C/\partial {latex(b.worst_symbol)}$ & {b.worst_point} & \texttt{{{b.exact}}} & "
            rf"\texttt{{{b.yours:.17g}}} & \texttt{{{b.central_difference:.17g}}} \\"
        )
    worst += [r"\bottomrule", r"\end{tabular}", r"\end{center}"]
    findings = ""
    if result.diagnoses:
        items = "\n".join(rf"\item {escape(line)}" for line in result.diagnoses)
        findings = "\\section*{Diagnosis}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n"
    body = "\n".join(
        [
            intro,
            "",
            verdict,
            findings,
            r"\section*{Blocks}",
            *summary,
            r"\section*{The worst entry of each block}",
            *worst,
        ]
    )
    return document(f"Cross-check of {result.function} against the exact gradient", body, _PREAMBLE_EXTRA)


def _block_tex(name: str) -> str:
    return rf"$\partial C/\partial {name[0]}^{{[{name[1:]}]}}$"


def _tex_number(value: float) -> str:
    r"""``1.23e-07`` as math-mode ``1.23\cdot 10^{-7}`` (no dollars)."""
    if not np.isfinite(value):
        return r"\infty"
    mantissa, exponent = f"{value:.2e}".split("e")
    return rf"{mantissa}\cdot 10^{{{int(exponent)}}}"
