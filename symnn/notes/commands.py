r"""Commands of the grammar: fractions and derivatives, roots, elementary functions, ``\nabla``,
``\frac{d}{dx}`` operators and matrix environments.

Whatever is outside the understood subset raises :class:`~symnn.notes.tokens.ParseError` with
the reason (``\sum``, ``\int``, an unknown command), so the claim is reported unchecked.
"""

from __future__ import annotations

import sympy as sp

from symnn.notes.cursor import Cursor
from symnn.notes.names import base_name
from symnn.notes.sums import free_indices
from symnn.notes.syntax import (
    Call,
    Cases,
    Condition,
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
)
from symnn.notes.tokens import (
    CONDITION,
    DECORATIONS,
    ELLIPSES,
    FRACTIONS,
    FUNCTIONS,
    GREEK,
    MATRIX_ENVIRONMENTS,
    REFUSED,
    UPRIGHT,
    ParseError,
    Token,
    after_group,
    counted_places,
    split_top,
)

__all__ = ["CommandRules"]

#: The environments of a value given by cases.
CASES_ENVIRONMENTS = {"cases", "dcases", "rcases"}
#: The comparisons of a case, as :class:`~symnn.notes.syntax.Condition` writes them.
CASE_RELATIONS = {
    "<": "<", r"\lt": "<", ">": ">", r"\gt": ">", r"\le": "<=", r"\leq": "<=", r"\leqslant": "<=",
    r"\ge": ">=", r"\geq": ">=", r"\geqslant": ">=", "=": "=", r"\neq": "!=", r"\ne": "!=",
}

#: The signs of ``\sum_{j \neq i}``.
NOT_EQUAL = (r"\neq", r"\ne")


#: How a token opens or closes a bracket, for the parts of ``\langle a, b \rangle``.
_NESTING = {"(": 1, "[": 1, "{": 1, r"\langle": 1, ")": -1, "]": -1, "}": -1, r"\rangle": -1}


def _bound_but_one(spec: list[Token], index: str) -> tuple[list[Token], str | None]:
    r"""The lower bound of ``\sum_{k = 1, k \neq i}`` (the tokens after ``=``), and the one value of the index it
    leaves out (``i``), or the bound alone and None when no ``, k \neq i`` follows it."""
    bound = spec[2:]
    texts = [t.text for t in bound]
    if len(bound) >= 5 and texts[-4] == "," and texts[-2] in NOT_EQUAL and bound[-1].kind == "letter":
        if base_name(bound[-3]) == index:
            return bound[:-4], bound[-1].text
    return bound, None


