r"""A small, exact, safe parser from the LaTeX mathematics of course notes to a syntax tree.

Hand-written recursive descent over a token list: nothing is ``eval``-ed, no text is
given to ``sympify``, and ``sympy.parsing.latex`` is not used (its ANTLR backend reads
``5\sqrt2`` as 5 and its Lark backend makes ``1.01`` a float). Decimals become
:class:`sympy.Rational` (``1.01`` is ``101/100``). Whatever the grammar does not fully
understand raises :class:`ParseError` with a reason, so the claim is reported unchecked
rather than guessed.

The grammar (TeX's own rules where they matter):

- ``2x``, ``3xy``, ``4y^2``, ``5\sqrt2``: implicit products of single-letter names;
  a factor that starts with a digit after another factor (``x 2``) is refused;
- ``\sqrt2``, ``\frac12``: an undelimited argument is one TeX token, so ``\sqrt68``
  is :math:`\sqrt6\cdot 8` and is refused as ambiguous;
- ``(a, b)``, ``[a, b]``, ``bmatrix``/``pmatrix`` are vectors and matrices;
- ``f(x)``, ``f'(x)``, ``\nabla f(1,1)``, ``\frac{\partial f}{\partial x}``, ``J(\mathbf{x})``,
  ``\|v\|``, ``\Big|_{(1,1)}`` are kept as nodes whose meaning depends on the document's
  definitions (see :mod:`symnn.notes.evaluate`).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import cast

import sympy as sp

from symnn.notes.commands import CommandRules
from symnn.notes.names import NameRules, base_name
from symnn.notes.sums import free_indices
from symnn.notes.syntax import (
    Call,
    Derivative,
    DiffOp,
    EvalAt,
    Func,
    Matrix,
    Nabla,
    Name,
    Neg,
    Node,
    Num,
    Op,
    Pow,
    Summation,
    Transpose,
    Wrap,
    rebuilt,
    walk,
)
from symnn.notes.tokens import (
    DECORATIONS,
    ELLIPSES,
    FRACTIONS,
    FUNCTIONS,
    GREEK,
    MAX_DEPTH,
    MAX_DIGITS,
    PRODUCTS,
    TRANSPOSES,
    ParseError,
    Token,
    counted_places,
    split_top,
    tokenize,
)

__all__ = [
    "Call",
    "Derivative",
    "DiffOp",
    "EvalAt",
    "Func",
    "Matrix",
    "Nabla",
    "Name",
    "Neg",
    "Node",
    "Num",
    "Op",
    "ParseError",
    "Pow",
    "Token",
    "Transpose",
    "Wrap",
    "parse",
    "parse_tokens",
    "split_top",
    "tokenize",
]

# ---------------------------------------------------------------- parser


class _Parser(NameRules, CommandRules):
    """Recursive descent over a token list; one instance per expression."""

    def sub(self, tokens: list[Token]) -> _Parser:
        return _Parser(tokens)

    def parse_group(self, tokens: list[Token], depth: int) -> Node:
        return parse_tokens(tokens, depth)

    def parse_all(self) -> Node:
        if not self.tokens:
            raise ParseError("empty expression")
        node = self.expression()
        leftover = self.peek()
        if leftover is not None:
            raise ParseError(f"unexpected {leftover.text!r}")
        return node

    def expression(self) -> Node:
        self.nested()
        node = self.unary_term()
        while self.at("+", "-"):
            op = self.next().text
            node = Op(op, node, self.term())
        self.depth -= 1
        return node

    def unary_term(self) -> Node:
        if self.at("-"):
            self.next()
            return Neg(self.term())
        if self.at("+"):
            self.next()
        return self.term()

    def term(self) -> Node:
        node = self.unary()
        after_division = False
        while True:
            token = self.peek()
            if token is None:
                break
            if token.text in PRODUCTS:
                self.next()
                right = self.unary()
                if token.text == r"\circ" and _function_letter(node) and _function_letter(right):
                    raise ParseError("\\circ between function names (a composition?) is not checked")
                node = Op(PRODUCTS[token.text], node, right)
            elif token.text in ("/", r"\div"):
                self.next()
                node, after_division = Op("/", node, self.unary()), True
            elif self.starts_factor(token):
                if after_division:
                    raise ParseError("a product after '/' is ambiguous; use \\frac")
                if token.kind == "num":
                    raise ParseError(f"a number right after a factor ({token.text}) is ambiguous; write \\cdot")
                node = Op("implicit", node, self.power())
            else:
                break
        return node

    def unary(self) -> Node:
        if self.at("-"):
            self.next()
            return Neg(self.unary())
        if self.at("+"):
            self.next()
            return self.unary()
        return self.power()

    def starts_factor(self, token: Token) -> bool:
        if token.kind == "norm":
            return not self.in_norm  # inside \|...\| the next \| closes
        if token.kind in ("letter", "num"):
            return True
        if token.text in ("(", "[", "{"):
            return True
        if token.kind == "cmd":
            name = token.text[1:]
            return (
                name in GREEK
                or name in FUNCTIONS
                or name in DECORATIONS
                or token.text in FRACTIONS
                or name in ("sqrt", "nabla", "begin", "pi", "lVert", "Vert", "sum", "prod")
            )
        return False

    def power(self) -> Node:
        base = self.postfix(self.primary())
        if self.at("^"):
            self.next()
            if self.at("{") and self.ahead(1, *TRANSPOSES):
                self.next()
                self.transpose_mark()
                self.expect("}")
                base = _transposed(base)
            elif self.at(*TRANSPOSES):
                self.transpose_mark()
                base = _transposed(base)
            else:
                base = Pow(base, self.argument())
            if self.at("^"):
                raise ParseError("double superscript")
            base = self.postfix(base)
        return base

    def transpose_mark(self) -> None:
        token = self.next()
        if token.text == r"\mathsf":
            self.expect("{")
            self.expect("T")
            self.expect("}")

    def postfix(self, node: Node) -> Node:
        while True:
            if self.at("!"):
                self.next()
                if self.at("!"):
                    raise ParseError("!! (a double factorial?) is not supported")
                node = Func("factorial", (node,))
            elif self.at("|") and self.ahead(1, "_"):
                self.next()
                self.next()
                node = self.evaluation_bar(node)
            elif self.at("'") and isinstance(node, Wrap):
                self.next()
                node = _primed(node)
            else:
                return node

    def evaluation_bar(self, node: Node) -> Node:
        r"""``expr\Big|_{(1,1)}``, ``expr|_{x=1}``, ``expr|_{x=1,y=2}``, ``expr|_{(a=0.5)}``."""
        group = self.group_tokens()
        if len(group) > 2 and group[0].text == "(" and group[-1].text == ")" and any(t.text == "=" for t in group):
            group = group[1:-1]  # |_{(a=0.5)}: the pairs in parentheses
        if any(t.text == "=" for t in group):
            names, values = [], []
            for part in split_top(group, {","}):
                sides = split_top(part, {"="})
                if len(sides) != 2:
                    raise ParseError("an evaluation bar needs name=value pairs")
                name = parse_tokens(sides[0])
                if not isinstance(name, Name):
                    raise ParseError("an evaluation bar needs name=value pairs")
                names.append(name.name)
                values.append(parse_tokens(sides[1]))
            return EvalAt(node, tuple(values), tuple(names))
        point = parse_tokens(group)
        if isinstance(point, Matrix) and point.vector:
            return EvalAt(node, tuple(row[0] for row in point.rows), None)
        if isinstance(point, Wrap):
            point = point.operand
        return EvalAt(node, (point,), None)

    def argument(self) -> Node:
        """A TeX macro argument: ``{...}`` or one token (a digit, a letter, a command)."""
        if self.at("{"):
            return parse_tokens(self.group_tokens(), self.depth + 1)
        self.split_first_char()
        token = self.next()
        if token.kind == "num":
            return _number(token.text)
        if token.kind == "letter" or token.text[1:] in GREEK:
            return Name(base_name(token))
        if token.text == r"\pi":
            return Name("pi")
        raise ParseError(f"argument {token.text!r} is not understood")

    def primary(self) -> Node:
        token = self.peek()
        if token is None:
            raise ParseError("the formula ends too early")
        if token.kind == "num":
            self.next()
            if len(token.text) > MAX_DIGITS:
                raise ParseError(f"a number longer than {MAX_DIGITS} digits")
            number = _number(token.text)
            if self.at(*ELLIPSES):
                self.next()
                if self.peek() is not None:
                    raise ParseError("an ellipsis inside an expression: a generic formula")
                return Num(number.value, number.text, truncated=True)
            return number
        if token.kind == "norm":
            self.next()
            outer, self.in_norm = self.in_norm, True
            inner = self.expression()
            self.in_norm = outer
            closing = self.next()
            if closing.kind != "norm":
                raise ParseError("a norm \\| is not closed")
            if self.at("_"):  # \|Ax\|_2: the Euclidean norm, which \| \| is; another is not read
                self.next()
                order = self.group_tokens() if self.at("{") else [self.next()]
                if [t.text for t in order] != ["2"]:
                    raise ParseError("a norm other than the Euclidean one (\\|x\\|_2)")
            return Func("norm", (inner,))
        if token.text == "|":
            self.next()
            inner = self.expression()
            self.expect("|")
            return Func("abs", (inner,))
        if token.text in ("(", "["):
            return self.bracketed()
        if token.text == "{":
            return parse_tokens(self.group_tokens(), self.depth + 1)
        if token.kind == "letter":
            return self.name_or_call()
        if token.kind == "cmd":
            return self.command()
        raise ParseError(f"unexpected {token.text!r}")

    def bracketed(self) -> Node:
        opening = self.next().text
        closing = ")" if opening == "(" else "]"
        starts = [self.position()]
        items = [self.expression()]
        while self.at(","):
            self.next()
            starts.append(self.position())
            items.append(self.expression())
        self.expect(closing)
        if len(items) == 1:
            return Wrap(items[0])
        # [a, b] or (a, b): a row on paper, so (a, b)^T is the column
        return Matrix(tuple((item,) for item in items), vector=True, listed=True, positions=tuple(starts))


def _primed(node: Wrap) -> Node:
    r"""``(\frac{1}{1 + e^{-x}})'``: the derivative of the bracket by the one variable in it."""
    names = {n.name for n in walk(node) if isinstance(n, Name) and n.name not in ("e", "pi")}
    if len(names) != 1:
        raise ParseError("a prime on a bracket of more than one variable")
    return DiffOp(node.operand, (names.pop(),))


