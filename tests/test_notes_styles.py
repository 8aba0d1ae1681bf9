"""`symnn check` on the ways real notes are written: notes of our own, in the styles of public posts.

Every expected verdict below was worked out by hand (the numbers with a calculator at more
digits than printed); none is computed by the code under test. Lines of notes are as long as people write them.
"""

# ruff: noqa: E501

from __future__ import annotations

import functools

from symnn.notes import check_notes


@functools.cache
def _verdicts(notes: str) -> dict[str, tuple[str, str]]:
    """Claim text -> (status, reason), for notes with distinct claim texts."""
    return {c.text: (c.status, c.reason) for c in check_notes(notes).claims}


# A 2-2-2 network in the style of the classic step-by-step posts: the first unit of each layer is
# written out, the second is given only by its numbers ("repeating the process for o2").
STEPS = r"""
The inputs are $i_1 = 0.05$ and $i_2 = 0.10$; the weights $w_1 = 0.15$, $w_2 = 0.20$,
$w_5 = 0.40$, $w_6 = 0.45$, and the biases $b_1 = 0.35$, $b_2 = 0.60$. Targets: $target_{o1} = 0.01$, $target_{o2} = 0.99$.

$$net_{h1} = w_1 * i_1 + w_2 * i_2 + b_1 * 1 = 0.3775$$

$$out_{h1} = \frac{1}{1+e^{-net_{h1}}} = 0.593269992$$

Repeating this for $h_2$ we get $out_{h2} = 0.596884378$.

$$net_{o1} = w_5 * out_{h1} + w_6 * out_{h2} + b_2 * 1 = 1.105905967$$

$$out_{o1} = \frac{1}{1+e^{-net_{o1}}} = 0.75136507$$

and for $o_2$: $out_{o2} = 0.772928465$.

$$E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^2 = 0.274811083$$

and $E_{o2} = 0.023560026$, so

$$E_{total} = E_{o1} + E_{o2} = 0.298371109$$

$$\frac{\partial E_{total}}{\partial w_5} = \frac{\partial E_{total}}{\partial out_{o1}} \cdot \frac{\partial out_{o1}}{\partial net_{o1}} \cdot \frac{\partial net_{o1}}{\partial w_5}$$

$$\frac{\partial E_{total}}{\partial b_2} = \frac{\partial E_{total}}{\partial net_{o1}}$$

$$\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}}$$

$$\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}} + \frac{\partial E_{o2}}{\partial out_{h1}}$$

$$\frac{\partial E_{o1}}{\partial out_{h1}} = 0.055399425$$

$$\frac{\partial E_{o2}}{\partial out_{h1}} = -0.019049119$$

$$\frac{\partial E_{total}}{\partial out_{h1}} = 0.036350306$$

$$\frac{\partial E_{total}}{\partial out_{h1}} = 0.036350316$$
"""


def test_a_unit_given_only_by_its_numbers_is_read_like_its_sibling():
    verdicts = _verdicts(STEPS)
    status, reason = next(v for t, v in verdicts.items() if t.startswith(r"\frac{\partial E_{total}}{\partial w_5}"))
    assert status == "verified"
    assert "E_o2 like E_o1" in reason and "stated only as numbers" in reason


def test_a_bias_shared_by_units_is_never_assumed_their_own():
    # b_2 feeds o2 as well in these posts: ∂E_total/∂b_2 = ∂E_total/∂net_o1 leaves out δ_o2
    status, _ = verdicts = _verdicts(STEPS)[
        r"\frac{\partial E_{total}}{\partial b_2} = \frac{\partial E_{total}}{\partial net_{o1}}"
    ]
    assert status != "verified", verdicts


def test_a_missing_term_of_the_total_derivative_is_not_verified():
    status, _ = _verdicts(STEPS)[
        r"\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}}"
    ]
    assert status != "verified"
    both = r"\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}} + \frac{\partial E_{o2}}{\partial out_{h1}}"
    assert _verdicts(STEPS)[both][0] == "verified"


def test_a_stated_derivative_of_the_unknown_unit_is_kept_and_used():
    verdicts = _verdicts(STEPS)
    status, reason = verdicts[r"\frac{\partial E_{o2}}{\partial out_{h1}} = -0.019049119"]
    assert status == "unchecked" and "not checked" in reason
    # 0.0553994248 - 0.019049119 = 0.0363503058: right to its digits; a wrong digit is caught
    assert verdicts[r"\frac{\partial E_{total}}{\partial out_{h1}} = 0.036350306"][0] in ("verified", "printed")
    # a wrong digit in a derivative of named quantities is not verified (it may be carried digits)
    assert verdicts[r"\frac{\partial E_{total}}{\partial out_{h1}} = 0.036350316"][0] != "verified"


