r"""Names as people write them: ``out_{h1}``, ``w_5^{+}``, ``\hat{y_1}``, ``w^{[3]}_{21}``, ``\Delta x``.

A name is a letter, a Greek letter or a word, maybe decorated (``\hat``, ``\mathbf``), with a
subscript (``_{k+1}``, ``_{\text{new}}``) and a layer or update superscript (``^{(l)}``, ``^{+}``);
the canonical form is a valid SymPy name (``w_5__plus``, ``hat_y_1``).
"""

from __future__ import annotations

import re

from symnn.notes.cursor import Cursor
from symnn.notes.syntax import Call, Name, Node
from symnn.notes.tokens import DECORATIONS, GREEK, ParseError, Token

__all__ = ["NameRules", "base_name"]


class NameRules(Cursor):
    """The grammar of names."""

    def name_or_call(self) -> Node:
        name = self.name()
        primes = 0
        while self.at("'"):
            self.next()
            primes += 1
        if self.at("("):
            self.next()
            args = [self.expression()]
            while self.at(","):
                self.next()
                args.append(self.expression())
            self.expect(")")
            return Call(name, tuple(args), primes)
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
            if not inner or not all(t.kind == "letter" or t.text[1:] in GREEK for t in inner):
                # \hat{y_1}: a decorated name with its subscript inside the braces
                sub = self.sub(inner)
                try:
                    stem = token.text[1:] + "_" + sub.name()
                except ParseError:
                    raise ParseError(f"{token.text} of something other than a name") from None
                if sub.peek() is not None:
                    raise ParseError(f"{token.text} of something other than a name")
            else:
                stem = token.text[1:] + "_" + "".join(base_name(t) for t in inner)
        else:
            raise ParseError(f"expected a name, found {token.text!r}")
        subscript, superscript = "", ""
        for _ in range(2):
            if self.at("_") and not subscript:
                self.next()
                subscript = "_" + self.subscript()
            layer = [t.text for t in self.tokens[self.index : self.index + 6]]
            if (
                not superscript
                and len(layer) == 6
                and layer[:2] == ["^", "{"]
                and layer[5] == "}"
                and layer[2] + layer[4] in ("()", "[]")
                and re.fullmatch(r"[A-Za-z]|\d+", layer[3])
            ):
                # w^{[3]}, a^{(l)}: a layer index, part of the name (never a power)
                self.index += 6
                superscript = "__" + layer[3]
            marks = {"+": "plus", "-": "minus", "*": "star", r"\ast": "star", r"\star": "star", r"\prime": "prime"}
            if not superscript and layer[:1] == ["^"]:
                if len(layer) >= 4 and layer[1] == "{" and layer[2] in marks and layer[3] == "}":
                    self.index += 4
                    superscript = "__" + marks[layer[2]]  # w_5^{+}: the updated weight, one name
                elif len(layer) >= 2 and layer[1] in ("+", "*", r"\ast", r"\star"):
                    self.index += 2
                    superscript = "__" + marks[layer[1]]
        return stem + subscript + superscript

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
            elif token.text in (r"\text", r"\mathrm", r"\textrm", r"\mathit", "{", "}", ","):
                continue
            elif token.text in ("+", "-"):
                parts.append("plus" if token.text == "+" else "minus")  # w_{k+1}
            else:
                raise ParseError(f"subscript with {token.text!r}")
        if not parts:
            raise ParseError("empty subscript")
        return "".join(parts)


def base_name(token: Token) -> str:
    return token.text[1:] if token.text.startswith("\\") else token.text
