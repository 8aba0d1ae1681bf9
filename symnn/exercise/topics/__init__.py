"""The exercise topics, one module each: ``build(draw, seed, variant, options) -> Exercise``.

A topic module defines ``TITLE``, ``OPTIONS`` (its options and their defaults) and
``build``. :data:`TOPICS` maps the name used on the command line to the module.
"""

from __future__ import annotations

from types import ModuleType

from symnn.errors import SymnnError
from symnn.exercise.topics import backprop, chain_rule, descent, gradient, jacobian

__all__ = ["TOPICS", "topic"]

TOPICS: dict[str, ModuleType] = {
    "gradient": gradient,
    "descent": descent,
    "jacobian": jacobian,
    "chain-rule": chain_rule,
    "backprop": backprop,
}


def topic(name: str) -> ModuleType:
    """The topic module named ``name``.

    Raises:
        SymnnError: for an unknown topic (the message lists the known ones).
    """
    if name not in TOPICS:
        raise SymnnError(f"unknown topic {name!r}; known: {', '.join(TOPICS)}")
    return TOPICS[name]