class CommandRules(Cursor):
    """The grammar of commands."""

    def command(self) -> Node:
        token = self.peek()
        assert token is not None
        name = token.text[1:]
        ahead = [t.text for t in self.tokens[self.index + 1 : self.index + 5]]
        if token.text in (r"\mathbb", r"\mathbf", r"\mathds") and ahead in (["{", "1", "}", "("], ["{", "1", "}", "_"]):
            return self.indicator()
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
                index = self.parse_group(self.tokens[start : self.index], self.depth + 1)
                self.next()
                return Func("root", (self.argument(), index))
            return Func("sqrt", (self.argument(),))
        if name in FUNCTIONS:
            primes = 0
            while self.at("'") and name != "log":
                self.next()
                primes += 1  # \tanh'(a): the derivative of tanh at a
            if primes:
                return Func(name + "'" * primes, (self.function_argument(name),))
            if name == "log" and self.at("_"):
                self.next()  # \log_2 8, \log_{10} x: the base written
                base = self.argument()
                return Func("log_base", (self.function_argument(name), base))
            power = None
            if self.at("^"):
                # \sin^2 x is (sin x)^2; \sin^{-1} x (arcsin or 1/sin?) is refused
                self.next()
                power = self.argument()
                if not (isinstance(power, Num) and power.value.is_Integer and power.value > 0):
                    raise ParseError(f"\\{name}^{{...}} with an exponent other than a positive integer")
            call = Func(name, (self.function_argument(name),))
            return call if power is None else Pow(call, power)
        if name == "det":  # \det(H), \det J: the determinant, read as the call det(H)
            return Call("det", (self.function_argument(name),))
        if name in ("max", "min") and self.at("("):
            # \max(0, z): the larger of its arguments (entry by entry for a vector: ReLU); \max_x f stays refused
            return Func(name, self.arguments())
        if name == "nabla" and self.at("_"):
            # \nabla_a C, \nabla_{W} L: the gradient by a named quantity, in its shape (∂C/∂a)
            self.next()
            variable = self.sub(self.group_tokens()).name()
            if self.at("(", "["):
                # \nabla_w (w^T x), \nabla_{z_i} [\dots]: the gradient of the bracket, as \frac{\partial}{\partial w}
                return DiffOp(self.power(), (variable,))
            target = self.name_or_call()
            if isinstance(target, Call) and target.primes == 0 and target.args == (Name(variable),):
                target = Name(target.name)  # \nabla_\theta J(\theta): the gradient of J, written with its variable
            if not isinstance(target, Name):
                raise ParseError("\\nabla_x of something other than a name")
            return Derivative(target.name, (variable,), True)
        if name == "nabla":
            order = 1
            if self.at("^"):  # \nabla^2 f: the Hessian (the Laplacian is written \Delta or \nabla \cdot \nabla)
                self.next()
                exponent = self.argument()
                if exponent != Num(sp.Integer(2), "2"):
                    raise ParseError("\\nabla to a power other than 2")
                order = 2
            target = self.name_or_call()
            if isinstance(target, Name):
                return Nabla(target.name, None, order)
            if isinstance(target, Call) and target.primes == 0:
                return Nabla(target.name, target.args, order)
            raise ParseError("\\nabla of something other than a function name")
        if name == "pi":
            if self.at("(") and self._one_quantity_in_brackets():
                # \pi(\vec{x}_i): the probability π of x_i, as logistic-regression notes name it, or π times x_i?
                raise ParseError("\\pi(…) of one quantity: a function named π, or π times it? (not read)")
            return Name("pi")
        if name == "begin":
            return self.environment()
        if token.text in ELLIPSES:
            raise ParseError("an ellipsis: a generic formula")
        if name == "sum":
            return self.summation()
        if name == "prod":
            return self.summation(product=True)
        if name == "lim":
            return self.limit()
        if name == "langle":
            return self.inner_product()
        if token.text in REFUSED:
            raise ParseError(f"{token.text} ({REFUSED[token.text]}) is not checked")
        raise ParseError(f"{token.text} is not understood")

    def summation(self, product: bool = False) -> Node:
        r"""``\sum_{i=1}^{N} y_i \log p_i``: the sum binds the product that follows it; ``\prod_{i=1}^{N}
        p_i^{y_i}`` (``product``), a likelihood, the same way.

        ``\sum`` or ``\sum_K`` with nothing to sum (``\frac{e_i}{\sum}``, ``\sum_K - e^{x_i}``) is the name
        the notes give the sum they defined: Sigma, Sigma_K.
        """
        named = None if product else self._sum_as_a_name()
        if named is not None:
            return named
        what = "product" if product else "sum"
        index, lower, excluded = "", None, None
        upper: Node | None = None
        inner: list[str] = []  # \sum_{i,j=1}^{n}: the indices after the first, each over the same range
        for _ in range(2):
            if self.at("_") and not index:
                self.next()
                spec = self.group_tokens()
                if not spec or not (spec[0].kind == "letter" or spec[0].text[1:] in GREEK):
                    raise ParseError(f"a {what} whose index is not a letter")
                while len(spec) >= 3 and spec[1].text == "," and spec[2].kind == "letter" and len(spec[2].text) == 1:
                    inner.append(base_name(spec[2]))
                    spec = [spec[0], *spec[3:]]
                if inner and (product or len(spec) == 2 or (len(spec) > 1 and spec[1].text != "=")):
                    raise ParseError(f"a {what} over several indices with a condition is not checked")
                index = base_name(spec[0])
                if len(spec) == 3 and spec[1].text in NOT_EQUAL and spec[2].kind == "letter":
                    excluded = spec[2].text  # \sum_{j \neq i}: every j but i
                elif len(spec) == 3 and spec[1].text == r"\in" and spec[2].kind == "letter":
                    upper = Name(base_name(spec[2]))  # \sum_{n \in N}: over the N samples, n = 1..N
                elif len(spec) > 1:
                    if spec[1].text != "=" or len(spec) < 3:
                        raise ParseError(f"a {what} over a condition other than j \\neq i is not checked")
                    bound, excluded = _bound_but_one(spec, index)  # \sum_{k = 1, k \neq i}^n: from 1, but i
                    lower = self.parse_group(bound, self.depth + 1)
            elif self.at("^") and upper is None:
                self.next()
                upper = self.argument()
        if self.peek() is None:
            raise ParseError(f"a {what} of nothing")
        body = self.term()
        letters = free_indices(body)
        if not index and len(letters) == 1:
            index = next(iter(letters))  # \sum e^{x_k}: over the one index its term has
        if not index and product:
            raise ParseError("a product over no index")
        if not index:
            return Func("total", (body,))  # J = \sum \frac12 (y - \hat y)^2: the sum of a vector's entries
        if excluded is not None and index not in letters and excluded in letters:
            index, excluded = excluded, index  # \sum_{i \ne j} t_j y_i: a sum over j, leaving out i
        if inner and (excluded is not None or not index):
            raise ParseError(f"a {what} over several indices with a condition is not checked")
        for letter in reversed(inner):  # \sum_{i,j=1}^{n} x_j a_{ij} x_i: \sum_{i=1}^{n} \sum_{j=1}^{n} x_j a_{ij} x_i
            body = Summation(letter, lower, upper, body)
        return Summation(index, lower, upper, body, excluded, product)

    def inner_product(self) -> Node:
        r"""``\langle a, b \rangle`` (``_\mathrm{F}`` after it, Frobenius's, the same): the sum of the products of
        the entries, a^T b of vectors and tr(A^T B) of matrices."""
        inside: list[Token] = []
        depth = 0
        while True:
            token = self.peek()
            if token is None:
                raise ParseError("\\langle without its \\rangle")
            self.next()
            if token.text == r"\rangle" and depth == 0:
                break
            depth += _NESTING.get(token.text, 0)
            inside.append(token)
        if self.at("_"):  # \langle A, B \rangle_\mathrm{F}
            self.next()
            self.group_tokens()
        parts: list[list[Token]] = [[]]
        level = 0
        for token in inside:
            level += _NESTING.get(token.text, 0)
            if token.text == "," and level == 0:
                parts.append([])
            else:
                parts[-1].append(token)
        if len(parts) != 2 or not all(parts):
            raise ParseError("\\langle … \\rangle of other than two things (a tuple?)")
        return Func("inner", tuple(self.parse_group(part, self.depth + 1) for part in parts))

    def limit(self) -> Node:
        r"""``\lim_{\Delta x \to 0} \frac{f(x + \Delta x) - f(x)}{\Delta x}``: the limit binds the product that
        follows it, as a sum does; its variable is a name, its point a number or a name (not ∞)."""
        if not self.at("_"):
            raise ParseError("a limit without its variable")
        self.next()
        spec = self.group_tokens()
        arrows = [i for i, t in enumerate(spec) if t.text in (r"\to", r"\rightarrow")]
        if len(arrows) != 1:
            raise ParseError("a limit whose variable and point are not written v \\to a")
        variable = self.parse_group(spec[: arrows[0]], self.depth + 1)
        point = self.parse_group(spec[arrows[0] + 1 :], self.depth + 1)
        if not isinstance(variable, Name):
            raise ParseError("a limit whose variable is not a name")
        if self.peek() is None:
            raise ParseError("a limit of nothing")
        return Func("limit", (variable, point, self.term()))

    def _sum_as_a_name(self) -> Node | None:
        r"""``\sum`` or ``\sum_K`` before a closing bracket, an operator or the end: a name, or None."""
        ahead, subscript = 0, ""
        if self.at("_"):
            following = self.peek(1)
            if following is not None and following.kind == "letter":
                ahead, subscript = 2, following.text
            elif following is not None and following.text == "{":
                closing, letter = self.peek(3), self.peek(2)
                if closing is None or closing.text != "}" or letter is None or letter.kind != "letter":
                    return None
                ahead, subscript = 4, letter.text
            else:
                return None
        after, power = self.peek(ahead), self.peek(ahead + 1)
        squared = after is not None and after.text == "^" and power is not None and power.kind == "num"  # \sum^2
        if (
            after is not None
            and not squared
            and after.text not in (")", "}", "]", "-", "+", "=", "&", r"\\", "'", r"\cdot")
        ):
            return None
        if subscript.islower() and after is not None and after.text in ("-", "+"):
            return None  # \sum_i -y_i (\delta_{ij} - p_j): a sum over i of a negated term
        for _ in range(ahead):
            self.next()
        return Name("Sigma" + (f"_{subscript}" if subscript else ""))

    def function_argument(self, name: str) -> Node:
        if self.at("^"):
            raise ParseError(f"a power of \\{name} before its argument is not supported")
        if self.at("(", "["):
            node = self.bracketed()
            if not isinstance(node, Wrap):
                raise ParseError(f"\\{name} of a vector")
            return node.operand
        if self.at("{"):
            return self.parse_group(self.group_tokens(), self.depth + 1)
        argument = self.postfix(self.primary())
        after = self.peek(1)
        if self.at("^") and after is not None and after.text in (r"\top", r"\intercal", "T"):
            self.next()
            self.next()
            argument = Transpose(argument)  # \log \mathbf s^\top: the row of the logarithms of s's entries
        elif self.at("^"):
            self.next()
            argument = Pow(argument, self.argument())
        token = self.peek()
        if token is not None and self.starts_factor(token):
            raise ParseError(f"the argument of \\{name} is ambiguous; use parentheses")
        return argument

    def fraction(self) -> Node:
        numerator = self.group_tokens()
        denominator = self.group_tokens()
        if [t.text for t in self.tokens[self.index : self.index + 2]] == ["{", "}"]:
            self.index += 2  # \frac{\partial t_j \log(y_j)}{\partial z_i}{}: an empty group after it, nothing
        numerator, denominator = _no_empty_group(numerator), _unbraced(denominator)
        numerator = _unbraced(numerator) if numerator[:1] and numerator[0].text == "d" else numerator  # \mathrm{d}{J}
        numerator, denominator = _d_split(*_delta_as_partial(numerator, denominator))
        if [t.text for t in numerator] in (["d"], [r"\partial"]) and denominator[:1]:
            return self.operator(numerator[0].text, denominator)
        derivative = self._derivative(numerator, denominator)
        if isinstance(derivative, DiffOp):
            return derivative
        if derivative is not None:
            if self.at("("):
                call = self.bracketed()
                args = call.operand if isinstance(call, Wrap) else call
                points = (args,) if not isinstance(args, Matrix) else tuple(row[0] for row in args.rows)
                return Derivative(derivative.name, derivative.wrt, derivative.partial, points)
            return derivative
        return Op("/", self.parse_group(numerator, self.depth + 1), self.parse_group(denominator, self.depth + 1))

    def operator(self, marker: str, denominator: list[Token]) -> Node:
        r"""``\frac{d}{dx}`` applied to a parenthesised group, or to the factor that follows it.

        ``\frac{d}{dx} x^2 + 1`` is ambiguous (d/dx of x² or of x² + 1?) and refused, unless the
        terms after it are derivatives too (``3 \frac{d}{dx} x^2 - 4 \frac{d}{dx} x``): then each
        operator takes its own term.
        """
        den = self.sub(denominator)
        wrt = _bare_variable(den, marker, denominator)
        bare = bool(wrt)
        while den.peek() is not None:
            following = den.peek()
            if marker == "d" and following is not None and following.kind == "letter" and len(following.text) > 1:
                # dz_i, read as one word before its subscript: d, then z_i
                rest = Token("letter", following.text[1:], following.pos + 1)
                den.tokens[den.index : den.index + 1] = [Token("letter", "d", following.pos), rest]
            if den.next().text != marker:
                raise ParseError(f"the denominator of d/dx must be {marker} x")
            wrt.append(den.name())
        if self.at(r"\cdot"):
            self.next()  # \frac{\partial}{\partial w} \cdot net: the operator applied, not a product
        negated = self.at("-")  # \frac{\partial}{\partial v_c} - \log \hat y: the derivative of -log ŷ
        if negated:
            self.next()
        grouped = self.at("(", "[", "{")
        start = self.index
        operand = self.power()  # \frac{d}{dw}(y - wx)^2: the derivative of the square
        following = self.peek()
        # \frac{\partial}{\partial w}(y - Xw)^T(y - Xw): a transposed bracket is a factor of the product that follows
        transposed = grouped and isinstance(operand, Transpose)
        if following is not None and following.text not in ("+", "-", ")", "]", "}", "=") and transposed:
            grouped = False
        product = following is not None and following.text in (r"\times", r"\cdot")
        applied = isinstance(operand, (Call, Func)) and product
        if applied and not negated:
            # \frac{\partial}{\partial z} \sinh(z) \times \cosh(z) (the quotient rule written out): the product
            # sign ends the operand, the derivative of the function applied before it
            return DiffOp(operand, tuple(wrt), bare)
        if following is not None and following.text not in ("+", "-", ")", "]", "}", "=") and not grouped:
            # \frac{\partial}{\partial \theta_i} \frac{1}{2}(h_\theta(x) - y)^2: the whole product that follows, up
            # to the end of its term, as the operator is read in every derivation
            self.index = start
            operand = self.term()
        if negated:
            operand = Neg(operand)
        following = self.peek()
        if following is not None and following.text not in ("+", "-", ")", "]", "}") and not grouped:
            raise ParseError("the extent of d/dx is ambiguous; put its operand in parentheses")
        if following is not None and following.text in ("+", "-") and not (grouped or self._more_operators()):
            raise ParseError("the extent of d/dx is ambiguous; put its operand in parentheses")
        if isinstance(operand, EvalAt):
            # \frac{d}{dx}(x^3 - 2x) \Big|_{x=2}: the bar after the bracket evaluates the derivative, not the bracket
            return EvalAt(DiffOp(operand.expr, tuple(wrt), bare), operand.point, operand.names)
        return DiffOp(operand, tuple(wrt), bare)

    def _more_operators(self) -> bool:
        """Whether every term after this one, at this level, holds a d/dx of its own."""
        terms = split_top(self.tokens[self.index :], {"+", "-"})
        return all(any(t.text in FRACTIONS for t in part) for part in terms[1:] if part)

    def _one_quantity_in_brackets(self) -> bool:
        r"""Whether the bracket that opens here holds no operator: one quantity (``(\vec{x}_i)``, not ``(r + 1)``)."""
        depth, index = 0, self.index
        while index < len(self.tokens):
            text = self.tokens[index].text
            depth += {"(": 1, ")": -1}.get(text, 0)
            if depth == 0:
                return True
            if text in ("+", "-", "/", "*", r"\cdot", r"\times", ",", "="):
                return False
            index += 1
        return False

    def environment(self) -> Node:
        kind = "".join(t.text for t in self.group_tokens())
        if kind in CASES_ENVIRONMENTS:
            return self.cases(kind)
        if kind not in MATRIX_ENVIRONMENTS:
            raise ParseError(f"environment {kind} is not understood")
        body = self.environment_body(kind)
        rows = [row for row in split_top(body, {r"\\"}) if row]
        pieces = [split_top(row, {"&"}) for row in rows]
        column = self._stacked_column(pieces)
        if column is not None:
            return column
        shortest = min((len(row) for row in pieces), default=0)
        # ``W_{12} & W_{22} & W_{32} &`` at the end of a row: a stray column mark, no entry
        pieces = [row[:-1] if len(row) > shortest and not row[-1] else row for row in pieces]
        if any(not cell for row in pieces for cell in row):
            raise ParseError("an empty matrix entry")
        cells = tuple(tuple(self.parse_group(cell, self.depth + 1) for cell in row) for row in pieces)
        if not cells or len({len(row) for row in cells}) != 1:
            raise ParseError("a matrix with rows of different lengths")
        return Matrix(cells, positions=tuple(cell[0].pos for row in pieces for cell in row))

    def _stacked_column(self, pieces: list[list[list[Token]]]) -> Summation | None:
        r"""``\begin{bmatrix} p_1 - y_1 \\ p_2 - y_2 \\ \vdots \\ p_n - y_n \end{bmatrix}``: two entries that
        differ only in consecutive whole numbers, a row of dots, and a last entry with a letter (or a larger number)
        in their place: the column of the entries for k = 1 … n, a vector of any size; or None."""
        if any(len(row) != 1 for row in pieces):
            return None
        cells = [row[0] for row in pieces]
        if len(cells) != 4 or [t.text for t in cells[2]] not in ([e] for e in ELLIPSES):
            return None
        first, second, last = cells[0], cells[1], cells[3]
        counted = counted_places(first, second, last)
        if counted is None or not all(first[i].text.isdigit() for i in counted[0]):
            return None
        places, upper = counted
        letters = {t.text for cell in cells for t in cell if t.kind == "letter"}
        letter = next((k for k in "kjmpqr" if k not in letters), None)
        if letter is None:
            return None
        k = Token("letter", letter, first[0].pos, 0)
        body = self.parse_group([k if i in places else t for i, t in enumerate(first)], self.depth + 1)
        bound: Node = Name(upper.text) if upper.kind == "letter" else Num(sp.Integer(int(upper.text)), upper.text)
        lower = Num(sp.Integer(int(first[places[0]].text)), first[places[0]].text)
        return Summation(letter, lower, bound, body, stacked=True)

    def environment_body(self, kind: str) -> list[Token]:
        """The tokens up to the ``\\end`` of the environment ``kind`` (its ``\\begin`` read), which is read too."""
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
        return body

    def cases(self, kind: str) -> Cases:
        r"""``\begin{cases} 1 & \text{if } z \geq 0 \\ 0 & \text{otherwise} \end{cases}``: each row a value, ``&``,
        then its case (``z > 0``, ``\text{if } z \le 0``, ``x < 0,``); "otherwise" or "else" for the rest."""
        body = self.environment_body(kind)
        values: list[Node] = []
        conditions: list[Condition | None] = []
        for row in (row for row in split_top(body, {r"\\"}) if row):
            cells = split_top(row, {"&"})
            if len(cells) == 1:
                cells = _split_at_the_condition(cells[0])  # a_i(1 - a_i) \text{ si } i = j: no & between them
            if len(cells) != 2 or not cells[0]:
                raise ParseError("a case without its value and condition")
            value = cells[0][:-1] if cells[0][-1].text == "," else cells[0]
            values.append(self.parse_group(value, self.depth + 1))
            conditions.append(self._condition(cells[1]))
        if not values or any(c is None for c in conditions[:-1]):
            raise ParseError("cases with \"otherwise\" before the last")
        return Cases(tuple(values), tuple(conditions))

    def indicator(self) -> Cases:
        r"""``\mathbb{1}(x \geq y)``: 1 where the condition holds, 0 elsewhere (a function given by two cases)."""
        self.next()
        self.group_tokens()
        if self.at("_"):  # \mathds{1}_{i=j}: the condition as a subscript (1 when i = j, Kronecker's δ_ij)
            self.next()
            condition = self._condition(self.group_tokens())
            if condition is None:
                raise ParseError("an indicator without its condition")
            return Cases((Num(sp.Integer(1), "1"), Num(sp.Integer(0), "0")), (condition, None))
        self.expect("(")
        start, depth = self.index, 1
        while depth:
            token = self.next()
            depth += {"(": 1, ")": -1}.get(token.text, 0)
        condition = self._condition(self.tokens[start : self.index - 1])
        if condition is None:
            raise ParseError("an indicator without its condition")
        return Cases((Num(sp.Integer(1), "1"), Num(sp.Integer(0), "0")), (condition, None))

    def _condition(self, tokens: list[Token]) -> Condition | None:
        """The case of one row of ``cases``: None for "otherwise"."""
        tokens = _comparisons_joined(tokens)
        words = [t for t in tokens if t.text not in (CONDITION, ",", ".", ";", r"\quad", r"\qquad")]
        if not words:
            return None  # \text{otherwise}, \text{else}: read as a condition word already
        relations = [i for i, t in enumerate(words) if t.text in CASE_RELATIONS]
        if len(relations) != 1 or relations[0] in (0, len(words) - 1):
            raise ParseError("a case that is not one comparison")
        at = relations[0]
        left = self.parse_group(words[:at], self.depth + 1)
        right = self.parse_group(words[at + 1 :], self.depth + 1)
        return Condition(CASE_RELATIONS[words[at].text], left, right)

    def _derivative(self, numerator: list[Token], denominator: list[Token]) -> Derivative | DiffOp | None:
        r"""``\partial f`` over ``\partial x \partial y``, ``\partial^2 f`` over ``\partial x^2``, ``df`` / ``dx``."""
        numerator, denominator = _unbraced(numerator), _unbraced(denominator)
        texts = [t.text for t in numerator]
        if texts[:1] == [r"\partial"]:
            return self._derivative_of(numerator, denominator, r"\partial")
        if texts[:1] == ["d"] and [t.text for t in denominator][:1] == ["d"]:
            try:
                return self._derivative_of(numerator, denominator, "d")
            except ParseError:
                return None  # an ordinary fraction such as (d+1)/d
        return None

    def _derivative_of(self, numerator: list[Token], denominator: list[Token], marker: str) -> Derivative | DiffOp:
        r"""A derivative of a name (``\frac{\partial f}{\partial x}``) or of an expression (``\frac{d(x^2)}{dx}``)."""
        partial = marker == r"\partial"
        sub = self.sub(numerator[1:])
        order = _order(sub)
        operand = numerator[1 + sub.index :]
        try:
            function = sub.name()
            single = sub.peek() is None
        except ParseError:
            function, single = "", False
        den = self.sub(denominator)
        wrt = _bare_variable(den, marker, denominator)
        while den.peek() is not None:
            if den.next().text != marker:
                raise ParseError("a derivative's denominator must be \\partial x \\partial y ...")
            variable = den.name()
            wrt.extend([variable] * _order(den))
        if len(wrt) != order:
            raise ParseError(f"the order {order} of the derivative does not match its denominator")
        if not single:
            if not operand:
                raise ParseError("a derivative of nothing")
            return DiffOp(self.parse_group(operand, self.depth + 1), tuple(wrt))
        return Derivative(function, tuple(wrt), partial)


