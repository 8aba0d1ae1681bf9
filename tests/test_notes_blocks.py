r"""Finding math blocks (markdown-it-py, nbformat, LaTeX), budgets and isolation of claims.

The expected lines are counted by hand in the small sources written here.
"""

from __future__ import annotations

import json
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from symnn.notes import check_notes
from symnn.notes.extract import find

MARKDOWN = r"""Inline \(a=1\) and $c=3$.

> quote $e = 5$
> $$
> f = 6
> $$

- item $g=7$

```math
h = 8
```

\begin{align}
i &= 9
\end{align}

$$\begin{aligned} j&=10 \end{aligned}$$

\\[ k = 11 \\] and \\( l = 12 \\)

`$m=13$` is code, and so is

    $p = 16$

```python
q = "$17$"
```
"""


def test_every_kind_of_markdown_math_is_found_with_its_line_and_code_is_left_alone():
    formulas, problems = find(MARKDOWN)
    found = [(f.line, " ".join(f.text.split())) for f in formulas]
    assert found == [
        (1, "a=1"),
        (1, "c=3"),
        (3, "e = 5"),
        (4, "f = 6"),
        (8, "g=7"),
        (11, "h = 8"),
        (14, r"\begin{align} i &= 9 \end{align}"),
        (18, r"\begin{aligned} j&=10 \end{aligned}"),
        (20, "k = 11"),
        (20, "l = 12"),
    ]
    assert problems == []


def test_math_in_quotes_lists_fences_and_environments_is_checked():
    report = check_notes(MARKDOWN.replace("= 9", "= 9 = 4 + 5").replace("f = 6", "6 = 2 \\cdot 3"))
    assert {(c.line, c.status) for c in report.claims} >= {(15, "verified"), (5, "verified")}


def test_an_unclosed_dollar_is_reported():
    report = check_notes("All is $1 + 1 = 2$ but then $x + 1 = 3 is never closed.\n")
    assert [b.reason for b in report.quiet_blocks if "unclosed" in b.reason]


def test_notebook_cells_and_lines():
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": "x = '$1+1=3$'", "outputs": [], "execution_count": None},
            {"cell_type": "markdown", "metadata": {}, "source": "Text\n\n$2 + 2 = 5$"},
        ],
    }
    report = check_notes(json.dumps(notebook), "n.ipynb", "notebook")
    (claim,) = report.claims
    assert (claim.cell, claim.line, claim.status) == (2, 3, "failed")


HOSTILE = [
    "$" + "1" * 2000 + " = 1$",
    r"$\exp(\exp(\exp(\exp(\exp(1))))) = 1$",
    r"$\begin{bmatrix} a & b & c \\ d & e & f \\ g & h & k \end{bmatrix}^{64} = 1$",
    r"$(\sqrt2+\sqrt3+\sqrt5+\sqrt7)^{9999} = 1$",
    r"$\exp(\exp(\exp(\exp(10)))) = 1$",
    r"$9^{5000} = 1$",
]


def test_hostile_claims_are_unchecked_in_bounded_time_and_the_others_still_judged():
    notes = "$1 + 1 = 2$\n\n" + "\n\n".join(HOSTILE) + "\n\n$2 + 2 = 5$\n"
    start = time.monotonic()
    report = check_notes(notes, seconds=2.0)
    elapsed = time.monotonic() - start
    statuses = [c.status for c in report.claims]
    assert statuses[0] == "verified" and statuses[-1] == "failed"
    assert all(c.status == "unchecked" and c.reason for c in report.claims[1:-1])
    assert elapsed < 2.0 * len(HOSTILE) + 10


