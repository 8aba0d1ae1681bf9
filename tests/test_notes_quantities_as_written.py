r"""`symnn check` on quantities written as blog posts and notebooks write them.

Notes of our own; every expected verdict was worked out by hand:

- 90\% is 0.90 and 20\% is 0.20, so 0.5 × 20\% = 10\% (0.10) and not 11\%;
- y^{(in)}, y_1^{(\mathit{in})}, h^{(\text{out})}: the layer's word in the superscript is part of the name, never a
  power (y^{(in)} = 1 + 2 defines it: 3; then y^{(in)} - 1 = 2);
- p(y = 1) and \tilde{p}(y = 1) are the probabilities of an event, one quantity each, so p(y = 1) = e^x / (1 + e^x)
  defines it and p(y = 1) = 1 / (1 + e^{-x}) is an identity (multiply by e^{-x}/e^{-x});
  \mathcal{L}(\theta | t) is one quantity likewise;
- \Sigma_C, a capital sigma with a subscript that is no range, names the sum it is defined as;
- a notebook's \newcommand in a Markdown cell is read: \bbx is {\bf x};
- ln s^\top is the transpose of ln s (the row of the logarithms), not ln s to a power;
- L = (0.91 + 0.91 + 2.3)/3 = 1.37, then for a second model L = (0.35 + 0.35 + 1.2)/3 = 0.63: the same sum of
  new numbers, a new value of L (0.6333… rounds to 0.63), not a wrong restatement of 1.37.
"""

from __future__ import annotations

import json

from symnn.notes import check_file, check_notes


def _verdicts(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


def test_a_percentage_is_the_decimal_it_stands_for():
    notes = "$$p = 90\\% = 0.9$$\n\n$$0.5 \\times 20\\% = 10\\%$$\n\n$$0.5 \\times 20\\% = 11\\%$$\n"
    assert _verdicts(notes) == [(1, "verified"), (3, "verified"), (5, "failed")]


def test_a_layer_word_in_a_superscript_is_part_of_the_name():
    notes = "$$y^{(in)} = 1 + 2$$\n\n$$y^{(in)} - 1 = 2$$\n\n"
    notes += "$$y_1^{(\\mathit{in})} = 4$$\n\n$$y_1^{(\\mathit{in})} + 1 = 5$$\n"
    assert _verdicts(notes) == [(3, "verified"), (7, "verified")]
    assert _verdicts(notes.replace("- 1 = 2", "- 1 = 8")) == [(3, "failed"), (7, "verified")]


def test_the_probability_of_an_event_is_one_quantity():
    notes = r"""$$p(y = 1) = \frac{e^x}{1 + e^x}$$

$$p(y = 1) = \frac{1}{1 + e^{-x}}$$

$$\tilde{p}(y = 1) = e^x$$

$$\frac{\tilde{p}(y = 1)}{1 + \tilde{p}(y = 1)} = \frac{1}{1 + e^{-x}}$$
"""
    assert _verdicts(notes) == [(3, "verified"), (7, "verified")]
    right, wrong = "\\tilde{p}(y = 1)} = \\frac{1}{1 + e^{-x}}", "\\tilde{p}(y = 1)} = \\frac{1}{1 - e^{-x}}"
    slipped = notes.replace(right, wrong)
    assert _verdicts(slipped) == [(3, "verified"), (7, "unchecked")]  # (an equation in x? never ✓)


def test_a_capital_sigma_with_a_subscript_names_a_sum():
    notes = r"""Let $\Sigma_C = \sum_{d=1}^{2} e^{z_d}$.

$$\Sigma_C - e^{z_1} = e^{z_2}$$
"""
    assert _verdicts(notes) == [(3, "verified")]
    assert _verdicts(notes.replace("= e^{z_2}$$", "= e^{z_1}$$")) == [(3, "failed")]


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "markdown", "metadata": {}, "source": cell} for cell in cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_a_notebooks_own_macros_are_read_from_its_cells(tmp_path):
    path = tmp_path / "macros.ipynb"
    path.write_text(
        _notebook(
            "Let\n$$\n\\newcommand{\\bbx}{{\\bf x}}\n\\bbx = [1, 2]^T\n$$\n\nThen $\\bbx^T \\bbx = 5$.",
            "A cell of prose.",
        )
    )
    assert [c.status for c in check_file(path).claims] == ["verified"]
    path.write_text(path.read_text().replace("= 5$", "= 6$"))
    assert [c.status for c in check_file(path).claims] == ["failed"]


SECOND_MODEL = r"""For the first model:

$$
L = \frac{0.91 + 0.91 + 2.3}{3} = 1.37
$$

The cross entropy of the second model is

$$
L = \frac{0.35 + 0.35 + 1.2}{3} = 0.63
$$
"""


def test_the_same_sum_of_new_numbers_is_a_new_value():
    claims = check_notes(SECOND_MODEL).claims
    assert [c.status for c in claims if c.status == "failed"] == []
    assert [(c.line, c.status) for c in claims if c.text.endswith("= 0.63")] == [(10, "printed")]
    slipped = check_notes(SECOND_MODEL.replace("= 0.63", "= 0.65")).claims
    assert [(c.line, c.status) for c in slipped if c.text.endswith("= 0.65")] == [(10, "failed")]


def test_a_transpose_after_a_functions_argument():
    # ln s^T of s = (1, e): the row (0, 1); its transpose times y = (2, 3) is 0·2 + 1·3 = 3, not 2
    notes = "Let $\\mathbf s = [1, e]^T$ and $\\mathbf y = [2, 3]^T$.\n\n"
    notes += "$$3 = \\mathbf y^T (\\ln \\mathbf s^\\top)^\\top$$\n"
    assert _verdicts(notes) == [(3, "verified")]
    assert _verdicts(notes.replace("$$3 =", "$$2 =")) == [(3, "failed")]
