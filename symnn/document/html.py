r"""The HTML renderer: one self-contained page per document, math as native MathML, no script, no CDN.

Math is converted to MathML Core by ``latex2mathml`` (pure Python) when the page is written,
so the page needs nothing at reading time: no JavaScript, no fonts or files from the network;
Chromium, Firefox and Safari render MathML natively. A formula the converter cannot read, or
one with a command it does not know, is shown as a MathML ``<merror>`` with its LaTeX source,
never silently dropped (the browser tests assert there is none). Figures are embedded as
``data:`` URIs, and TikZ drawings as SVG drawn by pdflatex and ``pdftocairo`` when the page is
written (their description where those are missing). Pure apart from reading the figures'
files and drawing the TikZ.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from pathlib import Path

from symnn.document.latex import LINE, tally_text
from symnn.document.markup import Node, parse, plain_text
from symnn.document.model import (
    Block,
    Cell,
    Check,
    Code,
    Drawing,
    Figure,
    Items,
    Judged,
    Link,
    Mark,
    Math,
    Note,
    Prose,
    Step,
    Summary,
    Table,
    Tally,
    identity_result,
)
from symnn.document.values import exact_latex, printed_latex
from symnn.verify import ClaimResult

__all__ = ["math_ml", "render_html"]

_MARKS = {"verified": "✓", "failed": "✗", "unchecked": "?"}
_TITLES = {"verified": "verified", "failed": "failed", "unchecked": "unchecked"}

STYLE = """
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 58rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
math[display="block"] { margin: 0.6rem 0; overflow-x: auto; }
.step { display: flex; align-items: center; gap: 1rem; }
.step > math, .step > table.align { flex: 1; }
table.align { border: none; margin: 0.6rem auto; } table.align td { border: none; padding: 0.1rem 0.15rem; }
table.align td.right { text-align: right; } table.align td.left { text-align: left; }
.tag { white-space: nowrap; font-size: 0.95rem; }
.mark.verified { color: #1b7a1b; } .mark.failed { color: #b01c1c; font-weight: bold; } .mark.unchecked { color: #777; }
.check, .failure { margin: 0.3rem 0; } .identity { font-size: 0.92rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
th, td { border-top: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #888; } tfoot td { border-top: 2px solid #888; font-weight: bold; }
figure { text-align: center; margin: 1rem 0; } figure img { max-width: 62%; } figure img.drawing { max-width: 90%; }
.note { font-style: italic; color: #444; } code { font-size: 0.9em; }
"""

_UNKNOWN = re.compile(r"<m[ion][^>]*>\\[^<]*</m[ion]>|<mi>&</mi>")
# Delimiters the converter reads only bare, not after \bigl: written as the plain ones it always reads.
_DOUBLE_BAR = "\u2016"
_DELIMITERS = {
    r"\|": _DOUBLE_BAR,
    r"\lVert": _DOUBLE_BAR,
    r"\rVert": _DOUBLE_BAR,
    r"\Vert": _DOUBLE_BAR,
    r"\lvert": "|",
    r"\rvert": "|",
}
_DELIMITER = re.compile(r"\\(?:[lr]?Vert|[lr]vert)(?![A-Za-z])|\\\|")
# SymPy writes \mathopen{} \left( ... \mathclose{} \right) (spacing hints for TeX); the converter
# turns an empty \mathopen{} into an <mo> holding an <mrow>, which no browser can lay out.
_SPACING_HINTS = re.compile(r"\\math(?:open|close)\{\}")
# SymPy names an applied sigma' function \operatorname{{\sigma}'}: the converter cannot read a command there.
_OPERATOR_COMMAND = re.compile(r"\\operatorname\{(\{?\\[A-Za-z]+\}?'*)\}")
_TOKENS = {"mi", "mn", "mo", "mtext", "ms"}


def _well_formed(mathml: str) -> bool:
    """True when ``mathml`` parses as XML and no token element (mi, mo, ...) holds an element."""
    import xml.etree.ElementTree as ElementTree

    try:
        tree = ElementTree.fromstring(mathml)
    except ElementTree.ParseError:
        return False
    for element in tree.iter():
        if element.tag.rpartition("}")[2] in _TOKENS and len(element):
            return False
    return True


def math_ml(latex: str, display: bool = False) -> str:
    r"""``latex`` (math, no delimiters) as a MathML ``<math>`` element, or an ``<merror>`` showing its source.

    Examples:
        >>> "<mfrac>" in math_ml(r"\frac{1}{2}")
        True
        >>> "<merror>" in math_ml(r"\notacommand{x}")
        True
    """
    from latex2mathml.converter import convert  # pure Python; loaded only when a page is written

    mode = "block" if display else "inline"
    try:
        readable = _OPERATOR_COMMAND.sub(r"{\1}", _SPACING_HINTS.sub("", latex))
        readable = _DELIMITER.sub(lambda m: _DELIMITERS[m[0]], readable)
        converted = convert(readable, display=mode)
    except Exception:  # the converter's own errors are many types; any of them means "not understood"
        converted = ""
    if not converted or _UNKNOWN.search(converted) or not _well_formed(converted):
        source = html.escape(latex)
        return f'<math display="{mode}"><merror><mtext>cannot show this formula: {source}</mtext></merror></math>'
    return converted


def _columns(line: str) -> list[str]:
    """``line`` split at its top-level ``&`` (not inside braces or a matrix environment)."""
    cells, depth, start, i = [], 0, 0, 0
    while i < len(line):
        if line.startswith(r"\begin{", i):
            depth += 1
        elif line.startswith(r"\end{", i):
            depth -= 1
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "&" and depth == 0:
            cells.append(line[start:i])
            start = i + 1
        i += 1
    return [*cells, line[start:]]


def aligned(lines: Sequence[str]) -> str:
    r"""Lines aligned at ``&`` as an HTML table of MathML cells (the converter's ``aligned`` breaks on nested matrices).

    Examples:
        >>> aligned([r"a &= b", r"&= \begin{bmatrix} 1 & 2 \end{bmatrix}"]).count("<math")
        3
    """
    rows = []
    for line in lines:
        cells = [cell.strip() for cell in _columns(line)]
        tds = []
        for i, cell in enumerate(cells):
            side = "left" if i % 2 else "right"
            tds.append(f'<td class="{side}">{math_ml(cell) if cell else ""}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table class="align">\n' + "\n".join(rows) + "\n</table>"


def _mark(status: str) -> str:
    return f'<span class="mark {status}" title="{_TITLES[status]}">{_MARKS[status]}</span>'


def _nodes(nodes: Sequence[Node]) -> str:
    out: list[str] = []
    for node in nodes:
        kind = node[0]
        if kind == "text":
            out.append(html.escape(node[1]))
        elif kind == "math":
            out.append(math_ml(node[1]))
        elif kind == "display":
            out.append(math_ml(node[1], display=True))
        elif kind == "emph":
            out.append(f"<em>{_nodes(node[1])}</em>")
        elif kind == "bold":
            out.append(f"<strong>{_nodes(node[1])}</strong>")
        elif kind == "code":
            out.append(f"<code>{_nodes(node[1])}</code>")
        elif kind == "mark":
            out.append(_mark(node[1]))
        elif kind == "list":
            out.append("<ul>" + "".join(f"<li>{_nodes(item)}</li>" for item in node[1]) + "</ul>")
        elif kind == "break":
            out.append("<br>")
    return "".join(out)


def text(latex_text: str) -> str:
    """LaTeX text as HTML (inline math as MathML)."""
    return _nodes(parse(latex_text))


def _plain(words: str) -> str:
    return html.escape(words)


def _drawing(block: Drawing) -> str:
    """A TikZ drawing as an embedded SVG (drawn by TeX now), or its description where TeX is missing."""
    from symnn.document.pdf import drawing_svg

    svg = drawing_svg(block.tikz)
    if svg is None:
        return f"<figure><figcaption>{text(block.description)} {text(block.caption)}</figcaption></figure>"
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = html.escape(plain_text(block.description), quote=True)
    return (
        f'<figure><img class="drawing" alt="{alt}" src="data:image/svg+xml;base64,{data}">'
        f"<figcaption>{text(block.caption)}</figcaption></figure>"
    )


def render_html(judged: Judged, base: Path | None = None) -> str:
    """The complete HTML page of ``judged``; figures are read from ``base`` (default: the document's)."""
    writer = _Writer(judged, base if base is not None else judged.document.base)
    return writer.page()


class _Writer:
    def __init__(self, judged: Judged, base: Path | None) -> None:
        self.judged = judged
        self.base = base or Path(".")
        self.numbered: list[tuple[int, ClaimResult]] = []

    def _number(self, results: Sequence[ClaimResult]) -> list[tuple[int, ClaimResult]]:
        taken = list(enumerate(results, start=len(self.numbered) + 1))
        self.numbered.extend(taken)
        return taken

    def page(self) -> str:
        doc = self.judged.document
        pairs = iter(self.judged.per_block())
        parts = [f"<h1>{_plain(doc.title)}</h1>"]
        parts += [self._block(*next(pairs)) for _ in doc.front]
        for number, section in enumerate(doc.sections, start=1):
            title = text(section.title)
            heading = f"{number}. {title}" if section.numbered else title
            parts.append(f"<section>\n<h2>{heading}</h2>")
            parts += [self._block(*next(pairs)) for _ in section.blocks]
            parts.append("</section>")
        parts += [self._block(*pair) for pair in pairs]
        body = "\n".join(parts)
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_plain(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
            f"{body}\n</main>\n</body>\n</html>\n"
        )

    def _block(self, block: Block, results: tuple[ClaimResult, ...]) -> str:
        if isinstance(block, Prose):
            return f"<p>{_mark(block.mark) + ' ' if block.mark else ''}{text(block.text)}</p>"
        if isinstance(block, Math):
            if block.aligned:
                return aligned(block.lines)
            return math_ml(block.lines[0], display=True)
        if isinstance(block, Step):
            return self._step(block, results)
        if isinstance(block, Check):
            return self._check(block, results)
        if isinstance(block, Code):
            return f"<p>{text(block.caption)}</p>\n{math_ml(block.latex, display=True)}"
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, Drawing):
            return _drawing(block)
        if isinstance(block, Figure):
            return self._figure(block)
        if isinstance(block, Note):
            return f'<p class="note">Left out: {text(block.text)}</p>'
        if isinstance(block, Items):
            return "<ul>\n" + "\n".join(f"<li>{text(item)}</li>" for item in block.items) + "\n</ul>"
        if isinstance(block, Tally):
            return f"<p>{text(block.lead)}{_plain(tally_text(self.judged, block.counting))}{text(block.tail)}</p>"
        assert isinstance(block, Summary)
        return self._summary(block)

    def _step(self, step: Step, step_results: tuple[ClaimResult, ...]) -> str:
        results = self._number(step_results)
        sides = list(step.sides)
        if step.approx:
            sides[-1] += rf" \approx {step.approx}"
        relations = [step.relation] + ["="] * (len(sides) - 1)
        if len(step.lhs) + sum(len(side) for side in sides) <= LINE:
            latex = step.lhs + " " + " ".join(f"{r} {s}" for r, s in zip(relations, sides, strict=True))
            shown = math_ml(latex, display=True)
        else:
            lines = [f"{step.lhs} &{relations[0]} {sides[0]}"]
            lines += [f"&{r} {s}" for r, s in zip(relations[1:], sides[1:], strict=True)]
            shown = aligned(lines)
        tag = " ".join(f"{_mark(r.status)} ({n})" for n, r in results)
        parts = [f'<div class="step">{shown}<span class="tag">{tag}</span></div>']
        for number, result in results:
            if not result.ok:
                parts.append(
                    f'<p class="failure">{_mark(result.status)} <strong>({number})</strong> the source printed '
                    f"{math_ml(printed_latex(result))}; the exact value is {math_ml(exact_latex(result))} "
                    f"({_plain(result.reason)}).</p>"
                )
        return "\n".join(parts)

    def _check(self, block: Check, results: tuple[ClaimResult, ...]) -> str:
        if not block.numbered:
            result = identity_result(results)
            line = f"{_mark(result.status)} symnn checked {math_ml(block.statement)}: {_plain(block.how)}"
            if result.status != "verified":
                line += f" — {result.status.upper()}: {_plain(result.reason)}"
            return f'<p class="check identity">{line}.</p>'
        parts = [math_ml(block.shown, display=True)] if block.shown else []
        for number, result in self._number(results):
            parts.append(
                f'<p class="check">{_mark(result.status)} <strong>({number})</strong> '
                f"{math_ml(result.claim.statement)} — {_plain(result.method)}: {_plain(result.reason)}.</p>"
            )
        return "\n".join(parts)

    def _cell(self, cell: Cell, tag: str = "td") -> str:
        if isinstance(cell, Mark):
            inner = _mark(cell.status)
        elif isinstance(cell, Link):
            below = f"<br><code>{_plain(cell.below)}</code>" if cell.below else ""
            inner = f'<a href="{html.escape(cell.stem, quote=True)}.html">{text(cell.text)}</a>{below}'
        else:
            inner = text(cell)
        return f"<{tag}>{inner}</{tag}>"

    def _table(self, block: Table) -> str:
        head = "<tr>" + "".join(self._cell(c, "th") for c in block.header) + "</tr>"
        rows = "\n".join("<tr>" + "".join(self._cell(c) for c in row) + "</tr>" for row in block.rows)
        foot = "".join("<tr>" + "".join(self._cell(c) for c in row) + "</tr>" for row in block.footer)
        return (
            f"<table>\n<thead>{head}</thead>\n<tbody>\n{rows}\n</tbody>"
            + (f"\n<tfoot>{foot}</tfoot>" if foot else "")
            + "\n</table>"
        )

    def _figure(self, figure: Figure) -> str:
        raster = figure.raster or str(Path(figure.path).with_suffix(".png"))
        path = self.base / raster
        if not path.is_file():
            return f'<p class="note">{text(figure.missing or "Figure " + figure.path + " not found.")}</p>'
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return (
            f'<figure><img alt="{html.escape(Path(raster).name, quote=True)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{text(figure.caption)}</figcaption></figure>"
        )

    def _summary(self, block: Summary) -> str:
        rows = []
        for number, result in self.numbered:
            rows.append(
                f"<tr><td>{number}</td><td>{_plain(result.claim.where)}</td>"
                f"<td>{math_ml(result.claim.statement)}</td>"
                f"<td>{math_ml(exact_latex(result, table=True))} ({_plain(result.method)})</td>"
                f"<td>{_mark(result.status)}</td></tr>"
            )
        return (
            f"<section>\n<h2>{_plain(block.title)}</h2>\n<table>\n<thead><tr><th>#</th><th>Where</th>"
            "<th>Claim as printed</th><th>Exact value (how judged)</th><th></th></tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody>\n</table>\n</section>"
        )
