r"""Course notes, "Neural Networks as Functions": the chain rule dL/dw = dL/dŷ · dŷ/dw."""

import sympy as sp

from symnn import activation
from symnn.report.steps import calculate, check, equation, prose, section, show
from symnn.verify import equal

ORDER = 10
TITLE = "The chain rule behind training"
SOURCE = "course_notes.md, section 'Neural Networks as Functions'"
STATEMENT = (
    r"Training needs the derivative of the loss with respect to every weight; by the chain rule "
    r"$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat y} \cdot \frac{\partial \hat y}{\partial w}$. "
    r"We check it for one sigmoid neuron $\hat y = \sigma(w x + b)$ with the quadratic loss "
    r"$L = \tfrac12 (\hat y - y)^2$."
)

WHERE = "course_notes.md, Neural Networks as Functions"


def derive():
    w, b, x, y, yhat = sp.symbols(r"w b x y \hat{y}")
    sigma = activation("sigmoid")
    neuron = sigma(w * x + b)
    loss_of_yhat = sp.Rational(1, 2) * (yhat - y) ** 2
    loss = loss_of_yhat.xreplace({yhat: neuron})
    dL_dyhat = sp.diff(loss_of_yhat, yhat).xreplace({yhat: neuron})
    dyhat_dw = sp.diff(neuron, w)
    chain = dL_dyhat * dyhat_dw
    at_point = {w: sp.Rational(1, 2), b: -sp.Rational(1, 4), x: sp.Rational(1, 2), y: 1}
    return [
        section(
            "One neuron, one weight",
            show(r"\hat y", r"\sigma(w x + b)", neuron),
            show(r"\frac{\partial L}{\partial \hat y}", sp.diff(loss_of_yhat, yhat)),
            show(
                r"\frac{\partial \hat y}{\partial w}",
                r"\sigma'(w x + b)\, x",
                r"\sigma(w x + b)\bigl(1 - \sigma(w x + b)\bigr)\, x",
            ),
            prose(
                r"Differentiating $L(\sigma(w x + b))$ directly (\texttt{sympy.diff}, no chain rule "
                r"written by hand) must give the product of the two factors:"
            ),
            check(
                equal(
                    WHERE,
                    r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}} \cdot "
                    r"\frac{\partial \hat{y}}{\partial w}",
                    chain,
                    sp.diff(loss, w),
                )
            ),
            prose(
                r"At $w = \tfrac12$, $b = -\tfrac14$, $x = \tfrac12$ the weighted input is $w x + b = 0$, "
                r"so $\hat y = \sigma(0) = \tfrac12$ and $\sigma'(0) = \tfrac14$ exactly; with target $y = 1$:"
            ),
            calculate(
                r"\hat y",
                neuron,
                at_point,
                printed=sp.Rational(1, 2),
                where=f"{WHERE}, at w x + b = 0",
                substitution=r"\sigma\left(0.5 \cdot 0.5 - 0.25\right) = \sigma(0)",
            ),
            equation(
                r"\frac{\partial L}{\partial w}",
                r"(\hat y - y)\,\sigma'(0)\, x",
                r"\left(\tfrac12 - 1\right) \cdot \tfrac14 \cdot \tfrac12",
                value=sp.diff(loss, w).xreplace(at_point),
                printed=sp.Rational(-1, 16),
                where=f"{WHERE}, at w x + b = 0",
            ),
        )
    ]