def test_derivatives_of_expressions():
    notes = r"""The model is $\hat{y} = wx + b$ and the loss $L = (y - \hat{y})^2$.

$$ \frac{d(x^2 + 1)}{dx} = 2x $$

$$ \frac{d(x^2)}{dx} = 3x $$

$$ \frac{\partial (y - \hat{y})^2}{\partial w} = -2x(y - \hat{y}) $$

$$ \frac{d}{dw}(y - wx - b)^2 = -2x(y - wx - b) $$

$$ \frac{d}{dz}(1 + e^{-z}) = \frac{d}{dz}(1) + \frac{d}{dz}e^{-z} $$

$$ \frac{d}{dx} [3x^2 - 4x] = 3 \frac{d}{dx} x^2 - 4 \frac{d}{dx} x $$

$$ -2x(y - wx - b) = -2x(y - \hat y) $$
"""
    verdicts = _verdicts(notes)
    assert verdicts[r"\frac{d(x^2 + 1)}{dx} = 2x"][0] == "verified"
    assert verdicts[r"\frac{d(x^2)}{dx} = 3x"][0] == "failed"
    assert verdicts[r"\frac{\partial (y - \hat{y})^2}{\partial w} = -2x(y - \hat{y})"][0] == "verified"
    # the derivative of the square, not the square of the derivative
    assert verdicts[r"\frac{d}{dw}(y - wx - b)^2 = -2x(y - wx - b)"][0] == "verified"
    assert verdicts[r"\frac{d}{dz}(1 + e^{-z}) = \frac{d}{dz}(1) + \frac{d}{dz}e^{-z}"][0] == "verified"
    assert verdicts[r"\frac{d}{dx} [3x^2 - 4x] = 3 \frac{d}{dx} x^2 - 4 \frac{d}{dx} x"][0] == "verified"
    status, reason = verdicts[r"-2x(y - wx - b) = -2x(y - \hat y)"]
    assert status == "verified" and "definitions on lines 1" in reason


def test_sums_with_numbers_and_of_any_size():
    notes = r"""Let $x_1 = 1$, $x_2 = 2$, $x_3 = 4$. Then $\sum_{i=1}^{3} x_i = 7$ and $\sum_{i=1}^{3} x_i^2 = 22$.

$$ \frac{1}{N}\sum_{i=1}^{N} (a_i + b_i) = \frac{1}{N}\sum_{i=1}^{N} a_i + \frac{1}{N}\sum_{i=1}^{N} b_i $$

$$ \Big(\sum_{i=1}^{N} c_i\Big)^2 = \sum_{i=1}^{N} c_i^2 $$

$$ \frac{\partial}{\partial z_i} \sum_j e^{z_j} = e^{z_i} $$

$$ \frac{\partial}{\partial z_i} \log \sum_j e^{z_j} = \frac{e^{z_i}}{\sum_k e^{z_k}} $$

For $j \neq i$: $$ \frac{\partial}{\partial z_i} \frac{e^{z_j}}{\sum_k e^{z_k}} = -\frac{e^{z_j} e^{z_i}}{(\sum_k e^{z_k})^2} $$
"""
    verdicts = _verdicts(notes)
    assert verdicts[r"\sum_{i=1}^{3} x_i = 7"][0] == "verified"
    assert verdicts[r"\sum_{i=1}^{3} x_i^2 = 22"][0] == "failed"  # 1 + 4 + 16 = 21
    status, reason = verdicts[
        r"\frac{1}{N}\sum_{i=1}^{N} (a_i + b_i) = \frac{1}{N}\sum_{i=1}^{N} a_i + \frac{1}{N}\sum_{i=1}^{N} b_i"
    ]
    assert status == "verified" and "not a proof for every n" in reason
    assert verdicts[r"(\sum_{i=1}^{N} c_i\Big)^2 = \sum_{i=1}^{N} c_i^2"][0] != "verified"
    assert verdicts[r"\frac{\partial}{\partial z_i} \sum_j e^{z_j} = e^{z_i}"][0] == "verified"
    status, reason = verdicts[r"\frac{\partial}{\partial z_i} \log \sum_j e^{z_j} = \frac{e^{z_i}}{\sum_k e^{z_k}}"]
    assert status == "verified" and "natural logarithm" in reason
    # true for j ≠ i only, the case the prose states before it
    case = next(v for t, v in verdicts.items() if t.startswith(r"\frac{\partial}{\partial z_i} \frac{e^{z_j}}"))
    assert case[0] == "verified" and "j ≠ i (the case the prose states)" in case[1]


