r"""From a formula to its statements, and from a statement to a chain of ``=`` / ``\approx`` links.

A formula is split into statements at ``\quad``, top-level ``,`` / ``;`` and the rows of an
environment (``align``, ``aligned``, ``gather``, ``eqnarray``, with or without ``$$``); prose
written inside it (``\text{ and }``) separates statements too, but only when it reads as
prose: ``\text{sgn}(x)`` is a function, never dropped. A row that starts with ``=`` (an
``align`` continuation ``&= 6``) continues the chain of the row above it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from symnn.notes.blocks import Formula
from symnn.notes.parser import Matrix, Node, ParseError, Token, parse_tokens, split_top, tokenize
from symnn.notes.tokens import CONDITION, PROSE_WORDS, SIZES, UPRIGHT, after_group, nesting, script_end

__all__ = [
    "CONDITION", "OTHER_RELATIONS", "RELATIONS", "Chain", "Element", "chain_of", "chains", "element", "statements"
]

RELATIONS = {"=": "=", r"\approx": r"\approx", r"\simeq": r"\approx", r"\doteq": r"\approx"}
#: Order relations: a chain of equalities may end in one (``(Ax)^T(Ax) = \|Ax\|^2 \geq 0``).
ORDERS = frozenset(r"< > \le \leq \ge \geq \lt \gt \leqslant \geqslant \ll \gg".split())
#: Relations outside the checked subset: a statement holding one is reported unchecked.
OTHER_RELATIONS = {
    *r"\neq \ne < > \le \leq \ge \geq \to \rightarrow \mapsto \in : \equiv \sim \propto \Rightarrow \implies".split(),
    *r"\iff \subset \Leftrightarrow \longrightarrow \ll \gg \lt \gt \leqslant \geqslant \leftarrow \gets".split(),
}
#: Words that make what stands before them hold in one case only: ``f(z) = 1 \text{ if } z \geq 0``.
CONDITION_WORDS = frozenset({"if", "when", "whenever", "unless", "otherwise", "else", "iff"})
OTHER_RELATIONS.add(CONDITION)
#: Definition signs: read as ``=`` at the head of a statement (``a := 3``, ``\delta_4 \equiv \partial L /
#: \partial u_4`` define a and δ_4; ``w \leftarrow w - \eta g`` is an update), nowhere else.
DEFINES = {r"\coloneqq", ":=", r"\triangleq", r"\equiv", r"\leftarrow", r"\gets"}
#: "A, so B" signs between statements: ``f(x) = 1/x \Rightarrow f'(x) = -1/x^2`` is two statements.
_CONSEQUENCES = {
    *r"\Rightarrow \implies \rightarrow \Longrightarrow \longrightarrow \therefore \because".split(),
    "=>",
}
_ALIGNED = {"align", "alignat", "flalign", "aligned", "alignedat", "split"}
_ENVIRONMENT = re.compile(
    r"\s*(?:(?:\\require|\\tag\*?|\\label)\{[^}]*\}\s*)*"  # \require{cancel}, \tag{B1}\label{B1} before it
    rf"(?:\\(?:{SIZES}|displaystyle)\s*)?"  # \Large \begin{array}…
    r"\\begin\{(?P<env>(?:align|aligned|alignat|alignedat|flalign|split|gather|gathered|eqnarray|equation|"
    r"multline|displaymath|array)\*?)\}(?:\{\d+\}|\{[lcr|\s]+\})?(?P<body>.*)\\end\{(?P=env)\}"
    r"(?:\s*(?:\\tag\*?\{[^}]*\}|\\label\{[^}]*\}|\\nonumber|[.,]))*\s*",  # \tag{4}\label{eq:x} after the end
    re.DOTALL,
)
#: Longest text of one side shown in a report.
MAX_TEXT = 300
_OPEN = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}


@dataclass(frozen=True)
class Element:
    """One side of a link: its tokens, source text, line, and parse (or the reason it failed)."""

    tokens: tuple[Token, ...]
    text: str
    line: int
    node: Node | None
    error: str
    cell_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chain:
    """A statement ``e0 op0 e1 op1 e2 ...``; ``e0`` is None when the statement starts with ``=``."""

    elements: tuple[Element | None, ...]
    ops: tuple[str, ...]
    other_relation: str
    #: ``= \|Ax\|^2 \geq 0``: an order relation after the last element, where the chain of equalities stops
    order: str = ""


def _prose_text(tokens: list[Token], start: int) -> tuple[int, bool]:
    """The index after the ``\\text{...}`` group at ``start``, and whether its words are prose."""
    level, index = 0, start + 1
    words: list[str] = []
    while index < len(tokens):
        level += {"{": 1, "}": -1}.get(tokens[index].text, 0)
        if tokens[index].kind == "letter":
            words.append(tokens[index].text)
        index += 1
        if level == 0:
            break
    word = "".join(words).lower()
    spaced = len(tokens) > start + 2 and tokens[start + 2].pos > tokens[start + 1].pos + 1
    following = tokens[index].text if index < len(tokens) else ""
    prose = (spaced or word in PROSE_WORDS or not words) and following not in ("(", "_", "^", "{")
    return index, prose


def _without_prose(tokens: list[Token]) -> list[Token]:
    r"""Replace each top-level ``\text{ and }`` that reads as prose by a statement separator.

    A ``\text{...}`` that is neither prose nor a name (``\text{sgn }(x)``) stays, for its
    statement alone to be reported.
    """
    out: list[Token] = []
    index, depth = 0, 0
    while index < len(tokens):
        token = tokens[index]
        if token.text == "{" and not depth and index + 1 < len(tokens) and tokens[index + 1].text == r"\rm":
            end = after_group(tokens, index)  # {\rm if}: the old form of \text{if}
            words = "".join(t.text for t in tokens[index + 2 : end - 1] if t.kind == "letter").lower()
            if words in PROSE_WORDS:
                out.append(Token("quad", r"\quad", token.pos))
                index = end
                continue
        if token.text in UPRIGHT and not depth and index + 1 < len(tokens) and tokens[index + 1].text == "{":
            end, prose = _prose_text(tokens, index)
            words = "".join(t.text for t in tokens[index:end] if t.kind == "letter").lower()
            heading = _case_heading(tokens, end) if words == "if" and (not out or out[-1].text == "\\\\") else None
            if heading is not None:
                # \text{if} \; i = j :& \frac{\partial y_i}{\partial z_i} = …: the case the row after it is about
                out.extend([*tokens[end : heading - 1], Token("quad", r"\quad", tokens[heading - 1].pos)])
                index = heading
                continue
            if prose and words in CONDITION_WORDS:
                out.append(Token("relation", CONDITION, token.pos))  # f(z) = 1 \text{ if } z \geq 0: one case
                index = end
                continue
            if not prose:
                out.extend(tokens[index:end])  # \text{sgn}(x): left to the statement, which says why
                index = end
                continue
            out.append(Token("quad", r"\quad", token.pos))
            index = end
            continue
        depth += _OPEN.get(token.text, 0)
        out.append(token)
        index += 1
    return out


def _case_heading(tokens: list[Token], start: int) -> int | None:
    r"""The index after ``i = j :`` or ``i \neq j:`` at ``start`` (after spaces such as ``\;``): a case of two
    indices that heads a row, then its colon; or None."""
    index = start
    while index < len(tokens) and tokens[index].kind == "quad":
        index += 1
    texts = [t.text for t in tokens[index : index + 4]]
    kinds = [t.kind for t in tokens[index : index + 4]]
    if len(texts) < 4 or kinds[0] != "letter" or kinds[2] != "letter" or texts[3] != ":":
        return None
    if texts[1] not in ("=", r"\neq", r"\ne") or texts[0] == texts[2]:
        return None
    return index + 4


def _body(formula: Formula) -> tuple[str, int, str]:
    """The text inside an environment wrapper, its offset in the formula, and the environment."""
    match = _ENVIRONMENT.fullmatch(formula.text)
    if match is not None:
        return match["body"], match.start("body"), match["env"].rstrip("*")
    return formula.text, 0, formula.environment


#: ``σ'(x) = σ(x)(1 - σ(x)) \ -(11)``: an equation's number, set off by a space at the end of its row.
_EQUATION_NUMBER = re.compile(r"\\ \s*[-–]?\s*\(\d+\)\s*(?=\\\\|$)", re.MULTILINE)


def statements(formula: Formula) -> list[list[Token]]:
    r"""The statements of a formula: split at ``\quad``, ``\qquad``, top-level ``,`` and ``\\``.

    Trailing punctuation is dropped; ``&`` of an ``align`` pairs ``left &= right`` columns.

    Examples:
        >>> from symnn.notes.extract import extract
        >>> f = extract(r"$a = 1,\quad b = 2.$")[0]
        >>> [[t.text for t in s] for s in statements(f)]
        [['a', '=', '1'], ['b', '=', '2']]
    """
    text, start, environment = _body(formula)
    text = _EQUATION_NUMBER.sub(lambda m: " " * len(m.group()), text)
    labelled: list[list[Token]] = []
    tokens = _definition_signs(_without_prose(_without_marks(tokenize(text, start), labelled)))
    _refuse_lookalikes(tokens)
    result = []
    for row in split_top(tokens, {r"\\"}):
        cells = split_top(row, {"&"})
        if environment in _ALIGNED and len(cells) > 2:
            # align: columns pair up as "left &= right", and each pair is an equation of its own
            groups = [[t for cell in cells[i : i + 2] for t in cell] for i in range(0, len(cells), 2)]
        else:
            groups = [[t for cell in cells for t in cell]]
        for group in groups:
            for part in split_top(group, {r"\quad", r"\qquad", ",", ";", *_CONSEQUENCES}):
                while part and part[-1].text in (".", ",", ";"):
                    part = part[:-1]
                if part:
                    result.append(part)
    return result + labelled  # (each brace's statement after the formula's own, in the scope they make)


def _definition_signs(tokens: list[Token]) -> list[Token]:
    """``:`` directly followed by ``=`` is one token, the definition sign ``:=``; ``=>`` is one too, an implication."""
    out: list[Token] = []
    for token in tokens:
        if token.text == "=" and out and out[-1].text == ":" and out[-1].end == token.pos:
            out[-1] = Token("sym", ":=", out[-1].pos)
        elif token.text == ">" and out and out[-1].text == "=" and out[-1].end == token.pos:
            out[-1] = Token("sym", "=>", out[-1].pos)
        else:
            out.append(token)
    return out


#: Marks that number, label or size a formula and say nothing about it.
_MARKS_WITH_ARGUMENT = {r"\require", r"\tag", r"\tag*", r"\label", r"\eqref", r"\ref", r"\color"}
#: Commands that only decorate the group after them: ``\boxed{x = 2}``, ``\cancel{a}``.
_TRANSPARENT = {
    r"\boxed",
    r"\cancel",
    r"\bcancel",
    r"\xcancel",
    r"\underbrace",
    r"\overbrace",
    r"\underset",
    r"\overset",
}
_MARKS = {
    *r"\nonumber \notag \Large \large \LARGE \huge \Huge \small \normalsize \footnotesize \scriptsize".split(),
    *r"\tiny \displaystyle \textstyle \scriptstyle \hfill \qedhere".split(),
}


def _boxed_row(tokens: list[Token], index: int) -> tuple[list[Token], int] | None:
    r"""``\boxed{0.090}\boxed{-0.775}\boxed{0.665}`` from ``index``: two boxes or more side by side, each holding no
    relation, are the entries of a row vector; its tokens as ``\begin{bmatrix} … & … \end{bmatrix}``, and the index
    after the last box. None otherwise."""
    entries, end = [], index
    while end + 1 < len(tokens) and tokens[end].text == r"\boxed" and tokens[end + 1].text == "{":
        close = after_group(tokens, end + 1)
        inside = tokens[end + 2 : close - 1]
        if not inside or any(t.text in RELATIONS or t.text in OTHER_RELATIONS for t in inside):
            return None
        entries.append(inside)
        end = close
    if len(entries) < 2:
        return None
    at = tokens[index].pos
    row = tokenize(r"\begin{bmatrix}", at)
    for number, entry in enumerate(entries):
        row += ([Token("sym", "&", entry[0].pos)] if number else []) + entry
    return row + tokenize(r"\end{bmatrix}", tokens[end - 1].pos), end


def _without_marks(tokens: list[Token], labelled: list[list[Token]] | None = None) -> list[Token]:
    r"""``tokens`` without ``\tag{1}``, ``\label{eq:x}``, ``\nonumber``, ``\Large``, ``\color{red}``; the
    statements that braces with a label in maths make (``\underbrace{\frac{\partial E}{\partial y_i}}_{-e_i}``:
    ``\frac{\partial E}{\partial y_i} = -e_i``) go to ``labelled``."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.text in _MARKS:
            index += 1
            continue
        if token.text in (r"\underset", r"\overset") and index + 1 < len(tokens) and tokens[index + 1].text == "{":
            index = after_group(tokens, index + 1)  # \underset{label}{x}: the label goes, x stays
            continue
        row = _boxed_row(tokens, index)
        if row is not None:  # o = \boxed{2}\boxed{3}\boxed{4}: a vector drawn as a row of boxes
            out.extend(row[0])
            index = row[1]
            continue
        if token.text == r"\boxed" and index + 1 < len(tokens) and tokens[index + 1].text == "{":
            end = after_group(tokens, index + 1)
            out.extend(tokens[index + 2 : end - 1])  # \boxed{x = 2}: the relation inside is the statement
            index = end
            continue
        if token.text in _TRANSPARENT and index + 1 < len(tokens) and tokens[index + 1].text == "{":
            end = after_group(tokens, index + 1)
            if end - 1 > index + 2 and tokens[index + 2].text in ("+", "-"):
                out.extend(tokens[index + 2 : end - 1])  # y \cancel{- y h}: a term struck out, still added
                index = end
                continue
        if token.text in _TRANSPARENT:
            if (
                token.text in (r"\underbrace", r"\overbrace")
                and index + 1 < len(tokens)
                and tokens[index + 1].text == "{"
            ):
                end = after_group(tokens, index + 1)
                braced = tokens[index + 1 : end]
                out.extend(braced)  # \underbrace{x}_{label}: x stays, the label goes
                if end + 1 < len(tokens) and tokens[end].text in ("_", "^"):
                    label_end = script_end(tokens, end + 1) or end + 1
                    label = tokens[end + 1 : label_end]
                    label = label[1:-1] if label and label[0].text == "{" else label
                    said = _label_statement(braced[1:-1], label, tokens[end])
                    if said is not None and labelled is not None:
                        labelled.append(said)
                    end = label_end
                index = end
                continue
            index += 1
            continue
        if token.text in _MARKS_WITH_ARGUMENT and index + 1 < len(tokens) and tokens[index + 1].text == "{":
            index = after_group(tokens, index + 1)
            continue
        out.append(token)
        index += 1
    return out


