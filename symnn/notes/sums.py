r"""Sums over an index: ``\sum_{i=1}^{3} x_i`` term by term, ``\sum_{i=1}^{N}`` at small sizes.

A sum with numbers for bounds is expanded into its terms, ``y_i`` becoming ``y_1``, ``y_2``, …
(each looked up among the stated values). A sum whose upper bound is a name (``N``) or not
written (``\sum_j e^{x_j}``) is a statement for every size: it is judged for n = 1, 2, 3 terms,
each term a symbol of its own, with an index that stands free (``x_i`` beside ``\sum_j``) taking
every value 1..n. That is exact at each size but not a proof for every n, and the verdict says
so. Sides that differ at every size are a counterexample (✗); sides that agree at some sizes
only (``\sum_i i = 3``) speak of a range the notes do not state, and stay unchecked.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from symnn.notes.syntax import Name, Node, Summation, walk

__all__ = [
    "BOLD",
    "GENERIC_SUM",
    "INDEXED",
    "INDEX_LETTERS",
    "SIZES",
    "Generic",
    "IndexCase",
    "by_layer",
    "current_case",
    "entry_vector",
    "free_indices",
    "generic",
    "holding_instance",
    "in_case",
    "index_case",
    "instances",
    "layered",
    "renamed",
    "size_names",
    "summed_vectors",
    "template_entries",
    "term",
    "terms",
    "vectors_of",
]

#: The message of a sum whose number of terms is not stated (judged again at each size).
GENERIC_SUM = "a sum over any number of terms"
#: The sizes a sum of any number of terms is judged at.
SIZES = (1, 2, 3)
#: Letters that index the entries of a vector in notes (``y_i``, ``w_{jk}``).
INDEX_LETTERS = frozenset("cijklmn")  # c: the class of a softmax (p_c, z_c)
#: A name with letters for its subscript, and what follows it: ``y_i``, ``w_{jk}``, ``y_j__star`` (y^*_j).
INDEXED = re.compile(r"^(?P<stem>[A-Za-z]\w*?)_(?P<letters>[a-z]{1,2})(?P<rest>__\w+)?$")
_SUBSCRIPTED = re.compile(r"^(?P<stem>.+?)_(?P<sub>[a-z0-9]+)(?P<sup>__\w+)?$")


@dataclass(frozen=True)
class Generic:
    """One instance of a claim with sums of any size: ``size`` terms, the bounds named, each index's value."""

    size: int
    bounds: frozenset[str] = frozenset()
    indices: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        shown = ", ".join(f"{k} = {v}" for k, v in sorted(self.indices.items()))
        return f"n = {self.size}" + (f", {shown}" if shown else "")


_CURRENT: ContextVar[Generic | None] = ContextVar("symnn_notes_generic_sum", default=None)


@dataclass(frozen=True)
class IndexCase:
    """A case the prose states for two indices: ``j \neq i`` (``distinct``) or ``i = j``."""

    first: str
    second: str
    distinct: bool

    def describe(self) -> str:
        return f"{self.first} {'≠' if self.distinct else '='} {self.second}"

    def allows(self, indices: dict[str, int]) -> bool:
        if self.first not in indices or self.second not in indices:
            return True
        return (indices[self.first] != indices[self.second]) == self.distinct


_CASE: ContextVar[IndexCase | None] = ContextVar("symnn_notes_index_case", default=None)
_CASE_TEXT = re.compile(r"\s*([i-n])\s*(\\neq|\\ne|=|≠)\s*([i-n])\s*[.,:;]?\s*")


def index_case(text: str) -> IndexCase | None:
    """The case ``$j \neq i$`` or ``$i = j$`` written as a formula of its own, or None."""
    match = _CASE_TEXT.fullmatch(text)
    if match is None or match[1] == match[3]:
        return None
    return IndexCase(match[1], match[3], match[2] != "=")


def current_case() -> IndexCase | None:
    """The case the prose stated for the formula being judged."""
    return _CASE.get()


@contextmanager
def in_case(case: IndexCase | None) -> Iterator[None]:
    """Judge with ``case`` the prose stated (None: every case)."""
    with _holding(_CASE, case):
        yield


def generic() -> Generic | None:
    """The instance being judged, or None outside :func:`instances`."""
    return _CURRENT.get()


