r"""Names as people write them: ``out_{h1}``, ``w_5^{+}``, ``\hat{y_1}``, ``w^{[3]}_{21}``, ``\Delta x``.

A name is a letter, a Greek letter or a word, maybe decorated (``\hat``, ``\mathbf``), with a
subscript (``_{k+1}``, ``_{\text{new}}``) and a layer or update superscript (``^{(l)}``, ``^{+}``);
the canonical form is a valid SymPy name (``w_5__plus``, ``hat_y_1``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from symnn.notes.cursor import Cursor
from symnn.notes.syntax import Call, Name, Node
from symnn.notes.tokens import DECORATIONS, GREEK, ParseError, Token

__all__ = ["LAYERED", "NameRules", "base_name", "layered_in", "layered_names"]


#: Names the notes differentiate by with a bare superscript (``\partial L / \partial w_{11}^2``): there the
#: superscript is the layer, in every formula of those notes (set by :func:`layered_in`).
LAYERED: ContextVar[frozenset[str]] = ContextVar("symnn_notes_layered", default=frozenset())
_LAYERED_DENOMINATOR = re.compile(
    r"\\d?frac\s*\{\s*\\partial(?!\s*\^)[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*"
    r"\{\s*\\partial\s*([A-Za-z]+)\s*_\s*\{?\s*([A-Za-z0-9]+)\s*\}?\s*\^\s*\{?\s*(\d)\s*\}?\s*\}"
)


_PRIMED_DENOMINATOR = re.compile(r"\\partial\s*([A-Za-z]+)\s*_\s*\{?\s*([A-Za-z0-9]+)\s*\}?\s*'\s*\}")


def layered_names(source: str) -> frozenset[str]:
    """The names of ``source`` that a first derivative is taken by with a bare superscript (``w_11``); and
    ``'`` when one is taken by a primed name (``\\partial L/\\partial w_{11}'``): then a primed name with a
    subscript is a name (the other layer's weight) in those notes, not a derivative."""
    layered = {f"{m[1]}_{m[2]}" for m in _LAYERED_DENOMINATOR.finditer(source)}
    return frozenset(layered | ({"'"} if _PRIMED_DENOMINATOR.search(source) else set()))


@contextmanager
def layered_in(names: frozenset[str]) -> Iterator[None]:
    """Read ``name^k`` of these names as the layer k (the notes' own convention) while inside."""
    token = LAYERED.set(names)
    try:
        yield
    finally:
        LAYERED.reset(token)


class NameRules(Cursor):
    """The grammar of names."""

    def name_or_call(self) -> Node:
        name = self.name()
        primes = 0
        while self.at("'"):
            self.next()
            primes += 1
        if primes and self.at("_") and "_" not in name:
            self.next()
            name += "_" + self.subscript()  # f'_2(z_2): the derivative of f_2
        if self.at("("):
            return Call(name, self.arguments(), primes)
        if primes:
            return Call(name, None, primes)
        return Name(name)

    def name(self) -> str:
        """A name: a letter or Greek letter, decorated, with subscripts and a layer superscript."""
        token = self.next()
        if token.kind == "letter":
            stem = token.text
        elif token.text[1:] in GREEK:
            stem = token.text[1:]
            following = self.peek()
            if stem == "Delta" and following is not None and self.starts_name(following):
                # \Delta x, \Delta\mathbf{x}, \Delta f: an increment, one name.
                return "Delta_" + self.name()
        elif token.text[1:] in DECORATIONS:
            inner = self.group_tokens()
            if token.text == r"\mathcal" and [t.text for t in inner] == ["O"]:
                raise ParseError(r"\mathcal{O} (an order term) is not checked")  # \mathcal{L}, a loss, is a name
            number_set = not inner or (len(inner) == 1 and inner[0].kind != "cmd" and not inner[0].text.islower())
            if token.text == r"\mathbb" and number_set:
                # \mathbb{R}; \mathbb{x}, \mathbb{\theta}, \mathbb{\hat{y}}: a bold vector, as some notes write it
                raise ParseError(r"\mathbb (a number set) is not checked")
            if not inner or not all(t.kind == "letter" or t.text[1:] in GREEK or t.text == r"\pi" for t in inner):
                # \hat{y_1}: a decorated name with its subscript inside the braces
                sub = self.sub(inner)
                try:
                    stem = _DECORATION_SAME.get(token.text[1:], token.text[1:]) + "_" + sub.name()
                except ParseError:
                    raise ParseError(f"{token.text} of something other than a name") from None
                if sub.peek() is not None:
                    raise ParseError(f"{token.text} of something other than a name")
            else:
                decoration = _DECORATION_SAME.get(token.text[1:], token.text[1:])  # \mathbb{x}: bold, as \mathbf
                stem = decoration + "_" + "".join(base_name(t) for t in inner)
        else:
            raise ParseError(f"expected a name, found {token.text!r}")
        subscript, superscript = "", ""
        for _ in range(2):
            if self.at("_") and not subscript:
                self.next()
                subscript = "_" + self.subscript()
            layer = [t.text for t in self.tokens[self.index : self.index + 6]]
            index = (
                (self._layer_index() or self._layer_letter() or self._label_before_subscript())
                if not superscript
                else None
            )
            if index is not None:
                # w^{[3]}, a^{(l)}, z^{(\ell-1)}: a layer index, part of the name (never a power)
                superscript = "__" + index
            marks = {"+": "plus", "-": "minus", "*": "star", r"\ast": "star", r"\star": "star", r"\prime": "prime"}
            if not superscript and layer[:1] == ["^"]:
                if len(layer) >= 4 and layer[1] == "{" and layer[2] in marks and layer[3] == "}":
                    self.index += 4
                    superscript = "__" + marks[layer[2]]  # w_5^{+}: the updated weight, one name
                elif len(layer) >= 5 and layer[1] == "{" and layer[2].isdigit() and layer[3] in ("+", "*"):
                    if layer[4] == "}":  # w_{11}^{2+}: layer 2's updated weight (a power cannot end in +)
                        self.index += 5
                        superscript = "__" + layer[2] + marks[layer[3]]
                elif len(layer) >= 2 and layer[1] in ("+", "*", r"\ast", r"\star"):
                    self.index += 2
                    superscript = "__" + marks[layer[1]]
                else:
                    word = self._upright_superscript()
                    if word is not None:
                        superscript = "__" + word  # w_1^{\text{new}}: the updated weight, one name
        if not superscript:
            label = self._update_label()
            if label is not None:
                superscript = "__" + label  # w_{12}(new), w^{new}, w^{(old)}: the updated weight, one name
        after = self.tokens[self.index + 1].text if self.index + 1 < len(self.tokens) else ""
        if not superscript and subscript and "'" in LAYERED.get() and self.at("'") and after != "(":
            # w_{11}', in notes that differentiate by \partial w_{11}': a name, not the derivative of w_11
            self.next()
            superscript = "__prime"
        if not superscript and (stem + subscript) in LAYERED.get() and self.at("^"):
            digit = self._power_digit()
            if digit is not None:
                superscript = "__" + digit  # w_{11}^2 where the notes differentiate by \partial w_{11}^2: layer 2
        if not superscript:
            bracket = self._bracket_index()
            if bracket is not None:
                superscript = "__" + bracket  # Z[1], W[2], dZ[L]: the layer written in brackets after the name
        return stem + subscript + superscript

    def _update_label(self) -> str | None:
        r"""The label of ``(new)`` written right after a name, or of ``^{new}``, ``^{(old)}`` (consumed); or None.

        Only the words of an update (new, old, next, prev, updated): ``w^{ab}`` stays a power."""
        texts = [t.text for t in self.tokens[self.index : self.index + 9]]
        start = 0
        if texts[:2] == ["^", "{"]:
            start = 2
        elif texts[:1] != ["("] or self.index == 0 or self.tokens[self.index].pos != self.tokens[self.index - 1].end:
            return None
        opened = texts[start : start + 1] == ["("]
        end = start + opened
        word = ""
        while end < len(texts) and texts[end].isalpha():
            word += texts[end]
            end += 1
        closing = ([")"] if opened else []) + (["}"] if start else [])
        if word not in UPDATE_LABELS or texts[end : end + len(closing)] != closing:
            return None
        self.index += end + len(closing)
        return word

    def _upright_superscript(self) -> str | None:
        r"""The word of ``^{\text{new}}``, ``^{\mathrm{old}}`` (consumed): a label, never a power; or None."""
        texts = [t.text for t in self.tokens[self.index : self.index + 12]]
        if (
            texts[:2] != ["^", "{"]
            or len(texts) < 6
            or texts[2] not in (r"\text", r"\mathrm", r"\textrm")
            or texts[3] != "{"
        ):
            return None
        end = texts.index("}", 4) if "}" in texts[4:] else -1
        word = texts[4:end] if end > 4 else []
        if not word or not all(w.isalpha() and len(w) == 1 for w in word) or texts[end + 1 : end + 2] != ["}"]:
            return None
        self.index += end + 2
        return "".join(word)

    def _power_digit(self) -> str | None:
        """The digit of ``^2`` or ``^{2}`` (consumed), or None."""
        texts = [t.text for t in self.tokens[self.index : self.index + 4]]
        if len(texts) >= 2 and texts[1].isdigit() and len(texts[1]) == 1:
            self.index += 2
            return texts[1]
        if len(texts) >= 4 and texts[1] == "{" and texts[2].isdigit() and len(texts[2]) == 1 and texts[3] == "}":
            self.index += 4
            return texts[2]
        return None

    def _bracket_index(self) -> str | None:
        """The layer of ``Z[1]``, ``A[L-1]`` (consumed): brackets right after the name, a layer inside."""
        tokens = self.tokens[self.index : self.index + 6]
        texts = [t.text for t in tokens]
        if len(texts) < 3 or texts[0] != "[" or self.index == 0 or tokens[0].pos != self.tokens[self.index - 1].end:
            return None
        if tokens[1].kind == "num" and "." not in tokens[1].text and len(tokens[1].text) <= 2 and texts[2] == "]":
            self.index += 3
            return tokens[1].text
        if tokens[1].kind == "letter" and tokens[1].text in "lLk" and texts[2] == "]":
            self.index += 3
            return tokens[1].text
        if tokens[1].kind == "letter" and tokens[1].text in "lLk" and len(texts) >= 5 and texts[2] in "+-":
            if tokens[3].kind == "num" and "." not in tokens[3].text and texts[4] == "]":
                self.index += 5
                return tokens[1].text + ("plus" if texts[2] == "+" else "minus") + tokens[3].text
        return None

    def _label_before_subscript(self) -> str | None:
        r"""The layer of ``\delta^L_j``, ``w^{l+1}_{kj}`` (consumed): letters (and ``+ 1``) before a
        subscript, never a power (a power is not followed by a subscript), or None."""
        texts = [t.text for t in self.tokens[self.index : self.index + 8]]
        kinds = [t.kind for t in self.tokens[self.index : self.index + 8]]
        if texts[:1] != ["^"] or len(texts) < 4:
            return None
        if kinds[1] == "letter" and texts[2] == "_":
            self.index += 2
            return texts[1]
        if texts[1] != "{" or "}" not in texts[2:]:
            return None
        close = texts.index("}", 2)
        inside = texts[2:close]
        if close + 1 >= len(texts) or texts[close + 1] != "_" or not inside or kinds[2] != "letter":
            return None
        words = {"+": "plus", "-": "minus"}
        if not all(
            k == "letter" or t in words or (k == "num" and "." not in t)
            for t, k in zip(inside, kinds[2:close], strict=True)
        ):
            return None
        self.index += close + 1
        return "".join(words.get(t, t) for t in inside)

    def _layer_letter(self) -> str | None:
        r"""The layer of ``W^l``, ``u_j^L``, ``\delta^{l+1}``, ``a^{\ell-1}`` (consumed), or None: the letters l, L
        and ℓ in a superscript are the layer in the notes of neural networks, never a power."""
        texts = [t.text for t in self.tokens[self.index : self.index + 7]]
        letters = ("l", "L", r"\ell")
        if texts[:1] != ["^"] or len(texts) < 2:
            return None
        if texts[1] in letters:
            self.index += 2
            return texts[1].lstrip("\\")
        if texts[1] != "{" or len(texts) < 4 or texts[2] not in letters:
            return None
        letter = texts[2].lstrip("\\")
        if texts[3] == "}":
            self.index += 4
            return letter
        if len(texts) >= 6 and texts[3] in ("+", "-") and texts[4].isdigit() and texts[5] == "}":
            self.index += 6
            return letter + ("plus" if texts[3] == "+" else "minus") + texts[4]
        return None

    def _layer_index(self) -> str | None:
        r"""The layer index of ``^{(l)}``, ``^{[3]}``, ``^{(\ell+1)}``, ``^{(n_l)}`` (consumed), or None."""
        tokens = self.tokens[self.index : self.index + 16]
        texts = [t.text for t in tokens]
        if texts[:2] != ["^", "{"] or len(texts) < 6 or texts[2] not in ("(", "["):
            return None
        close = ")" if texts[2] == "(" else "]"
        word = self._layer_word(texts, close)
        if word is not None:
            return word
        parts: list[str] = []
        subscripted = False  # ^{(n_l)}: the layer count n_l, one index
        for offset, token in enumerate(tokens[3:], start=3):
            if subscripted:
                subscripted = False
                if token.kind not in ("letter", "num") or "." in token.text:
                    return None
                parts[-1] += "_" + base_name(token)
                continue
            if token.text == "_" and parts and parts[-1].isalpha():
                subscripted = True
                continue
            if token.text == close:
                ends = offset + 1 < len(texts) and texts[offset + 1] == "}"
                if not ends or not parts or parts[-1] in ("plus", "minus"):
                    return None
                if len(parts) > 1 and all(p.isdigit() or p in ("plus", "minus") for p in parts):
                    return None  # w_5^{(1-1)}: arithmetic in the exponent, a power
                self.index += offset + 2
                return "".join(parts)
            if token.kind == "num" and "." not in token.text:
                if parts and not parts[-1].endswith(("plus", "minus")):
                    return None
                parts.append(token.text)
            elif token.kind == "letter" or token.text[1:] in GREEK:
                if parts and not parts[-1].endswith(("plus", "minus")):
                    return None  # ^{(ab)}: not one index
                parts.append(base_name(token))
            elif token.text in ("+", "-") and parts:
                parts.append("plus" if token.text == "+" else "minus")
            else:
                return None
        return None

    def _layer_word(self, texts: list[str], close: str) -> str | None:
        r"""The layer of ``y_j^{(\mathit{in})}``, ``h^{(\text{out})}``, ``a^{(in)}`` (consumed): a word of a layer
        in the brackets of a superscript, upright or not, or None. (Only the words of :data:`LAYER_WORDS`:
        ``x^{(ab)}`` stays a power.)"""
        upright = texts[3:5] in ([r"\mathit", "{"], [r"\text", "{"], [r"\mathrm", "{"], [r"\textrm", "{"])
        start = 5 if upright else 3
        end = start
        while end < len(texts) and len(texts[end]) == 1 and texts[end].isalpha():
            end += 1
        word = "".join(texts[start:end])
        closing = (["}"] if upright else []) + [close, "}"]
        if word.lower() not in LAYER_WORDS or texts[end : end + len(closing)] != closing:
            return None
        self.index += end + len(closing)
        return word

    @staticmethod
    def starts_name(token: Token) -> bool:
        return token.kind == "letter" or token.text[1:] in GREEK or token.text[1:] in DECORATIONS

    def subscript(self) -> str:
        parts = []
        for token in self.group_tokens():
            if token.kind in ("letter", "num"):
                parts.append(token.text)
            elif token.text[1:] in GREEK:
                parts.append(token.text[1:])
            elif token.text in (r"\text", r"\mathrm", r"\textrm", r"\mathit", "{", "}", ",", "_"):
                continue  # out_{h_{1}} is out_{h1}
            elif token.text in ("+", "-"):
                parts.append("plus" if token.text == "+" else "minus")  # w_{k+1}
            elif token.text in (r"\max", r"\min"):
                parts.append(token.text[1:])  # x_{\max}: the largest x, a name
            elif token.text in ("(", ")"):
                continue  # E_{(w,b)}: the error as a function of w and b, a name (E_wb); x_{(i)}, sample i
            elif token.text[1:] in DECORATIONS:
                parts.append(token.text[1:])  # E_{\hat{w}}: the error of ŵ, a name (E_hatw)
            else:
                raise ParseError(f"subscript with {token.text!r}")
        if not parts:
            raise ParseError("empty subscript")
        return "".join(parts)


#: Words that label an updated value after its name (``w_{12}(new)``, ``w^{old}``).
UPDATE_LABELS = frozenset({"new", "old", "next", "prev", "updated"})
#: Words that name a layer in a superscript's brackets (``y^{(in)}``, ``h^{(\text{out})}``), never a power.
LAYER_WORDS = frozenset({"in", "out", "input", "output", "hidden", "hid"})


#: Decorations that name the same quantity as another: ``\mathbb{x}`` bold as ``\mathbf{x}``, ``\widehat{x}`` as
#: ``\hat{x}``.
_DECORATION_SAME = {"mathbb": "mathbf", "widehat": "hat", "widetilde": "tilde"}


def base_name(token: Token) -> str:
    return token.text[1:] if token.text.startswith("\\") else token.text
