r"""The token cursor the parser's rules share: peeking, expecting, braced groups, nesting depth.

The grammar is split by concept: :mod:`symnn.notes.names` (names as people write them),
:mod:`symnn.notes.commands` (``\frac``, ``\sqrt``, functions, environments) and
:mod:`symnn.notes.parser` (expressions, products, powers). Each rule class derives from
:class:`Cursor`, which declares the few rules that call across modules.
"""

from __future__ import annotations

from symnn.notes.syntax import Node
from symnn.notes.tokens import MAX_DEPTH, ParseError, Token

__all__ = ["Cursor"]


class Cursor:
    """A position in a token list, and the helpers every grammar rule uses."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = list(tokens)
        self.index = 0
        self.depth = 0
        self.in_norm = False

    # -- token helpers

    def peek(self, ahead: int = 0) -> Token | None:
        i = self.index + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def at(self, *texts: str) -> bool:
        return self.ahead(0, *texts)

    def ahead(self, offset: int, *texts: str) -> bool:
        """Whether the token ``offset`` places ahead is one of ``texts``."""
        token = self.peek(offset)
        return token is not None and token.text in texts

    def position(self) -> int:
        """The offset of the next token in the source (0 at the end)."""
        token = self.peek()
        return token.pos if token is not None else 0

    def next(self) -> Token:
        token = self.peek()
        if token is None:
            raise ParseError("the formula ends too early")
        self.index += 1
        return token

    def expect(self, text: str) -> Token:
        token = self.next()
        if token.text != text:
            raise ParseError(f"expected {text!r}, found {token.text!r}")
        return token

    def split_first_char(self) -> None:
        """Make the next number token one digit long (TeX reads ``\\frac12`` digit by digit)."""
        token = self.peek()
        if token is not None and token.kind == "num" and len(token.text) > 1:
            first = Token("num", token.text[0], token.pos)
            rest = Token("num", token.text[1:], token.pos + 1)
            self.tokens[self.index : self.index + 1] = [first, rest]

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH} levels")

    # -- grammar

    def group_tokens(self) -> list[Token]:
        """The tokens of a braced group, or of one undelimited token."""
        if not self.at("{"):
            self.split_first_char()
            return [self.next()]
        self.expect("{")
        start, depth = self.index, 1
        while True:
            token = self.next()
            if token.text == "{":
                depth += 1
            elif token.text == "}":
                depth -= 1
                if depth == 0:
                    return self.tokens[start : self.index - 1]

    # -- rules defined elsewhere, called across the rule modules

    def sub(self, tokens: list[Token]) -> Cursor:
        """A parser of its own for ``tokens`` (a braced group, a fraction's parts)."""
        raise NotImplementedError

    def parse_group(self, tokens: list[Token], depth: int) -> Node:
        """Parse ``tokens`` as one whole expression at nesting ``depth``."""
        raise NotImplementedError

    def name(self) -> str:
        raise NotImplementedError

    def name_or_call(self) -> Node:
        raise NotImplementedError

    def argument(self) -> Node:
        raise NotImplementedError

    def expression(self) -> Node:
        raise NotImplementedError

    def arguments(self) -> tuple[Node, ...]:
        """``(a, b, …)``: the expressions of a parenthesised, comma-separated list (consumed); ``f(x; w)`` writes the
        parameters after a semicolon, as arguments too."""
        self.expect("(")
        found = [self.expression()]
        while self.at(",") or self.at(";"):
            self.next()
            found.append(self.expression())
        self.expect(")")
        return tuple(found)

    def primary(self) -> Node:
        raise NotImplementedError

    def power(self) -> Node:
        raise NotImplementedError

    def term(self) -> Node:
        raise NotImplementedError

    def postfix(self, node: Node) -> Node:
        raise NotImplementedError

    def bracketed(self) -> Node:
        raise NotImplementedError

    def starts_factor(self, token: Token) -> bool:
        raise NotImplementedError
