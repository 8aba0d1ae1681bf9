r"""The notes parser: exact, safe, and refusing what it does not understand.

Expected values are written by hand with SymPy constructors, never computed by the parser.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symnn.notes.evaluate import Definition, Scope, Unchecked, evaluate
from symnn.notes.extract import extract
from symnn.notes.parser import Func, Matrix, Num, ParseError, parse

x, y, z, h = sp.symbols("x y z h", real=True)


def value(text: str, scope: Scope | None = None) -> object:
    """Parse and evaluate with no definitions."""
    return evaluate(parse(text), scope or Scope())


#: Notes that defined a function of x, y, z: there x(x + y) is a product, not a call.
XYZ = Scope().define(Definition("F", (x, y, z), sp.Integer(0), 1))


# ---------------------------------------------------------------- the traps named in the issue

GOLDEN = [
    (r"5\sqrt2", 5 * sp.sqrt(2)),
    (r"5\sqrt{2}", 5 * sp.sqrt(2)),
    (r"1.01", sp.Rational(101, 100)),
    (r"(1.01)^2", sp.Rational(10201, 10000)),
    (r"2.01^2", sp.Rational(40401, 10000)),
    (r"2\cdot 0.01 + 8\cdot 0.005", sp.Rational(6, 100)),
    (r"\tfrac{1}{\sqrt2}", 1 / sp.sqrt(2)),
    (r"\frac{10}{\sqrt2}", 5 * sp.sqrt(2)),
    (r"\frac12", sp.Rational(1, 2)),
    (r"\tfrac12 x", x / 2),
    (r"2x", 2 * x),
    (r"3xy", 3 * x * y),
    (r"4y^2", 4 * y**2),
    (r"x^2 + 4y^2", x**2 + 4 * y**2),
    (r"2(y+1)^2", 2 * (y + 1) ** 2),
    (r"-x^2", -(x**2)),
    (r"-2^2", sp.Integer(-4)),
    (r"(-2)^2", sp.Integer(4)),
    (r"2^{10}", sp.Integer(1024)),
    (r"2^10", sp.Integer(20)),  # TeX: 2^1 followed by 0 ... refused below, not 1024
    (r"x^{\frac{3}{2}}", x ** sp.Rational(3, 2)),
    (r"\sqrt[3]{8}", sp.Integer(2)),
    (r"5\times1.41421356", sp.Rational("7.0710678")),
    (r"3 \times 4 + 2", sp.Integer(14)),
    (r"\left(x + 1\right)^{2}", (x + 1) ** 2),
    (r"\left|{-3}\right|", sp.Integer(3)),
    (r"\|(3,4)\|", sp.Integer(5)),
    (r"e^{x}", sp.exp(x)),
    (r"\exp(2) \sin{\left(x \right)}", sp.exp(2) * sp.sin(x)),
    (r"\ln 1", sp.Integer(0)),
    (r"\sin^{2}{\left(x \right)}", sp.sin(x) ** 2),
    (r"\pi", sp.pi),
    (r"4!", sp.Integer(24)),
    (r"0.5(-4.8)", sp.Rational(-12, 5)),
    (r"\frac{x}{y} \cdot 2", 2 * x / y),
    (r"x_{\text{new}}", sp.Symbol("x_new", real=True)),
    (r"w_{21}", sp.Symbol("w_21", real=True)),
    (r"\eta", sp.Symbol("eta", real=True)),
    (r"\frac{d}{dx}(x^3 + y)", 3 * x**2),
    (r"\frac{\partial}{\partial y}(x y^2)", 2 * x * y),
    (r"w^{[3]}_{21}", sp.Symbol("w_21__3", real=True)),
    (r"w_{21}^{[3]}", sp.Symbol("w_21__3", real=True)),
    (r"a^{(2)}", sp.Symbol("a__2", real=True)),
    (r"e^{(x+y)^2}", sp.exp((x + y) ** 2)),
    (r"x^{(2)}", sp.Symbol("x__2", real=True)),
]


@pytest.mark.parametrize(("latex", "expected"), [g for g in GOLDEN if g[0] != r"2^10"])
def test_golden(latex, expected):
    got = value(latex)
    assert sp.simplify(got - expected) == 0
    assert not got.has(sp.Float)


def test_two_to_the_ten_without_braces_is_refused_not_1024_nor_20():
    # TeX reads 2^10 as 2^1 then 0; that is ambiguous, so it must be refused.
    with pytest.raises(ParseError):
        parse(r"2^10")


def test_decimals_are_rationals_never_floats():
    got = value("1.01")
    assert got == sp.Rational(101, 100)
    assert isinstance(got, sp.Rational)
    assert isinstance(parse("0.1"), Num) and parse("0.1").value == sp.Rational(1, 10)


def test_five_root_two_is_a_product_not_five():
    tree = parse(r"5\sqrt2")
    assert value(r"5\sqrt2") == 5 * sp.sqrt(2)
    assert isinstance(tree.right, Func) and tree.right.name == "sqrt"


def test_vectors_and_matrices():
    assert value("(2, 8)") == sp.ImmutableMatrix([2, 8])
    assert value(r"[5,5]\cdot[1,2]") == 15
    assert value(r"\begin{bmatrix} 2 & 1 \\ 2 & 3 \end{bmatrix}") == sp.ImmutableMatrix([[2, 1], [2, 3]])
    assert value(r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}^\top") == sp.ImmutableMatrix([[1, 2]])
    assert value(r"(0,0) - 0.1\cdot(-6,4)") == sp.ImmutableMatrix([sp.Rational(3, 5), sp.Rational(-2, 5)])
    assert isinstance(parse("(1, 2)"), Matrix)


@pytest.mark.parametrize(
    "latex",
    [
        r"\sqrt68",  # TeX: sqrt(6)*8; ambiguous
        r"x 2",
        r"2 3",
        r"1/2x",
        r"\sin 2x",
        r"\frac{d}{dx} x^2 + 1",  # d/dx of x^2, or of x^2 + 1?
        r"\mathcal{O}(h^2)",
        r"\sum_{k < i} y_k",  # a sum over a condition other than k \neq i
        r"\int_0^1 x",
        r"x \pm 1",
        r"1 + \cdots + n",
        r"\input{/etc/passwd}",
        r"\write18{ls}",
        r"__import__('os').system('true')",
        r"eval(1)'",
        r"\text{hello}",
        r"\begin{array}{c} 1 \end{array}",
        r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}",
        r"x^2^3",
        r"\sin^{-1} x",
        "(1, 2",
        "",
        r"\unknowncommand",
    ],
)
def test_refused(latex):
    with pytest.raises(ParseError):
        parse(latex)


def test_deep_nesting_is_refused_not_a_recursion_error():
    with pytest.raises(ParseError):
        parse("(" * 500 + "1" + ")" * 500)


@pytest.mark.parametrize(
    "latex",
    [r"9^{9^{9}}", r"10^{10^{10}}", r"2^{2^{2^{2^{2^{2}}}}}", r"(x+y+z)^{1000}", r"2000!", r"(1.5)^{900000}"],
)
def test_too_large_to_evaluate_is_unchecked(latex):
    with pytest.raises(Unchecked):
        value(latex)


def test_undefined_function_is_unchecked():
    with pytest.raises(Unchecked, match="not defined"):
        value(r"\nabla g(1,1)")
    with pytest.raises(Unchecked, match="neither a defined function"):
        value(r"g(x + y)")  # a call of an unknown g, or a product? never guessed


def test_a_variable_before_parentheses_is_a_product():
    assert value(r"x(1 - x)", XYZ) == x * (1 - x)


# ---------------------------------------------------------------- round trips through sympy.latex

ROUND_TRIPS = [
    x**2 + 4 * y**2,
    (x - 3) ** 2 + 2 * (y + 1) ** 2,
    sp.Rational(-3, 4) * x * y,
    sp.sqrt(2) * x / (y + 1),
    sp.exp(x) * sp.sin(y) / (x + 1) ** 2,
    sp.cos(x * y) - sp.tanh(z),
    x ** sp.Rational(3, 2) + sp.root(y, 3),
    sp.Abs(x - y),
    1 / sp.sqrt(2) + sp.pi,
    sp.Matrix([[2 * x, 1], [2, 3]]),
    sp.Matrix([x**2 + y, 2 * x + 3 * y]),
    sp.Rational(101, 100) ** 2,
]


@pytest.mark.parametrize("expr", ROUND_TRIPS, ids=str)
def test_round_trip(expr):
    latex = sp.latex(expr)
    got = value(latex, XYZ)
    if isinstance(expr, sp.MatrixBase):
        assert sp.ImmutableMatrix(expr) == got
    else:
        assert sp.simplify(got - expr) == 0, latex


_SYMBOLS = st.sampled_from([x, y, z])
_RATIONALS = st.builds(sp.Rational, st.integers(-9, 9), st.integers(1, 5))
_LEAVES = st.one_of(_SYMBOLS, _RATIONALS)


def _combine(children):
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: p[0] + p[1]),
        pair.map(lambda p: p[0] * p[1]),
        pair.map(lambda p: p[0] - p[1]),
        st.tuples(children, st.integers(1, 3)).map(lambda p: p[0] ** p[1]),
        children.map(lambda e: sp.sqrt(e**2 + 1)),
        children.map(sp.sin),
        children.map(sp.exp),
        st.tuples(children, _SYMBOLS).map(lambda p: p[0] / (p[1] ** 2 + 1)),
    )


EXPRESSIONS = st.recursive(_LEAVES, _combine, max_leaves=6)


@settings(deadline=None, max_examples=120)
@given(EXPRESSIONS)
def test_round_trip_property(expr):
    """Print with sympy.latex, parse back, and get the same expression (equal at exact points)."""
    latex = sp.latex(expr)
    try:
        got = value(latex, XYZ)
    except Unchecked as problem:  # only the size guards may refuse sympy's own LaTeX
        assert "larger than" in str(problem) or "more than" in str(problem) or "too large" in str(problem)
        return
    assert not got.has(sp.Float)
    difference = got - expr
    for point in ({x: 1, y: 2, z: 3}, {x: sp.Rational(-1, 2), y: sp.Rational(1, 3), z: 5}):
        assert sp.N(difference.xreplace(point), 30) == 0 or sp.simplify(difference.xreplace(point)) == 0, latex


@settings(deadline=None, max_examples=80)
@given(st.lists(st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False), min_size=1, max_size=4))
def test_decimal_sums_are_exact(decimals):
    """Any printed sum of decimals parses to the exact rational sum."""
    text = " + ".join(f"({d})" for d in decimals)
    expected = sp.Add(*[sp.Rational(str(d)) for d in decimals])
    assert value(text) == expected


# ---------------------------------------------------------------- extraction


def test_extract_markdown_lines_and_blocks():
    source = "Text $a=1$ here.\n\n$$\nb = 2\n= 2\n$$\n`$c=3$` is code.\n```\n$d=4$\n```\n"
    found = [(f.line, " ".join(f.text.split())) for f in extract(source)]
    assert found == [(1, "a=1"), (3, "b = 2 = 2")]


def test_extract_latex_environments_and_comments():
    source = (
        "% $x=1$ in a comment\n\\begin{align}\na &= 1 \\\\\nb &= 2\n\\end{align}\n\\[ c = 3 \\]\n"
        "\\begin{verbatim}$d=4$\\end{verbatim}\n\\begin{equation*} e = 5 \\end{equation*}\n"
    )
    found = [(f.line, f.environment, " ".join(f.text.split())) for f in extract(source, "latex")]
    assert found == [(2, "align", r"a &= 1 \\ b &= 2"), (6, "", "c = 3"), (8, "equation", "e = 5")]


def test_an_operator_before_a_product_takes_the_whole_term():
    # \frac{\partial}{\partial\theta} \frac{1}{2}(h - y)^2: d/dx of everything up to the end of its term
    from symnn.notes.parser import DiffOp

    node = parse(r"\frac{d}{dx} x y")
    assert isinstance(node, DiffOp) and "Name(name='y')" in repr(node.operand)


def test_digits_grouped_by_commas_in_two_groups_or_more():
    # 9216 × 4096 + 4096 = 37,752,832; one group (34,944) may be a decimal comma and stays refused; in brackets,
    # (100,200,300) is a vector
    from symnn.notes import check_notes
    from symnn.notes.tokens import tokenize

    assert [c.status for c in check_notes("$9216 \\times 4096 + 4096 = 37,752,832$").claims] == ["verified"]
    assert [c.status for c in check_notes("$9216 \\times 4096 + 4096 = 37,752,833$").claims] == ["failed"]
    assert [t.text for t in tokenize("[100,200,300]")] == ["[", "100", ",", "200", ",", "300", "]"]
    one_group = check_notes("$(11 \\times 11 \\times 3 + 1) \\times 96 = 34,944$").claims
    assert [c.status for c in one_group] == ["unchecked"]


def test_an_evaluation_bar_after_a_derivative_evaluates_the_derivative():
    # d/dx (x³ - 2x) at x = 2 is 3·4 - 2 = 10 (not d/dx of the bracket's value 4, which is 0: a false ✗ before)
    from symnn.notes import check_notes

    bars = ("\\left.\\frac{d}{dx}\\left(x^3 - 2x\\right)\\right|_{x=2}", "\\frac{d}{dx}(x^3 - 2x) \\Big|_{x=2}")
    for written in bars:
        assert [c.status for c in check_notes(f"$${written} = 10$$").claims] == ["verified"]
        assert [c.status for c in check_notes(f"$${written} = 12$$").claims] == ["failed"]


def test_sized_braces_around_a_functions_argument_group_it():
    # \ln\left\{ e^{2} \right\} = 2; a set \left\{1, 2\right\} elsewhere stays refused
    from symnn.notes import check_notes

    assert [c.status for c in check_notes("$\\ln\\left\\{ e^{2} \\right\\} = 2$").claims] == ["verified"]
    assert [c.status for c in check_notes("$\\ln\\left\\{ e^{2} \\right\\} = 3$").claims] == ["failed"]
    sets = check_notes("$A = \\left\\{ 1, 2 \\right\\} = \\left\\{ 2, 1 \\right\\}$").claims
    assert sets and all(c.status == "unchecked" for c in sets)


def test_a_norm_typed_as_two_sized_bars():
    # \big|\big|(3, 4)\big|\big|_2 = 5 (the Euclidean norm); = 7 is a slip
    from symnn.notes import check_notes

    assert [c.status for c in check_notes("$\\big|\\big|(3, 4)\\big|\\big|_2 = 5$").claims] == ["verified"]
    assert [c.status for c in check_notes("$\\big|\\big|(3, 4)\\big|\\big|_2 = 7$").claims] == ["failed"]


def test_pi_before_a_bracket_of_one_quantity_is_not_read_as_a_product():
    # \pi(\vec{x}_i) in logistic-regression notes is the probability π of x_i, never 3.14159… times x_i (read so, a
    # definition of ℓ made a correct later line fail); 2\pi(r + 1) stays a product
    from symnn.notes import check_notes

    with pytest.raises(ParseError):
        parse("\\pi(\\vec{x}_i)")
    assert [c.status for c in check_notes("$2\\pi(r + 1) = 2\\pi r + 2\\pi$").claims] == ["verified"]
