r"""`symnn check` on claims about functions the notes never define (f, g, the gradient ∇f of an f).

Notes of our own, in the style of calculus and optimisation lecture notes; every expected verdict was worked out
by hand. A claim that holds for every function is ✓; one that does not is unchecked, never ✗ (the notes may mean
one function, said in words):

- g(t) = f(y + t(x - y)): g(0) = f(y + 0) = f(y) and g(1) = f(y + x - y) = f(x), for any f; g(2) = f(2x - y),
  which is f(x) for some f only, so g(2) = f(x) is unchecked.
- (f + g)' = f' + g' and (a f)' = a f' for any differentiable f, g; (a f)' = 2a f' only if a f' = 0.
- x_{k+1} = x_k - t ∇f(x_k), so x_{k+1} - x_k = -t ∇f(x_k); t ∇f(x_k) would need ∇f(x_k) = 0.
- o(h) - o(h) = 0 is false in Landau's notation (the two o(h) are different functions), so o is never read as an
  unknown function; f(AB) = f(BA) holds for numbers, not for matrices, so a product of two capitals is refused.
"""

from __future__ import annotations

from symnn.notes import check_notes

NOTES = r"""Let $g(t) = f(\mathbf{y}+t(\mathbf{x}-\mathbf{y}))$. Then $g(0) = f(\mathbf{y})$ and $g(1) = f(\mathbf{x})$.

$$\frac{d}{dx}(f(x) + h(x)) = \frac{df}{dx}(x) + \frac{dh}{dx}(x)$$

$$\frac{d}{dx}(a f(x)) = a \frac{df}{dx}(x)$$

The update is $\mathbf{x_{k+1}} = \mathbf{x_{k}}-t\nabla f(\mathbf{x_k})$,
so $\mathbf{x_{k+1}}-\mathbf{x_{k}} = -t\nabla f(\mathbf{x_k})$.
"""


def _verdicts(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


def test_what_holds_for_every_function_is_verified():
    claims = check_notes(NOTES).claims
    assert [(c.line, c.status) for c in claims] == [(1, "verified"), (1, "verified"), (3, "verified"),
                                                     (5, "verified"), (8, "verified")]
    assert all("for any function the notes leave unknown" in c.reason for c in claims)


def test_what_holds_for_some_functions_only_is_never_failed():
    wrong = (
        NOTES.replace(r"$g(1) = f(\mathbf{x})$", r"$g(2) = f(\mathbf{x})$")
        .replace(r"= a \frac{df}{dx}(x)", r"= 2 a \frac{df}{dx}(x)")
        .replace(r"= -t\nabla f(\mathbf{x_k})$.", r"= t\nabla f(\mathbf{x_k})$.")
    )
    assert _verdicts(wrong) == [(1, "verified"), (1, "unchecked"), (3, "verified"), (5, "unchecked"),
                                (8, "unchecked")]


def test_landau_symbols_and_products_of_matrices_are_not_unknown_functions():
    assert _verdicts("$$o(h) - o(h) = 0$$\n\n$$f(AB) = f(BA)$$\n") == [(1, "unchecked"), (3, "unchecked")]


# A chain rule notebook's functions of a vector, each with its signature: g(x) = (x_1³ + 2x_2² + 5x_3, 2x_1³ + x_3²),
# h(x) = x_1 + x_2², f = h∘g = x_1³ + 2x_2² + 5x_3 + (2x_1³ + x_3²)², so ∂f/∂x_3 = 5 + 2(2x_1³ + x_3²)·2x_3
# (not 5 + 2x_3(2x_1³ + x_3²)); g(x) = x³, h(x) = x^{-2} on one line broken by "\" and a newline (TeX's space).
VECTOR_FUNCTIONS = r"""Let
$$\mathbf g(\mathbf x): \mathbb{R}^3 \rightarrow \mathbb{R}^2=[x_1^3+2x_2^2+5x_3, 2x_1^3+x_3^2]^\top,$$
$$h(\mathbf x): \mathbb{R}^2 \rightarrow \mathbb{R}^1 = x_1 + x_2^2,$$
and
$$f(\mathbf x): \mathbb{R}^3 \rightarrow \mathbb{R}^1 = h(\mathbf g(\mathbf x))= x_1^3+2x_2^2+5x_3 + (2x_1^3+x_3^2)^2.$$

$$\frac{\partial f}{\partial x_3} = 5 + 4 x_3 (2x_1^3+x_3^2)$$
"""


def test_functions_of_a_vector_written_in_its_entries_compose():
    assert _verdicts(VECTOR_FUNCTIONS) == [(5, "verified"), (7, "verified")]
    assert _verdicts(VECTOR_FUNCTIONS.replace("= 5 + 4 x_3", "= 5 + 2 x_3"))[-1] == (7, "failed")


def test_a_backslash_before_a_newline_is_a_space():
    notes = "Let\n$$\ng(x)=x^3,\\\nh(x)=x^{-2}\n$$\nand\n$$\nh(g(x)) = x^{-6}\n$$\n"
    assert _verdicts(notes) == [(8, "verified")]