@contextmanager
def holding_instance(instance: Generic) -> Iterator[None]:
    """Judge with ``instance`` current: sums without a bound take its size."""
    with _holding(_CURRENT, instance):
        yield


@contextmanager
def _holding(variable: ContextVar[Any], value: object) -> Iterator[None]:
    """``variable`` set to ``value`` for the block."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


@contextmanager
def term(index: str, value: int) -> Iterator[None]:
    """Inside one term of a sum: ``index`` is ``value``."""
    with terms({index: value}):
        yield


@contextmanager
def terms(values: dict[str, int]) -> Iterator[None]:
    """Inside one term of several sums at once: each index of ``values`` has its value."""
    current = _CURRENT.get() or Generic(0)
    with _holding(_CURRENT, Generic(current.size, current.bounds, {**current.indices, **values})):
        yield


def renamed(name: str, indices: dict[str, int]) -> str:
    """``y_i`` → ``y_2`` when i = 2; ``w_ij`` → ``w_21``; a name whose subscript holds other letters stays.

    Read :func:`by_layer`, each index keeps its letter: ``a_k`` → ``a_k2``, ``w_jk`` → ``w_j1k2`` (a_j and a_k
    are the units of two layers, never the same quantity)."""
    match = _SUBSCRIPTED.match(name)
    if match is None:
        return name
    sub = match["sub"]
    if not any(ch in indices for ch in sub) or any(ch.isalpha() and ch not in indices for ch in sub):
        return name
    tagged = _LAYERED.get()
    number = "".join((ch * tagged + str(indices[ch])) if ch.isalpha() else ch for ch in sub)
    return f"{match['stem']}_{number}{match['sup'] or ''}"


_LAYERED: ContextVar[bool] = ContextVar("symnn_notes_layered_indices", default=False)
_LAYER_SIZES: ContextVar[tuple[int, ...]] = ContextVar("symnn_notes_layer_sizes", default=SIZES[:2])


def layered() -> bool:
    """Whether each index letter names a layer (:func:`by_layer`)."""
    return _LAYERED.get()


@contextmanager
def by_layer(sizes: tuple[int, ...] = SIZES[:2]) -> Iterator[None]:
    r"""Read index letters as layers, as backpropagation derivations write them: i the inputs, j the hidden
    units, k the outputs, so ``a_j = g_j(z_j)``, ``z_k = b_k + \sum_j a_j w_{jk}`` and ``a_k = g_k(z_k)`` are
    three layers, and a_i (no formula of its own) the inputs."""
    with _holding(_LAYERED, True), _holding(_LAYER_SIZES, sizes):
        yield


def size_names(nodes: list[Node]) -> frozenset[str]:
    """The names that bound the sums of ``nodes`` (``N`` of ``\\sum_{i=1}^{N}``)."""
    return frozenset(
        n.upper.name for node in nodes for n in walk(node) if isinstance(n, Summation) and isinstance(n.upper, Name)
    )


def free_indices(node: object, bound: frozenset[str] = frozenset()) -> set[str]:
    """Index letters of ``node``'s names that no sum around them binds (i in ``x_i - \\sum_j x_j``)."""
    if isinstance(node, Summation):
        excluded = {node.excluded} - bound if node.excluded else set()  # i of \sum_{j \neq i}
        return (
            excluded
            | free_indices(node.lower, bound)
            | free_indices(node.upper, bound)
            | free_indices(node.body, bound | {node.index})
        )
    names = [node.name] if isinstance(node, Name) else list(getattr(node, "wrt", ()) or ())
    if getattr(node, "wrt", None) and isinstance(getattr(node, "name", None), str):
        names.append(node.name)  # type: ignore[attr-defined]  # the a_j of \frac{\partial a_j}{\partial z_i}
    letters: set[str] = set()
    for name in names:  # y_i, and the x_i of \frac{\partial}{\partial x_i}
        match = _SUBSCRIPTED.match(name)
        letters |= set(match["sub"]) & INDEX_LETTERS if match else set()
    if isinstance(node, Name):
        return letters - bound
    found: set[str] = letters - bound
    if isinstance(node, Node):
        for value in vars(node).values():
            found |= free_indices(value, bound)
    elif isinstance(node, tuple):
        for item in node:
            found |= free_indices(item, bound)
    return found