def _delta_as_partial(numerator: list[Token], denominator: list[Token]) -> tuple[list[Token], list[Token]]:
    r"""``\frac{\delta L}{\delta \hat y}``, ``\frac{\delta}{\delta z}``: a derivative written with δ for ∂
    (an unsubscripted δ leading both the numerator and the denominator, a name after the lower one).
    Read as a quotient of products, a chain of them telescoped whatever it said (a false ✓)."""
    top, bottom = _unbraced(numerator), _unbraced(denominator)
    if not top or len(bottom) < 2 or top[0].text != r"\delta" or bottom[0].text != r"\delta":
        return numerator, denominator
    if any(t.text in ("_", "^") for t in (top[1:2] + bottom[1:2])):
        return numerator, denominator  # \delta_1 / \delta_2: errors of two layers, a quotient

    def partial(tokens: list[Token]) -> list[Token]:
        return [Token("cmd", r"\partial", tokens[0].pos, tokens[0].end - tokens[0].pos), *tokens[1:]]

    return partial(top), partial(bottom)


def _d_split(numerator: list[Token], denominator: list[Token]) -> tuple[list[Token], list[Token]]:
    r"""``\frac{dy_{o1}}{dz_{3}}``: the tokenizer read ``dy`` before its subscript as one word; when both the
    numerator and the denominator start with d (a word dy, dz, or d itself), it is the d of a derivative."""

    def d_word(tokens: list[Token]) -> bool:
        return bool(tokens) and tokens[0].kind == "letter" and tokens[0].text.startswith("d")

    if not (d_word(numerator) and d_word(denominator)):
        return numerator, denominator
    if numerator[0].text == "d" and denominator[0].text == "d":
        return numerator, denominator

    def split(tokens: list[Token]) -> list[Token]:
        first = tokens[0]
        if first.text == "d":
            return tokens
        rest = Token("letter", first.text[1:], first.pos + 1)
        return [Token("letter", "d", first.pos), rest, *tokens[1:]]

    return split(numerator), split(denominator)