#: Commands of words: a label holding one (``_\text{trick!}``) names a term, it does not state its value.
_WORDS = {r"\text", r"\textrm", r"\textit", r"\textbf", r"\mbox", r"\mathrm", r"\operatorname"}


def _label_statement(braced: list[Token], label: list[Token], mark: Token) -> list[Token] | None:
    r"""``\underbrace{x}_{y}`` states ``x = y`` when the label is maths: not words, no relation of its own
    beyond a leading ``=`` (``_{= 0}``), nor a brace inside the braced part (nested labels are not read)."""
    if label and label[0].text in ("=", r"\approx"):
        relation, label = label[0], label[1:]
    else:
        relation = Token("sym", "=", mark.pos)
    if not braced or not label or any(t.text in _WORDS or (t.kind == "letter" and len(t.text) > 3) for t in label):
        return None
    if any(t.text in RELATIONS or t.text in OTHER_RELATIONS or t.text in _TRANSPARENT for t in braced + label):
        return None
    if [t.text for t in label] == ["e"] and relation.text == "=":
        return [*label, relation, *braced]  # 2x \underbrace{(y - t)}_{e}: e names the error (e = y - t), not Euler's e
    return [*braced, relation, *label]


def _refuse_lookalikes(tokens: list[Token]) -> None:
    """Refuse ``0,5`` (a decimal comma would split into two statements) and ``a != b``."""
    depth = 0
    for before, token, after in zip(tokens, tokens[1:], tokens[2:], strict=False):
        depth += _OPEN.get(before.text, 0)
        adjacent = before.pos + len(before.text) == token.pos and token.pos + len(token.text) == after.pos
        if depth == 0 and adjacent and token.text == "," and before.kind == after.kind == "num":
            raise ParseError(f"{before.text},{after.text} looks like a decimal comma")
    for token, after in itertools.pairwise(tokens):
        if token.text == "!" and after.text == "=" and token.pos + 1 == after.pos:
            raise ParseError("!= is not a relation symnn checks")