def _transposed(node: Node) -> Node:
    """``node^T``; ``[1, 0]^T`` is the column vector (1, 0), which is how a list is kept (no longer a list: a
    column read as vectors written as rows are, too)."""
    if isinstance(node, Matrix) and node.listed:
        return dataclasses.replace(node, listed=False)
    return Transpose(node)


def _number(text: str) -> Num:
    return Num(sp.Rational(text), text)


# ---------------------------------------------------------------- entry points


def parse_tokens(tokens: list[Token], depth: int = 0) -> Node:
    """Parse one expression from its tokens."""
    if depth > MAX_DEPTH:
        raise ParseError(f"nested deeper than {MAX_DEPTH} levels")
    parser = _Parser(_ellipsis_sums(tokens))
    parser.depth = depth
    node = parser.parse_all()
    if depth == 0:
        node = _sums_beside_their_index(node)
        node = _sum_over_the_terms_after(node)
        _refuse_a_sum_before_its_index(node)
    return node


def _sum_over_the_terms_after(node: Node) -> Node:
    r"""``\sum_{i=1}^{n} t_i \log(y_i) + (1 - t_i) \log(1 - y_i)``, ``-\frac{1}{m} \sum_i y_i \log h_i + (1 - y_i)
    \log(1 - h_i)``: a sum that starts its formula (up to a sign and factors without indices), followed only by
    terms that use its index, which no other sum binds: the brackets left out, the sum of all of them (a free i
    beside a sum over i would be no formula). Anything else is left to :func:`_refuse_a_sum_before_its_index`."""
    if isinstance(node, Op) and node.op not in ("+", "-"):
        return node
    signed: list[tuple[str, Node]] = []
    rest = node
    while isinstance(rest, Op) and rest.op in ("+", "-"):
        signed.insert(0, (rest.op, rest.right))
        rest = rest.left
    first = rest
    total = _the_sum_in(first)
    if total is None or not signed or total.excluded is not None or total.product or total.stacked:
        return node
    if not all(total.index in free_indices(term) for _, term in signed):
        return node
    body = total.body
    for op, term in signed:
        body = Op(op, body, term)
    return cast(Node, _replaced(first, total, dataclasses.replace(total, body=body)))