_PIECES = st.sampled_from(
    [
        "$",
        "$$",
        "\\[",
        "\\]",
        "=",
        "1",
        "0.5",
        "x",
        "f(x)",
        "\\frac{1}{2}",
        "\\sigma(",
        ")",
        "{",
        "}",
        "\n",
        "\n\n",
        "\\begin{align}",
        "\\end{align}",
        "&",
        "\\\\",
        "`",
        "```",
        "> ",
        "- ",
        "\\operatorname{sgn}",
        "^{",
        "_",
        " ",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.sampled_from(["markdown", "latex"]))
def test_fuzzed_notes_never_crash_and_finish(pieces, kind):
    start = time.monotonic()
    report = check_notes("".join(pieces), kind=kind, seconds=1.0)
    assert time.monotonic() - start < 30
    for claim in report.claims:
        assert claim.status in ("verified", "printed", "failed", "unchecked")
        assert "\n" not in claim.reason


def test_a_computation_typed_as_text_in_a_table_cell_is_read():
    # 0.5·0 + 0.5·0 - 0.7 = -0.7 ✓; 0.5(1) + 0.5(1) - 0.7 is 0.3, so "= 0.4" is a slip; a cell with
    # maths markup is read with the maths, once
    from symnn.notes import check_notes

    notes = (
        "| x1 | x2 | weighted sum | output |\n|----|----|----|----|\n"
        "| 0 | 0 | 0.5*0 + 0.5*0 - 0.7 = -0.7 | 0 |\n"
        "| 1 | 1 | 0.5(1) + 0.5(1) - 0.7 = 0.4 | 1 |\n"
        "| 0 | 1 | $0.5 \\cdot 0 + 0.5 \\cdot 1 - 0.7 = -0.2$ | 0 |\n"
    )
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims] == [(3, "verified"), (4, "failed"), (5, "verified")]


def test_kramdown_table_rows_without_a_rule_and_a_star_turned_underscore():
    # kramdown reads pipe rows with no rule under the head as a table; "0.6 _ 0.5" is 0.6 * 0.5 that a converter
    # made emphasis. - 0.2 + 0.5 = 0.3 (the leading minus is a sign, not a bullet); 1/(1 + e^{-0.3}) = 0.5744…;
    # 0.6 · 0.5 - 0.1 = 0.2; /frac is \frac typed with a slash
    from symnn.notes import check_notes

    notes = (
        "| $$ Unit $$ | $$ Net $$ | $$ Out $$ |\n"
        "| 1 | - 0.2 + 0.5 = 0.3 | $$ /frac{1} {1 + e^-0.3} = 0.574 $$ |\n"
        "| 2 | 0.6 _ 0.5 - 0.1 = 0.2 | x |\n"
    )
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims] == [(2, "verified"), (2, "printed"), (3, "verified")]
    slipped = notes.replace("- 0.2 + 0.5 = 0.3", "- 0.2 + 0.5 = 0.7").replace("0.1 = 0.2", "0.1 = 0.3")
    assert [(c.line, c.status) for c in check_notes(slipped).claims] == [(2, "failed"), (2, "printed"), (3, "failed")]


def test_an_iteration_table_states_each_function_at_the_rows_variable():
    # J(θ) = (θ - 3)², J'(θ) = 2(θ - 3): at θ = 0.6, J = 5.76 and J' = -4.8; at 1.08, 3.6864 and -3.84.
    # The step column is a label; 5.67 for 5.76 is a slip caught at its row.
    from symnn.notes import check_notes

    notes = (
        "Let $J(\\theta) = (\\theta - 3)^2$, so $J'(\\theta) = 2(\\theta - 3)$.\n\n"
        "| step | $\\theta$ | $J(\\theta)$ | $J'(\\theta)$ |\n|---|---|---|---|\n"
        "| 1 | 0.6 | 5.76 | -4.8 |\n| 2 | 1.08 | 3.6864 | -3.84 |\n"
    )
    claims = [(c.line, c.text, c.status) for c in check_notes(notes).claims if c.line > 1]
    assert claims == [
        (5, "J(0.6) = 5.76", "verified"), (5, "J'(0.6) = -4.8", "verified"),
        (6, "J(1.08) = 3.6864", "verified"), (6, "J'(1.08) = -3.84", "verified"),
    ]
    slipped = check_notes(notes.replace("| 5.76 |", "| 5.67 |")).claims
    assert [c.status for c in slipped if c.line == 5] == ["failed", "verified"]


def test_two_displays_on_one_line_are_two_formulas():
    # $$x_\text{new} = 2$$ and $$x_\text{new} + 1 = 3$$: markdown-it's block rule reads one display from the first
    # $$ to the last; they are two, the second a claim (2 + 1 = 3), and = 4 a slip
    from symnn.notes import check_notes

    notes = "$$x_\\text{new} = 2$$ and $$x_\\text{new} + 1 = 3$$\n"
    assert [(c.text, c.status) for c in check_notes(notes).claims] == [("x_\\text{new} + 1 = 3", "verified")]
    assert [c.status for c in check_notes(notes.replace("= 3$$", "= 4$$")).claims] == ["failed"]