def chain_of(tokens: list[Token], formula: Formula) -> Chain | None:
    """The chain of a statement, or None when it holds no ``=`` or ``\\approx``."""
    ops: list[str] = []
    parts: list[list[Token]] = [[]]
    other = ""
    for token, outside in nesting(tokens):
        if outside and (token.text in RELATIONS or (token.text in DEFINES and not ops and parts[-1])):
            ops.append(RELATIONS.get(token.text, "="))  # a := b at the head: the definition a = b
            parts.append([])
            continue
        if outside and token.text in DEFINES:
            other = other or token.text  # a = b := c: a definition sign inside a chain
            parts[-1].append(token)
            continue
        if outside and token.text in ORDERS and ops and parts[-1] and not other:
            return Chain(tuple(element(part, formula) for part in parts), tuple(ops), "", token.text)
        if outside and token.text in OTHER_RELATIONS:
            other = other or token.text
        parts[-1].append(token)
    if not ops:
        return None
    return Chain(tuple(element(part, formula) for part in parts), tuple(ops), other)


def chains(formula: Formula) -> list[tuple[list[Token], Chain | None]]:
    """The statements of ``formula`` with their chains; a row starting with ``=`` joins the chain above."""
    result: list[tuple[list[Token], Chain | None]] = []
    for part in statements(formula):
        chain = chain_of(part, formula)
        if chain is not None and chain.elements[0] is None and result and formula.display:
            previous_tokens, previous = result[-1]
            if previous is not None and previous.elements[-1] is not None and not previous.other_relation:
                joined = Chain(
                    previous.elements + chain.elements[1:],
                    previous.ops + chain.ops,
                    chain.other_relation,
                )
                result[-1] = (previous_tokens + part, joined)
                continue
        result.append((part, chain))
    return result


def element(tokens: list[Token], formula: Formula) -> Element | None:
    """One side of a link, parsed, with its text and line."""
    if not tokens:
        return None
    start, last = tokens[0].pos, tokens[-1]
    text = " ".join(formula.text[start : last.end].split())
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT] + "…"
    try:
        node, error = parse_tokens(list(tokens)), ""
    except ParseError as problem:
        node, error = None, str(problem)
    cells: tuple[int, ...] = ()
    if isinstance(node, Matrix) and node.positions:
        cells = tuple(formula.line_at(pos) for pos in node.positions)
    return Element(tuple(tokens), text, formula.line_at(start), node, error, cells)