def _refuse_a_sum_before_its_index(node: Node) -> None:
    r"""``-\sum_{i=1}^{N} y_i \log(h_i) + (1 - y_i) \log(1 - h_i)``: a term after a sum that uses the sum's
    index, outside it. The notes mean the sum of both terms (brackets left out), or a free i: which, is not
    written, and neither reading is checked."""
    for chain in [n for n in walk(node) if isinstance(n, Op) and n.op in ("+", "-")]:
        terms = _additive_terms(chain)
        for index, term in enumerate(terms):
            total = _the_sum_in(term)
            if total is None or total.excluded is not None:
                continue  # (\sum_{j \neq i} beside t_i: the other index, read above)
            others = terms[:index] + terms[index + 1 :]
            if any(total.index in free_indices(other) for other in others):
                raise ParseError(f"a term after a sum over {total.index} uses {total.index} (brackets left out?)")


def _additive_terms(node: Node) -> list[Node]:
    while isinstance(node, Neg):
        node = node.operand
    if isinstance(node, Op) and node.op in ("+", "-"):
        return [*_additive_terms(node.left), *_additive_terms(node.right)]
    return [node]


def _the_sum_in(term: Node) -> Summation | None:
    r"""The sum ``term`` is, up to a sign and factors without indices (``-\frac{1}{m} \sum_i …``), or None."""
    while True:
        if isinstance(term, Summation):
            return term
        if isinstance(term, Neg):
            term = term.operand
        elif isinstance(term, Op) and term.op in ("implicit", "cdot", "times") and not free_indices(term.left):
            term = term.right
        else:
            return None


