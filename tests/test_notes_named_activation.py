r"""`symnn check` on tutorials that name their activation in the prose and write ``f`` for it (its formula shown as a
picture), and on entries of a vector stated whole (``w_1`` of ``w = [0, 1]``).

Notes of our own, in the style of such a tutorial. Every expected verdict was worked out by hand:

- w = [0, 1], b = 4, x = [2, 3]: w·x + b = 0·2 + 1·3 + 4 = 7; σ(7) = 1/(1 + e^{-7}) = 0.999088…, so 0.999;
- σ(3) = 0.952574…, so 0.9526 (0.9256 is a slip); tanh(1) = 0.761594…, so 0.7616;
- h_1 = f(w_1 x_1 + w_2 x_2 + b_1): ∂h_1/∂w_1 = x_1 f'(w_1 x_1 + w_2 x_2 + b_1), whatever x_1 is.
"""

from __future__ import annotations

from symnn.notes import check_notes

NEURON = r"""Assume a neuron that uses the sigmoid activation function, with weights $w = [0, 1]$ and bias $b = 4$.

Given the input $x = [2, 3]$, $(w_1 * x_1) + (w_2 * x_2) + b = 0 * 2 + 1 * 3 + 4 = 7$.

$$y = f(w \cdot x + b) = f(7) = 0.999$$

$$f(3) = 0.9526$$

We write $h_1 = f(w_1x_1 + w_2x_2 + b_1)$, so $\frac{\partial h_1}{\partial w_1} = x_1 * f'(w_1x_1 + w_2x_2 + b_1)$.
"""


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_f_is_the_activation_the_prose_names():
    claims = check_notes(NEURON).claims
    assert [c.status for c in claims] == ["verified", "verified", "verified", "printed", "printed", "verified"]
    assert "f read as the sigmoid the prose names on line 1" in claims[3].reason


def test_a_slip_in_a_value_of_the_named_activation_is_caught():
    assert _statuses(NEURON.replace("0.9526", "0.9256"))[4] == "failed"


def test_tanh_named_in_the_prose():
    notes = "The hidden layer uses the tanh activation.\n\n$f(1) \\approx 0.7616$, and $f(1) \\approx 0.7716$.\n"
    assert _statuses(notes) == ["verified", "failed"]  # (≈ to the digits printed is a ✓)


def test_no_reading_when_two_activations_are_named_or_none():
    assert _statuses("We compare sigmoid and tanh units.\n\n$f(3) = 0.9526$\n") == ["unchecked"]
    assert _statuses("Here is a function.\n\n$f(3) = 0.9526$\n") == ["unchecked"]


def test_a_reading_no_claim_bears_out_is_dropped():
    # f is not the sigmoid here (f(0) would be 0.5): no claim holds so, and the failures are not the notes' slips
    notes = "The sigmoid activation comes later.\n\n$f(0) = 0$ and $f(1) = 1$.\n"
    assert _statuses(notes) == ["unchecked", "unchecked"]


def test_a_function_the_notes_define_is_theirs():
    notes = "The sigmoid activation is not used here. Let $f(x) = 2x$.\n\n$f(3) = 6$\n"
    assert _statuses(notes) == ["verified"]


def test_two_new_names_for_one_value_at_the_head_of_a_longer_chain():
    # h_1 = h_2 = f(w·x + b) = f(3) = 0.9526 with w = [0, 1], b = 0, x = [2, 3]: h_1 and h_2 both σ(3)
    notes = (
        "The neuron uses the sigmoid activation, with $w = [0, 1]$, $b = 0$ and $x = [2, 3]$.\n\n"
        "$$h_1 = h_2 = f(w \\cdot x + b) = f(3) = 0.9526$$\n\n$h_1 + h_2 \\approx 1.905$\n"
    )
    assert _statuses(notes) == ["verified", "printed", "verified"]


def test_all_the_weights_and_biases_stated_in_words():
    # "all the weights to 1 and all the biases to 0", x = [-2, -1]: w_1 x_1 + w_2 x_2 + b_1 = -2 - 1 + 0 = -3
    notes = (
        "Let $x = [-2, -1]$. Let's initialize all the weights to $1$ and all the biases to $0$.\n\n"
        "$$w_1x_1 + w_2x_2 + b_1 = -2 + -1 + 0 = -3$$\n\n"
        "$\\frac{\\partial}{\\partial w_1} (w_1x_1 + w_2x_2 + b_1) = x_1$\n"
    )
    assert _statuses(notes) == ["verified", "verified", "verified"]
    assert _statuses(notes.replace("+ 0 = -3", "+ 0 = -4"))[1] == "failed"
    assert _statuses(notes.replace("all the biases to $0$", "all the biases to $1$"))[0] == "failed"


# "σ is the sigmoid function" after σ(z) = max(0, z) in a list of other activations: σ(11) = 1/(1 + e^{-11})
# = 0.99998329857815…, to four places 1.0000 (0.9999 is cut off); σ(1) = 0.7310585… ≈ 0.7311.
LISTED_THEN_NAMED = r"""Other activations:
* Hyperbolic tangent: $\sigma(z) = \tanh(z)$
* Rectified linear unit: $\sigma(z) = \max(0, z)$

For our network $$h = \sigma(W^T x),$$ where $\sigma$ is the sigmoid function.

$h_1 = \sigma(1.0 \times 5.0 + 2.0 \times 3.0) = 0.99998$ and $h_2 = \sigma(1) = 0.7311$.
"""


def test_the_prose_saying_what_a_name_is_defines_it():
    claims = [c for c in check_notes(LISTED_THEN_NAMED).claims if c.line == 7]
    assert [c.status for c in claims][-2:] == ["printed", "printed"]  # (σ(11) = 11 as ReLU before)


def test_a_slip_is_caught_with_the_activation_the_prose_names():
    slipped = LISTED_THEN_NAMED.replace("= 0.7311$", "= 0.7211$")
    assert [c.status for c in check_notes(slipped).claims if c.line == 7][-1] == "failed"


def test_the_prose_must_say_the_name_is_the_activation():
    unsaid = LISTED_THEN_NAMED.replace("where $\\sigma$ is the sigmoid function", "as in the figure")
    assert "printed" not in [c.status for c in check_notes(unsaid).claims if c.line == 7][-1:]