def _bare_variable(den: Cursor, marker: str, denominator: list[Token]) -> list[str]:
    r"""``\dfrac{\partial}{o_k}``: ∂ over a bare name can only be ∂/∂o_k, its second ∂ left out; the name
    (consumed from ``den``) in a list, or an empty list when the denominator has its ∂."""
    if marker != r"\partial" or any(t.text == marker for t in denominator):
        return []
    name = den.name()
    if den.peek() is not None:
        raise ParseError(f"the denominator of d/dx must be {marker} x")
    return [name]


def _comparisons_joined(tokens: list[Token]) -> list[Token]:
    """``>`` ``=`` typed as two tokens (``x >= y``) joined into one comparison, ``\\geq``."""
    out: list[Token] = []
    for token in tokens:
        if token.text == "=" and out and out[-1].text in ("<", ">") and out[-1].end == token.pos:
            out[-1] = Token("cmd", r"\geq" if out[-1].text == ">" else r"\leq", out[-1].pos)
        else:
            out.append(token)
    return out


def _unbraced(tokens: list[Token]) -> list[Token]:
    r"""``\partial{E}``, ``\partial{a_o}``, ``\mathrm{d}{y}``: the braces some notes put around the variable, dropped
    (after a d only at the start: the d of a derivative, not a quantity d)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        out.append(token)
        index += 1
        operator = token.text == r"\partial" or (token.text == "d" and index == 1)
        if operator and index < len(tokens) and tokens[index].text == "{":
            end = after_group(tokens, index)
            inner = tokens[index + 1 : end - 1]
            if tokens[end - 1].text == "}" and inner and not any(t.text in ("(", "+", "-") for t in inner):
                out.extend(inner)
                index = end
    return out


def _order(cursor: Cursor) -> int:
    """The integer order after a ``^`` at ``cursor`` (consumed), or 1 when no ``^`` follows."""
    if not cursor.at("^"):
        return 1
    cursor.next()
    node = cursor.argument()
    if not isinstance(node, Num) or not node.value.is_Integer:
        raise ParseError("the order of a derivative must be an integer")
    return int(node.value)


#: The words that start a case's condition in a row of ``cases`` without ``&``, in English and French notes.
_CASE_WORDS = frozenset({"if", "si", "when", "for", "otherwise", "sinon", "else"})
#: Of them, those that stand for every other case.
_OTHERWISE = frozenset({"otherwise", "sinon", "else"})


def _split_at_the_condition(tokens: list[Token]) -> list[list[Token]]:
    r"""``-a_i a_j \text{ sinon.}``, ``a_i (1 - a_i) \text{ si } i = j``: a row of ``cases`` cut at the word of its
    condition, into its value and its condition (empty for "otherwise"); the row as it is without one."""
    for index, token in enumerate(tokens):
        if token.kind == "quad" and index > 0:  # (\text{ si } read as the space it stands in: value \quad case)
            return [tokens[:index], [t for t in tokens[index + 1 :] if t.text not in (".", ",", ";")]]
        if token.text not in UPRIGHT or index + 1 >= len(tokens) or tokens[index + 1].text != "{":
            continue
        end = after_group(tokens, index + 1)
        word = "".join(t.text for t in tokens[index + 2 : end - 1] if t.kind == "letter").lower()
        if word in _CASE_WORDS and index > 0:
            rest = [] if word in _OTHERWISE else tokens[end:]
            return [tokens[:index], [t for t in rest if t.text not in (".", ",", ";")]]
    return [tokens]


def _no_empty_group(tokens: list[Token]) -> list[Token]:
    r"""``\partial {}`` of ``\frac{\partial {}}{\partial {a}}`` (a macro's empty argument): the operator alone."""
    if [t.text for t in tokens[1:]] == ["{", "}"] and tokens[0].text in ("d", r"\partial"):
        return tokens[:1]
    return tokens