#: Names that stand for functions on both sides of ``\circ`` when it composes them: ``f \circ g``.
_FUNCTION_LETTERS = frozenset({"f", "g", "h", "F", "G", "H", "sigma", "phi", "varphi", "psi"})


def _function_letter(node: Node) -> bool:
    return isinstance(node, Name) and node.name in _FUNCTION_LETTERS


def _ellipsis_sums(tokens: list[Token]) -> list[Token]:
    r"""``\exp(x_1) + \exp(x_2) + \dots + \exp(x_n)`` is ``\sum_{k=1}^{n} \exp(x_k)``: two terms that differ only
    in consecutive whole numbers, an ellipsis, and a last term with a letter (or a larger number) in their
    place. Any other ellipsis stays a generic formula, not read."""
    if not any(t.text in ELLIPSES for t in tokens):
        return tokens
    tokens = _inside_brackets(tokens)
    cuts, depth = [-1], 0
    for index, token in enumerate(tokens):
        depth += token.text in ("(", "[", "{")
        depth -= token.text in (")", "]", "}")
        if depth == 0 and token.text in ("+", "-") and index > 0:
            cuts.append(index)
    cuts.append(len(tokens))
    terms = [(tokens[a] if a >= 0 else None, tokens[a + 1 : b]) for a, b in itertools.pairwise(cuts)]
    for at, (sign, term) in enumerate(terms):
        if [t.text for t in term] not in ([e] for e in ELLIPSES) or not 2 <= at < len(terms) - 1:
            continue
        (_, first), (plus2, second), (plus3, last) = terms[at - 2], terms[at - 1], terms[at + 1]
        counted = counted_places(first, second, last)
        if any(p is None or p.text != "+" for p in (plus2, sign, plus3)) or counted is None:
            return tokens
        places, upper = counted
        letters = {t.text for t in tokens if t.kind == "letter"}
        letter = next((k for k in "kjmpqr" if k not in letters), None)
        if letter is None:
            return tokens
        at_pos = first[0].pos
        k = Token("letter", letter, at_pos, 0)
        body = [k if i in places else t for i, t in enumerate(first)]
        total = [
            Token("cmd", r"\sum", at_pos, 0), Token("sym", "_", at_pos, 0), Token("sym", "{", at_pos, 0), k,
            Token("sym", "=", at_pos, 0), first[places[0]], Token("sym", "}", at_pos, 0), Token("sym", "^", at_pos, 0),
            Token("sym", "{", at_pos, 0), upper, Token("sym", "}", at_pos, 0), Token("sym", "(", at_pos, 0), *body,
            Token("sym", ")", at_pos, 0),
        ]
        start = cuts[at - 2] + 1
        end = cuts[at + 2]
        return _ellipsis_sums([*tokens[:start], *total, *tokens[end:]])
    return tokens