def test_without_its_case_a_claim_for_one_case_is_not_failed():
    notes = r"""$$ \frac{\partial}{\partial z_i} \frac{e^{z_j}}{\sum_k e^{z_k}} = -\frac{e^{z_j} e^{z_i}}{(\sum_k e^{z_k})^2} $$"""
    ((status, reason),) = _verdicts(notes).values()
    assert status == "unchecked" and "i = 1, j = 1" in reason  # false when i = j, true when they differ


def test_matrix_form_worked_example():
    notes = r"""**Input:** $x = [1, 0]^T$, and
$W = \begin{bmatrix} 0.5 & 0.3 \\ -0.2 & 0.8 \end{bmatrix}$, $b = \begin{bmatrix} 0.1 \\ -0.1 \end{bmatrix}$,
$v = \begin{bmatrix} 0.6 & -0.4 \end{bmatrix}$.

$$ z = W x + b = \begin{bmatrix} 0.6 \\ -0.3 \end{bmatrix} $$

$$ a = \sigma(z) \approx \begin{bmatrix} 0.6457 \\ 0.4256 \end{bmatrix} $$

$$ \sigma(z) \approx \begin{bmatrix} 0.6457 \\ 0.4257 \end{bmatrix} $$

$$ v a + 0.2 = 0.3875 $$
"""
    verdicts = _verdicts(notes)
    assert verdicts[r"W x + b = \begin{bmatrix} 0.6 \\ -0.3 \end{bmatrix}"][0] == "verified"
    # σ(0.6) = 0.645656…, σ(−0.3) = 0.425557…
    assert verdicts[r"\sigma(z) \approx \begin{bmatrix} 0.6457 \\ 0.4256 \end{bmatrix}"][0] == "verified"
    assert verdicts[r"\sigma(z) \approx \begin{bmatrix} 0.6457 \\ 0.4257 \end{bmatrix}"][0] == "failed"
    # 0.6 · 0.645656 − 0.4 · 0.425557 + 0.2 = 0.417171: a row times a column is a number
    assert verdicts["v a + 0.2 = 0.3875"][0] == "failed"


def test_values_restated_in_the_next_block_are_claims():
    notes = r"""
$$
in_{h1}=w_1 * x_1+w_3 * x_2+b_1 * 1
$$

$$
in_{h1}=0.1 * 0.1+0.2 * 0.2 + 0.3 * 1
$$

$$
in_{h1}=0.35
$$

$$
in_{h2}=0.1 * 0.2
$$

$$
in_{h2}=0.03
$$

Try $\eta = 0.1$, then $\eta = 0.01$.
"""
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims] == [(11, "verified"), (19, "failed")]


def test_layer_indices_definition_signs_and_marks():
    notes = r"""Let $\ell = 2$, then $\ell + 1 = 3$ and $z^{(\ell)} = 4$ so $z^{(\ell)} + 1 = 5$.
The power stays a power: $w_5^{(1-1)} = 1$.

$$ a := 3 $$

$$ a + 1 = 4 $$

$$
\begin{align*}
\text{Let } u = -z => \frac{d}{dz}(1 + e^{-z}) &= \frac{d}{dz}e^{u} \tag{3} \\
\frac{d}{dz}(1 + e^{-z}) &= -e^{-z} \label{eq:x} \nonumber \\
\because \ln(e^{-z}) &= -z
\end{align*}
$$

$out_{h_{1}} = 0.5$ and $out_{h1} + 1 = 1.5$.
"""
    verdicts = _verdicts(notes)
    assert verdicts[r"\ell + 1 = 3"][0] == "verified"
    assert verdicts[r"z^{(\ell)} + 1 = 5"][0] == "verified"
    assert verdicts[r"w_5^{(1-1)} = 1"][0] == "verified"
    assert verdicts["a + 1 = 4"][0] == "verified"
    assert verdicts[r"\frac{d}{dz}(1 + e^{-z}) = -e^{-z}"][0] == "verified"
    assert verdicts[r"\ln(e^{-z}) = -z"][0] == "verified"
    assert verdicts[r"out_{h1} + 1 = 1.5"][0] == "verified"


def test_a_case_is_not_a_value():
    notes = r"""The label is one-hot: $y_i = 1$ if the class is $i$, and 0 otherwise.

$$ -y_i (1 - p_i) = -y_i + p_i $$
"""
    status, _ = _verdicts(notes)[r"-y_i (1 - p_i) = -y_i + p_i"]
    assert status != "verified"  # true only when y_i = 1


