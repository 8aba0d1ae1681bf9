"""Drawing the sheets of a topic: ``generate("backprop", seed=3, variants=30)``.

Examples:
    >>> sheet = generate("descent", seed=1)[0]
    >>> sheet.topic, sheet.variant, sheet.questions[0].id
    ('descent', 1, 'q1')
"""

from __future__ import annotations

from collections.abc import Mapping

from symnn.errors import SymnnError
from symnn.exercise.draw import Draw
from symnn.exercise.model import Exercise
from symnn.exercise.topics import topic

__all__ = ["MAX_VARIANTS", "generate"]

#: The most sheets one call draws.
MAX_VARIANTS = 500


def generate(
    name: str, seed: int = 0, variants: int = 1, options: Mapping[str, str] | None = None
) -> tuple[Exercise, ...]:
    """``variants`` numbered sheets of topic ``name`` drawn with ``seed``.

    Args:
        name: a topic of :data:`symnn.exercise.topics.TOPICS`.
        seed: the seed; the same seed gives the same sheets.
        variants: how many sheets (1 to :data:`MAX_VARIANTS`).
        options: topic options (backprop: ``layers``, ``activation``); unknown ones are refused.

    Raises:
        SymnnError: for an unknown topic or option, or a count out of range.
    """
    module = topic(name)
    if not 1 <= variants <= MAX_VARIANTS:
        raise SymnnError(f"--variants must be between 1 and {MAX_VARIANTS}, got {variants}")
    given = dict(options or {})
    unknown = sorted(set(given) - set(module.OPTIONS))
    if unknown:
        raise SymnnError(
            f"topic {name} has no option {unknown[0]!r}"
            + (f"; it takes {', '.join(module.OPTIONS)}" if module.OPTIONS else "")
        )
    chosen = {**module.OPTIONS, **given}
    return tuple(module.build(Draw.for_sheet(name, seed, k), seed, k, chosen) for k in range(1, variants + 1))
