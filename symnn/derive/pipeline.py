r""":func:`derive`: the pipeline of named stages, then the judgement of every stated identity."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp

from symnn.backprop import prove_backprop
from symnn.derive.checked import what_was_checked
from symnn.derive.forward import architecture, cost_function, forward_equations, network_function, parameter_table
from symnn.derive.lemma import activation_functions, lemma_one
from symnn.derive.matrix import layer_jacobians, matrix_form
from symnn.derive.numbers import values_at
from symnn.derive.paths import parameter_derivative
from symnn.derive.records import Budget, DataPoint, Derivation, Value
from symnn.derive.setting import Setting, _piecewise, _proof_network
from symnn.document.model import (
    Document,
    Section,
    judge,
)
from symnn.network import Network

# ============================================================================ the pipeline


#: The budget of a derivation unless told otherwise.
DEFAULT_BUDGET = Budget()


def derive(
    network: Network,
    wrt: Sequence[sp.Symbol] = (),
    data: DataPoint | None = None,
    budget: Budget = DEFAULT_BUDGET,
) -> Derivation:
    r"""The derivation of backpropagation for ``network``, every stated identity checked.

    Args:
        network: the network (any layer sizes, activations, cost).
        wrt: parameters whose derivative is written out through the chain rule.
        data: a point and parameter values for the numbers section, or None.
        budget: how much is written out entry by entry.

    Returns:
        A :class:`Derivation`; ``.latex()`` is the document.

    Examples:
        >>> d = derive(Network([1, 1, 1]))
        >>> d.ok, len(d.checks) > 3
        (True, True)
    """
    proved_on = _proof_network(network, budget)
    proof = prove_backprop(proved_on, real_limit=0 if _piecewise(network) else 40)
    setting = Setting(network, network.backprop(), budget, proof, proved_on)
    stages: list[Callable[[Setting], Section]] = [
        architecture,
        parameter_table,
        forward_equations,
        network_function,
        cost_function,
        activation_functions,
        lemma_one,
        matrix_form,
        layer_jacobians,
    ]
    sections = [stage(setting) for stage in stages]
    sections += [parameter_derivative(setting, theta) for theta in wrt]
    values: tuple[Value, ...] = ()
    if data is not None:
        section, values = values_at(setting, data, wrt)
        sections.append(section)
    sections.append(what_was_checked(setting, sections))
    results = judge(Document(_title(network), tuple(sections))).results
    return Derivation(network, _title(network), tuple(sections), setting.proof, proved_on, values, results)


def _title(network: Network) -> str:
    acts = [network.activations[layer].name for layer in network.hidden_and_output]
    act = acts[0] if len(set(acts)) == 1 else ", ".join(acts)
    if network.loss.softmax_output:
        act = ", ".join(acts[:-1]) + " and softmax output" if len(acts) > 1 else "softmax output"
    layers = "-".join(str(n) for n in network.layers)
    return f"Backpropagation for the {layers} network ({act}, {network.loss.name} cost)"