def _inside_brackets(tokens: list[Token]) -> list[Token]:
    r"""``tokens`` with :func:`_ellipsis_sums` applied inside each bracketed group (``\left( … \right)``)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.text in ("(", "[", "{"):
            depth, end = 0, index
            for end in range(index, len(tokens)):
                depth += tokens[end].text in ("(", "[", "{")
                depth -= tokens[end].text in (")", "]", "}")
                if depth == 0:
                    break
            if depth == 0 and end > index + 1:
                out += [token, *_ellipsis_sums(tokens[index + 1 : end]), tokens[end]]
                index = end + 1
                continue
        out.append(token)
        index += 1
    return out


def _sums_beside_their_index(node: Node) -> Node:
    r"""``-\frac{t_i}{y_i} … - \sum_{i \ne j} \frac{t_j}{y_j} …``: a sum written over i leaving out j, where i
    stands free outside the sum and j does not, is the sum over j ≠ i the notes mean (summed over i, it
    would use the i of the terms beside it). Any other sum over a ≠ b is read as written."""
    for found in [n for n in walk(node) if isinstance(n, Summation) and n.excluded]:
        outside = free_indices(_replaced(node, found, Name("_")))
        if found.excluded is not None and found.index in outside and found.excluded not in outside:
            swapped = dataclasses.replace(found, index=found.excluded, excluded=found.index)
            node = cast(Node, _replaced(node, found, swapped))
    return node


def _replaced(node: Node, old: Node, new: Node) -> object:
    """``node`` with the subtree ``old`` (the same object) replaced by ``new``."""
    return rebuilt(node, lambda n: new if n is old else None)


def parse(text: str) -> Node:
    r"""Parse one LaTeX expression (no relation) into a syntax tree.

    Examples:
        >>> parse(r"5\sqrt2")  # doctest: +NORMALIZE_WHITESPACE
        Op(op='implicit', left=Num(value=5, text='5', truncated=False),
           right=Func(name='sqrt', args=(Num(value=2, text='2', truncated=False),)))
        >>> parse("1.01").value
        101/100
    """
    return parse_tokens(tokenize(text))