def instances(nodes: list[Node], defined: Iterable[Node] = ()) -> Iterator[Generic]:
    r"""Each size of :data:`SIZES` with each value of the free indices of ``nodes``; the instance is current while
    judged. The bounds of the sums in ``defined`` (the bodies of the quantities they use: the ``n`` of
    ``L = \frac{1}{n} \sum_{i=1}^{n} A_i^2``) take each size too."""
    bounds = size_names([*nodes, *defined])
    free = sorted(set().union(*(free_indices(n) for n in nodes)))
    if len(free) > (3 if _LAYERED.get() else 2):
        return
    case = _CASE.get()
    for size in _LAYER_SIZES.get() if _LAYERED.get() else SIZES:  # (by layer: three indices, at two sizes at most)
        for values in itertools.product(range(1, size + 1), repeat=len(free)):
            value = Generic(size, bounds, dict(zip(free, values, strict=True)))
            if case is not None and not case.allows(value.indices):
                continue  # "for $j \neq i$": only the case the notes are about
            with _holding(_CURRENT, value):
                yield value


#: The vectors whose entries the sums of the claim being judged add (``θ`` of ``\sum_{i=0}^{n} θ_i x_i``): the name
#: written bare, as (stem, index letter, lower bound, upper bound).
_VECTORS: ContextVar[dict[str, tuple[str, str, Node | None, Node | None]] | None] = ContextVar(
    "symnn_notes_entry_vectors", default=None
)
#: The prefixes of a bold name, a vector's: ``mathbf_x`` of ``\mathbf{x}``, ``boldsymbol_theta``, ``vec_v``, ``bm_w``.
BOLD = ("mathbf_", "boldsymbol_", "vec_", "bm_")


@contextmanager
def vectors_of(nodes: list[Node]) -> Iterator[None]:
    r"""While a claim with sums is judged: ``θ`` (or ``\mathbf{θ}``) written bare beside ``\sum_{i=0}^{n} θ_i x_i``
    is the vector of the entries the sum adds, θ_0 … θ_n, so that ``θ^T x`` is their dot product."""
    with _holding(_VECTORS, summed_vectors(nodes)):
        yield


def summed_vectors(nodes: list[Node]) -> dict[str, tuple[str, str, Node | None, Node | None]]:
    r"""The vectors whose entries the sums of ``nodes`` add, by each name they may be written under (``θ``,
    ``\mathbf{θ}``; ``a^L`` for the ``a_k^L`` of a layer), as (stem, index letter and superscript, lower bound,
    upper bound)."""
    found: dict[str, tuple[str, str, Node | None, Node | None]] = {}
    for node in nodes:
        for sum_node in walk(node):
            if not isinstance(sum_node, Summation):
                continue
            for name in walk(sum_node.body):
                match = INDEXED.match(name.name) if isinstance(name, Name) else None
                if match is not None and match["letters"] == sum_node.index:
                    # a_k^L beside \boldsymbol{a}^L: the layer's superscript is the vector's too (a__L)
                    rest = match["rest"] or ""
                    entry = (match["stem"], sum_node.index + rest, sum_node.lower, sum_node.upper)
                    for written in (match["stem"], *(bold + match["stem"] for bold in BOLD)):
                        found.setdefault(written + rest, entry)
    return found


def entry_vector(name: str) -> tuple[str, str, Node | None, Node | None] | None:
    """The vector a bare name is in the claim being judged (:func:`vectors_of`), or None."""
    return (_VECTORS.get() or {}).get(name)


_NEVER = re.compile(r"(?!)")


def template_entries(templates: Iterable[Any]) -> re.Pattern[str]:
    """The entries the bodies of ``templates`` are written in, in any instance: ``s_\\d+`` for the ``s_k`` of a
    softmax, ``q_\\d+`` for the ``q_j`` of its loss (a pattern that matches nothing without templates)."""
    patterns = set()
    for template in templates:
        for node in walk(template.body):
            match = INDEXED.match(node.name) if isinstance(node, Name) else None
            if match and set(match["letters"]) <= INDEX_LETTERS:
                patterns.add(re.escape(match["stem"]) + r"_\d+" + re.escape(match["rest"] or ""))
    return re.compile("|".join(sorted(patterns))) if patterns else _NEVER
