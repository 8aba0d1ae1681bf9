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

import re

import sympy as sp

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
    Transpose,
    Wrap,
)
from symnn.notes.tokens import (
    DECORATIONS,
    ELLIPSES,
    FRACTIONS,
    FUNCTIONS,
    GREEK,
    MATRIX_ENVIRONMENTS,
    MAX_DEPTH,
    MAX_DIGITS,
    PRODUCTS,
    REFUSED,
    TRANSPOSES,
    ParseError,
    Token,
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


class _Parser:
    """Recursive descent over a token list; one instance per expression."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = list(tokens)
        self.index = 0
        self.depth = 0
        self.in_norm = False

    # -- token helpers

    def peek(self, ahead: int = 0) -> Token | None:
        i = self.index + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def at(self, *texts: str) -> bool:
        return self.ahead(0, *texts)

    def ahead(self, offset: int, *texts: str) -> bool:
        """Whether the token ``offset`` places ahead is one of ``texts``."""
        token = self.peek(offset)
        return token is not None and token.text in texts

    def position(self) -> int:
        """The offset of the next token in the source (0 at the end)."""
        token = self.peek()
        return token.pos if token is not None else 0

    def next(self) -> Token:
        token = self.peek()
        if token is None:
            raise ParseError("the formula ends too early")
        self.index += 1
        return token

    def expect(self, text: str) -> Token:
        token = self.next()
        if token.text != text:
            raise ParseError(f"expected {text!r}, found {token.text!r}")
        return token

    def split_first_char(self) -> None:
        """Make the next number token one digit long (TeX reads ``\\frac12`` digit by digit)."""
        token = self.peek()
        if token is not None and token.kind == "num" and len(token.text) > 1:
            first = Token("num", token.text[0], token.pos)
            rest = Token("num", token.text[1:], token.pos + 1)
            self.tokens[self.index : self.index + 1] = [first, rest]

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH} levels")

    # -- grammar

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
                node = Op(PRODUCTS[token.text], node, self.unary())
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
                or name in ("sqrt", "nabla", "begin", "pi", "lVert", "Vert")
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
                base = Transpose(base)
            elif self.at(*TRANSPOSES):
                self.transpose_mark()
                base = Transpose(base)
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
            else:
                return node

    def evaluation_bar(self, node: Node) -> Node:
        r"""``expr\Big|_{(1,1)}``, ``expr|_{x=1}``, ``expr|_{x=1,y=2}``."""
        group = self.group_tokens()
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

    def group_tokens(self) -> list[Token]:
        """The tokens of a braced group, or of one undelimited token."""
        if not self.at("{"):
            self.split_first_char()
            return [self.next()]
        self.expect("{")
        start, depth = self.index, 1
        while True:
            token = self.next()
            if token.text == "{":
                depth += 1
            elif token.text == "}":
                depth -= 1
                if depth == 0:
                    return self.tokens[start : self.index - 1]

    def argument(self) -> Node:
        """A TeX macro argument: ``{...}`` or one token (a digit, a letter, a command)."""
        if self.at("{"):
            return parse_tokens(self.group_tokens(), self.depth + 1)
        self.split_first_char()
        token = self.next()
        if token.kind == "num":
            return _number(token.text)
        if token.kind == "letter" or token.text[1:] in GREEK:
            return Name(_base_name(token))
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
        return Matrix(tuple((item,) for item in items), vector=True, positions=tuple(starts))

    def name_or_call(self) -> Node:
        name = self.name()
        primes = 0
        while self.at("'"):
            self.next()
            primes += 1
        if self.at("("):
            self.next()
            args = [self.expression()]
            while self.at(","):
                self.next()
                args.append(self.expression())
            self.expect(")")
            return Call(name, tuple(args), primes)
        if primes:
            return Call(name, None, primes)
        return Name(name)

    def name(self) -> str:
        """A name: a letter or Greek letter, decorated, with subscripts and a layer superscript."""
        token = self.next()
        if token.kind == "letter":
            stem = token.text
        elif token.text[1:] in GREEK:
            stem = token.text[1:]
            following = self.peek()
            if stem == "Delta" and following is not None and self.starts_name(following):
                # \Delta x, \Delta\mathbf{x}, \Delta f: an increment, one name.
                return "Delta_" + self.name()
        elif token.text[1:] in DECORATIONS:
            inner = self.group_tokens()
            if not inner or not all(t.kind == "letter" or t.text[1:] in GREEK for t in inner):
                # \hat{y_1}: a decorated name with its subscript inside the braces
                sub = _Parser(inner)
                try:
                    stem = token.text[1:] + "_" + sub.name()
                except ParseError:
                    raise ParseError(f"{token.text} of something other than a name") from None
                if sub.peek() is not None:
                    raise ParseError(f"{token.text} of something other than a name")
            else:
                stem = token.text[1:] + "_" + "".join(_base_name(t) for t in inner)
        else:
            raise ParseError(f"expected a name, found {token.text!r}")
        subscript, superscript = "", ""
        for _ in range(2):
            if self.at("_") and not subscript:
                self.next()
                subscript = "_" + self.subscript()
            layer = [t.text for t in self.tokens[self.index : self.index + 6]]
            if (
                not superscript
                and len(layer) == 6
                and layer[:2] == ["^", "{"]
                and layer[5] == "}"
                and layer[2] + layer[4] in ("()", "[]")
                and re.fullmatch(r"[A-Za-z]|\d+", layer[3])
            ):
                # w^{[3]}, a^{(l)}: a layer index, part of the name (never a power)
                self.index += 6
                superscript = "__" + layer[3]
            marks = {"+": "plus", "-": "minus", "*": "star", r"\ast": "star", r"\star": "star", r"\prime": "prime"}
            if not superscript and layer[:1] == ["^"]:
                if len(layer) >= 4 and layer[1] == "{" and layer[2] in marks and layer[3] == "}":
                    self.index += 4
                    superscript = "__" + marks[layer[2]]  # w_5^{+}: the updated weight, one name
                elif len(layer) >= 2 and layer[1] in ("+", "*", r"\ast", r"\star"):
                    self.index += 2
                    superscript = "__" + marks[layer[1]]
        return stem + subscript + superscript

    @staticmethod
    def starts_name(token: Token) -> bool:
        return token.kind == "letter" or token.text[1:] in GREEK or token.text[1:] in DECORATIONS

    def subscript(self) -> str:
        parts = []
        for token in self.group_tokens():
            if token.kind in ("letter", "num"):
                parts.append(token.text)
            elif token.text[1:] in GREEK:
                parts.append(token.text[1:])
            elif token.text in (r"\text", r"\mathrm", r"\textrm", r"\mathit", "{", "}", ","):
                continue
            elif token.text in ("+", "-"):
                parts.append("plus" if token.text == "+" else "minus")  # w_{k+1}
            else:
                raise ParseError(f"subscript with {token.text!r}")
        if not parts:
            raise ParseError("empty subscript")
        return "".join(parts)

    def command(self) -> Node:
        token = self.peek()
        assert token is not None
        name = token.text[1:]
        if name in GREEK or name in DECORATIONS:
            return self.name_or_call()
        self.next()
        if token.text in FRACTIONS:
            return self.fraction()
        if name == "sqrt":
            if self.at("["):
                self.next()
                start = self.index
                while not self.at("]"):
                    self.next()
                index = parse_tokens(self.tokens[start : self.index], self.depth + 1)
                self.next()
                return Func("root", (self.argument(), index))
            return Func("sqrt", (self.argument(),))
        if name in FUNCTIONS:
            power = None
            if self.at("^"):
                # \sin^2 x is (sin x)^2; \sin^{-1} x (arcsin or 1/sin?) is refused
                self.next()
                power = self.argument()
                if not (isinstance(power, Num) and power.value.is_Integer and power.value > 0):
                    raise ParseError(f"\\{name}^{{...}} with an exponent other than a positive integer")
            call = Func(name, (self.function_argument(name),))
            return call if power is None else Pow(call, power)
        if name == "nabla":
            target = self.name_or_call()
            if isinstance(target, Name):
                return Nabla(target.name, None)
            if isinstance(target, Call) and target.primes == 0:
                return Nabla(target.name, target.args)
            raise ParseError("\\nabla of something other than a function name")
        if name == "pi":
            return Name("pi")
        if name == "begin":
            return self.environment()
        if token.text in ELLIPSES:
            raise ParseError("an ellipsis: a generic formula")
        if token.text in REFUSED:
            raise ParseError(f"{token.text} ({REFUSED[token.text]}) is not checked")
        raise ParseError(f"{token.text} is not understood")

    def function_argument(self, name: str) -> Node:
        if self.at("^"):
            raise ParseError(f"a power of \\{name} before its argument is not supported")
        if self.at("(", "["):
            node = self.bracketed()
            if not isinstance(node, Wrap):
                raise ParseError(f"\\{name} of a vector")
            return node.operand
        if self.at("{"):
            return parse_tokens(self.group_tokens(), self.depth + 1)
        argument = self.postfix(self.primary())
        if self.at("^"):
            self.next()
            argument = Pow(argument, self.argument())
        token = self.peek()
        if token is not None and self.starts_factor(token):
            raise ParseError(f"the argument of \\{name} is ambiguous; use parentheses")
        return argument

    def fraction(self) -> Node:
        numerator = self.group_tokens()
        denominator = self.group_tokens()
        if [t.text for t in numerator] in (["d"], [r"\partial"]) and denominator[:1]:
            return self.operator(numerator[0].text, denominator)
        derivative = _derivative(numerator, denominator)
        if derivative is not None:
            if self.at("("):
                call = self.bracketed()
                args = call.operand if isinstance(call, Wrap) else call
                points = (args,) if not isinstance(args, Matrix) else tuple(row[0] for row in args.rows)
                return Derivative(derivative.name, derivative.wrt, derivative.partial, points)
            return derivative
        return Op("/", parse_tokens(numerator, self.depth + 1), parse_tokens(denominator, self.depth + 1))

    def operator(self, marker: str, denominator: list[Token]) -> Node:
        r"""``\frac{d}{dx}`` applied to a parenthesised group, or to the single factor that ends the formula."""
        wrt: list[str] = []
        den = _Parser(denominator)
        while den.peek() is not None:
            if den.next().text != marker:
                raise ParseError(f"the denominator of d/dx must be {marker} x")
            wrt.append(den.name())
        if self.at("(", "[", "{"):
            operand = self.primary()
        else:
            operand = self.power()
            following = self.peek()
            if following is not None and following.text not in ("+", "-"):
                raise ParseError("the extent of d/dx is ambiguous; put its operand in parentheses")
        following = self.peek()
        if following is not None and following.text in ("+", "-") and not self.at("(", "[", "{"):
            raise ParseError("the extent of d/dx is ambiguous; put its operand in parentheses")
        return DiffOp(operand, tuple(wrt))

    def environment(self) -> Node:
        kind = "".join(t.text for t in self.group_tokens())
        if kind not in MATRIX_ENVIRONMENTS:
            raise ParseError(f"environment {kind} is not understood")
        start, depth = self.index, 1
        while depth:
            token = self.next()
            if token.text == r"\begin":
                depth += 1
            elif token.text == r"\end":
                depth -= 1
        body = self.tokens[start : self.index - 1]
        closing = "".join(t.text for t in self.group_tokens())
        if closing != kind:
            raise ParseError(f"\\begin{{{kind}}} closed by \\end{{{closing}}}")
        rows = [row for row in split_top(body, {r"\\"}) if row]
        pieces = [split_top(row, {"&"}) for row in rows]
        if any(not cell for row in pieces for cell in row):
            raise ParseError("an empty matrix entry")
        cells = tuple(tuple(parse_tokens(cell, self.depth + 1) for cell in row) for row in pieces)
        if not cells or len({len(row) for row in cells}) != 1:
            raise ParseError("a matrix with rows of different lengths")
        return Matrix(cells, positions=tuple(cell[0].pos for row in pieces for cell in row))


def _base_name(token: Token) -> str:
    return token.text[1:] if token.text.startswith("\\") else token.text


def _number(text: str) -> Num:
    return Num(sp.Rational(text), text)


def _derivative(numerator: list[Token], denominator: list[Token]) -> Derivative | None:
    r"""``\partial f`` over ``\partial x \partial y``, ``\partial^2 f`` over ``\partial x^2``, or ``df`` over ``dx``."""
    texts = [t.text for t in numerator]
    if texts[:1] == [r"\partial"]:
        return _derivative_of(numerator, denominator, r"\partial")
    if texts[:1] == ["d"] and [t.text for t in denominator][:1] == ["d"]:
        try:
            return _derivative_of(numerator, denominator, "d")
        except ParseError:
            return None  # an ordinary fraction such as (d+1)/d
    return None


def _derivative_of(numerator: list[Token], denominator: list[Token], marker: str) -> Derivative:
    partial = marker == r"\partial"
    sub = _Parser(numerator[1:])
    order = 1
    if sub.at("^"):
        sub.next()
        order_node = sub.argument()
        if not isinstance(order_node, Num) or not order_node.value.is_Integer:
            raise ParseError("the order of a derivative must be an integer")
        order = int(order_node.value)
    function = sub.name()
    if sub.peek() is not None:
        raise ParseError("a derivative of an expression, not of a named function")
    wrt: list[str] = []
    den = _Parser(denominator)
    while den.peek() is not None:
        if den.next().text != marker:
            raise ParseError("a derivative's denominator must be \\partial x \\partial y ...")
        variable = den.name()
        power = 1
        if den.at("^"):
            den.next()
            power_node = den.argument()
            if not isinstance(power_node, Num) or not power_node.value.is_Integer:
                raise ParseError("the order of a derivative must be an integer")
            power = int(power_node.value)
        wrt.extend([variable] * power)
    if len(wrt) != order:
        raise ParseError(f"the order {order} of the derivative does not match its denominator")
    return Derivative(function, tuple(wrt), partial)


# ---------------------------------------------------------------- entry points


def parse_tokens(tokens: list[Token], depth: int = 0) -> Node:
    """Parse one expression from its tokens."""
    if depth > MAX_DEPTH:
        raise ParseError(f"nested deeper than {MAX_DEPTH} levels")
    parser = _Parser(tokens)
    parser.depth = depth
    return parser.parse_all()


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