def test_log_readings_and_truncated_approximations():
    notes = r"""$\log(100) = 2$ and $\log(1000) = 2$. Also $6 \cdot \cos(3^2) \approx -5.46$ and $6 \cdot \cos(3^2) \approx -5.45$.
"""
    verdicts = _verdicts(notes)
    status, reason = verdicts[r"\log(100) = 2"]
    assert status == "verified" and "base 10" in reason
    assert verdicts[r"\log(1000) = 2"][0] == "failed"
    # 6 cos 9 = −5.466781…: −5.46 is its truncation (rounded, −5.47): a rounding slip or a number cut off,
    # not settled; −5.45 is neither rounding nor truncation
    status, reason = verdicts[r"6 \cdot \cos(3^2) \approx -5.46"]
    assert status == "unchecked" and "cut off, not rounded" in reason
    assert check_notes(r"$6 \cdot \cos(3^2) \approx -5.46\ldots$").claims[0].status == "verified"  # cut, and said so
    assert verdicts[r"6 \cdot \cos(3^2) \approx -5.45"][0] == "failed"


def test_a_function_given_by_cases_is_evaluated_case_by_case():
    # the step function: f(-0.5) = 0, f(0) = 1 (z ≥ 0 holds), f(0.3) = 1, so "f(0.3) = 0" is a slip
    notes = (
        "$$f(z) = \\begin{cases} 1 & \\text{if } z \\geq 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$\n\n"
        "Then $f(-0.5) = 0$, $f(0) = 1$ and $f(0.3) = 0$.\n\n"
        "$$g(x) = \\begin{cases} x, & x > 0 \\\\ 0.01x, & x \\leq 0 \\end{cases}$$\n\n"
        "so $g(-2) = -0.02$ and $g'(-1) = 0.01$.\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["verified", "verified", "failed", "verified", "verified"]


def test_a_value_that_holds_in_one_case_defines_nothing():
    # "f(z) = 1 if z ≥ 0, else 0" in prose: f is not the constant 1, so f(-0.5) = 0 is no slip (it is right)
    (claim,) = check_notes("The step is $f(z) = 1$ if $z \\geq 0$, else $0$.\n\n$f(-0.5) = 0$\n").claims
    assert claim.status == "unchecked"
    # written inside the formula, the case is reported, and f stays undefined too
    first, second = check_notes("$f(z) = 1 \\text{ if } z \\geq 0$ and $f(-1) = 0$\n").claims
    assert first.status == second.status == "unchecked" and "one case" in first.reason


def test_commands_written_for_others_are_read_as_what_they_stand_for():
    # {-}3 is -3 (a sign braced for spacing); \vartriangle w is Δw, defined and then used: 2 Δw = 2
    notes = (
        "$${-}3 + 5 = 2$$\n\n$$\\vartriangle w = 0.5 \\cdot 2$$\n\n$$2 \\Delta w = 2$$\n\n"
        "$$\\underline{net} = 6$$\n\n$$\\underline{net} / 2 = 3$$\n\n"
        "$$\\frac{\\partial}{\\partial w} \\cdot (w^2 + 3w) = 2w + 3$$\n"
    )
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims] == [(1, "verified"), (5, "verified"), (9, "verified"), (11, "verified")]
    # the same with a wrong factor: d/dw (w^2 + 3w) is not 2w + 2
    wrong = check_notes(notes.replace("= 2w + 3", "= 2w + 2")).claims
    assert wrong[-1].status == "failed"


def test_brackets_as_commands_and_colours_are_read_through():
    # -ln[0.8] - 0·ln[0.2] = 0.22314…: 0.223 to its printed digits, 0.224 a wrong rounding
    notes = "$$- \\ln \\lbrack {\\color{blue}0.8} \\rbrack - ( {\\color{red}0} ) \\cdot \\ln \\lbrack {\\color{red}0.2} \\rbrack = 0.223$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["printed"]
    assert [c.status for c in check_notes(notes.replace("0.223", "0.224")).claims] == ["failed"]
    assert [c.status for c in check_notes("$\\textcolor{red}{2} \\cdot 3 = 6$").claims] == ["verified"]


def test_an_indicator_is_one_where_its_condition_holds():
    # 1(3 > 2) = 1, 1(2 >= 3) = 0; ∂max(x, y)/∂y is 1 where y > x, so 1(x >= y) for it is a slip
    notes = (
        "$\\mathbb{1}(3 > 2) = 1$ and $\\mathbb{1}(2 >= 3) = 1$.\n\n"
        "Let $f(x, y) = \\max(x, y)$; not $\\frac{\\partial f}{\\partial y} = \\mathbb{1}(x >= y)$.\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed", "failed"]
