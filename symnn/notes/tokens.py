r"""Tokens of the LaTeX mathematics of notes, and the vocabulary the parser knows.

:func:`tokenize` reads a formula into :class:`Token` records (offsets into the formula's
text). People write names the way they read them, so the tokenizer joins what is one
quantity: ``out_{h1}``, ``net_{o1}``, ``target_{o1}`` (a word before a subscript),
``\text{net}_{h1}`` and ``\mathrm{Var}`` (a word in upright type), ``w5`` (a letter and
digits written together, read as ``w_5``). ``\operatorname{sgn}`` becomes the word
``sgn``: a function the notes must define, never dropped as prose.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

__all__ = [
    "MAX_TOKENS", "PROSE_WORDS", "SIZES", "ParseError", "Token", "after_group", "counted_places", "script_end",
    "split_top", "tokenize"
]

MAX_TOKENS = 3000
MAX_DEPTH = 60
MAX_DIGITS = 400


class ParseError(ValueError):
    """The formula is outside the understood subset; the message says why."""


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is num, letter, cmd, sym, norm, rowsep or quad; ``pos`` its offset."""

    kind: str
    text: str
    pos: int
    length: int = field(default=-1, compare=False)  # characters in the source, when not len(text) (\text{net})

    @property
    def end(self) -> int:
        """The offset just after the token in the source."""
        return self.pos + (self.length if self.length >= 0 else len(self.text))


#: The commands that set a formula's size, dropped with the spacing (``\Large \begin{array}{rcl}``).
SIZES = "tiny|small|normalsize|large|Large|LARGE|huge|Huge"
_TOKEN = re.compile(
    r"(?P<space>[\s\u200b\u200c\u200d\ufeff]+|~|\\[,;:! >\n]|\\(?:left|right)\."  # (\ then a newline: TeX's space)
    r"|\\(?:left|right|middle|[bB]igg?[lr]?|displaystyle|textstyle|scriptstyle|limits)(?![A-Za-z])"
    rf"|\\(?:{SIZES})(?![A-Za-z])"  # sizes: \Large \begin{array}…
    r"|\\(?:space|enspace|thinspace|medspace|thickspace|negthinspace)(?![A-Za-z])"
    r"|\\(?:text)?color\{[^{}]*\})"  # \color{red}{-p_k p_i}: the colour goes, the group stays
    r"|(?P<quad>\\q?quad(?![A-Za-z])|\\hspace\*?\{[^{}]*\})"  # \hspace{0.5in} between statements, as \quad
    r"|(?P<num>\d{1,3}(?:\\,\d{3})+(?![\d.])|(?<![(\[,\d])\d{1,3}(?:,\d{3}){2,}(?![\d.,)\]])|\d+(?:\.\d+)?|\.\d+)"
    # 101\,770: thin spaces group digits; 37,752,832: commas do, in two groups or more (one, 34,944, might be a
    # decimal comma), outside brackets ((100,200,300) is a vector)
    r"|(?P<letter>[A-Za-z])"
    r"|(?P<norm>\\\||\|\||\\[lr]Vert(?![A-Za-z])|\\Vert(?![A-Za-z]))"  # \|x\|, ||x||, \lVert x \rVert
    r"|(?P<rowsep>\\\\(?:\[-?[\d.]+\s*(?:em|ex|pt|mm|cm|in)\])?|\\newline(?![A-Za-z]))"  # \\[1.6em], \newline: rows
    r"|(?P<cmd>\\[A-Za-z]+|\\[{}%$#&_])"
    r"|(?P<sym>[-+*/^_()\[\]{},=&|'!<>:;.?\"@`])"
)

#: The words of ``\text{…}`` (no braces inside): signs there that maths has no reading for are skipped.
_PROSE = re.compile(r"\\(?:text|textrm|textit|textbf|mbox)\s*(\{[^{}]*\})")

#: ``\text{(by chain rule)}``, ``\text{ (quotient rule)}``: a remark in parentheses, words spaced apart, beside a step.
_REMARK = re.compile(r"\\(?:text|textrm|textit|mbox)\s*\{\s*\([^{}()]*[A-Za-z]{2,}\s+[A-Za-z][^{}()]*\)\s*\}")

#: ``, \forall i = 1, 2, 3`` after a formula, up to the end of its row: for which indices it holds (every one).
_FOR_ALL = re.compile(r"[,;]?\s*(?:\\quad\s*|\\qquad\s*)?\\forall(?![A-Za-z])(?:(?!\\\\|&).)*", re.DOTALL)

#: ``1e-3``, ``2.5E4``: a number, then e: scientific notation, not a product with Euler's number.
_SCIENTIFIC = re.compile(r"(?<![\d.A-Za-z\\])(?:\d+(?:\.\d+)?|\.\d+)[eE][-+]?\d")

_UNICODE = {
    "\u2248": r"\approx",
    "\u2190": r"\leftarrow",  # ← of an update, w ← w - η g
    "\u00b7": r"\cdot",
    "\u22c5": r"\cdot",
    "\u00d7": r"\times",
    "\u2217": "*",  # ∗, the asterisk operator, typed for * in worked examples
    "\u2219": r"\cdot",  # ∙, the bullet operator
    "\u2212": "-",
    "\u2032": "'",
    "\u2026": r"\ldots",
    "\u2207": r"\nabla",
    "\u2202": r"\partial",
    "\U0001d7c3": r"\partial",  # 𝟃, the bold sans-serif partial, typed for ∂
    "\U0001d715": r"\partial",  # 𝜕, the italic partial
    "\u2019": "'",  # σ’(x): a typographer's apostrophe, in maths the prime
    "\u2260": r"\neq",
    "\u2264": r"\le",
    "\u2265": r"\ge",
}

#: Greek letters typed as characters (``η``, ``σ``, ``θ``): the same as their commands.
_GREEK_LETTERS = {
    chr(code): "\\" + name
    for code, name in zip(
        range(0x3B1, 0x3CA),
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho varsigma "
        "sigma tau upsilon phi chi psi omega".split(),
        strict=True,
    )
    if name not in ("omicron", "varsigma")
}
_UNICODE.update(_GREEK_LETTERS)
_UNICODE.update({"\u0394": r"\Delta", "\u03a3": r"\Sigma", "\u2211": r"\sum", "\u221a": r"\sqrt"})

#: ``w₁``, ``x²``, ``Aᵢ``, ``Σᵢ₌₁ⁿ``: Unicode subscripts and superscripts, read as ``w_{1}``, ``x^{2}``,
#: ``A_{i}`` and ``Σ_{i=1}^{n}``.
_SCRIPTS = {
    **{chr(0x2080 + d): ("_", str(d)) for d in range(10)},
    **{"\u2070": ("^", "0"), "\u00b9": ("^", "1"), "\u00b2": ("^", "2"), "\u00b3": ("^", "3")},
    **{chr(0x2074 + d - 4): ("^", str(d)) for d in range(4, 10)},
    **{char: ("_", plain) for char, plain in zip("\u208a\u208b\u208c\u208d\u208e", "+-=()", strict=True)},
    **{char: ("^", plain) for char, plain in zip("\u207a\u207b\u207c\u207d\u207e", "+-=()", strict=True)},
    **{chr(0x2090 + k): ("_", letter) for k, letter in enumerate("aeoxəhklmnpst") if letter != "ə"},
    "\u1d57": ("^", "T"),  # w₁ᵗx₁: a transpose typed as a superscript t (ᵀ is below)
    "\u1d62": ("_", "i"),
    "\u2c7c": ("_", "j"),
    "\u1d63": ("_", "r"),
    "\u1d64": ("_", "u"),
    "\u1d65": ("_", "v"),
    "\u207f": ("^", "n"),
    "\u2071": ("^", "i"),
    "\u02b2": ("^", "j"),
    "\u1d4f": ("^", "k"),
    "\u1d40": ("^", "T"),
}

#: Letters with their accent composed (``ŷ``) or combining (``y\u0302``): ``\hat{y}``, and the like.
_COMPOSED = {"\u0177": (r"\hat", "y"), "\u0176": (r"\hat", "Y"), "\u0233": (r"\bar", "y"), "\u0232": (r"\bar", "Y")}
_COMBINING = {"\u0302": r"\hat", "\u0304": r"\bar", "\u0303": r"\tilde", "\u20d7": r"\vec"}
#: ``½``, ``⅓``: vulgar fractions, read as ``\frac{1}{2}``.
_VULGAR = {"\u00bd": "12", "\u2153": "13", "\u2154": "23", "\u00bc": "14", "\u00be": "34"}


#: ``/frac{`` for ``\frac{``: a slip of the key that the rendered page shows as text, never a division.
_SLASHED_FRAC = re.compile(r"(?<![\w\\])/(d?frac)(?=\s*\{)")


#: A norm's double bar typed as two sized bars of one size: ``\big|\big|``, ``\left|\left|``, ``\Big\vert\Big\vert``
#: (``\right|\left|`` closes one bar and opens another).
_SIZED_DOUBLE_BAR = re.compile(r"\\(?P<size>[bB]igg?[lr]?|left|right)(?:\||\\vert)\s*\\(?P=size)(?:\||\\vert)")
_FUNCTION_BRACE = re.compile(r"(\\(?:log|ln|exp)\s*)\\left\\\{")


def _function_braces(text: str) -> str:
    r"""``\log\left\{ \prod_i … \right\}``: sized braces around a function's argument group it, as brackets do (a
    set ``\{1, 2\}`` elsewhere is no vector, and stays refused). Each such brace becomes a bracket, same length."""
    out, at = [], 0
    for found in _FUNCTION_BRACE.finditer(text):
        if found.start() < at:
            continue
        depth, k = 1, found.end()
        while k < len(text) and depth:
            if text.startswith("\\left\\{", k):
                depth += 1
            elif text.startswith("\\right\\}", k):
                depth -= 1
                if depth == 0:
                    break
            k += 1
        if depth:
            continue
        out += [text[at : found.start()], found[1], "\\left (", text[found.end() : k], "\\right )"]
        at = k + len("\\right\\}")
    return "".join(out) + text[at:]


def tokenize(text: str, offset: int = 0) -> list[Token]:
    r"""The tokens of ``text``; spacing and sizing commands (``\,``, ``\left``, ``\Big``) are dropped.

    Examples:
        >>> [t.text for t in tokenize(r"5\sqrt2 \approx 7.07")]
        ['5', '\\sqrt', '2', '\\approx', '7.07']
    """
    scientific = _SCIENTIFIC.search(text)
    if scientific:
        shown = (
            scientific.group()
            if len(scientific.group()) <= 40
            else scientific.group()[:20] + "…" + scientific.group()[-8:]
        )
        raise ParseError(f"{shown!r} looks like scientific notation; write \\times 10^{{...}}")
    text = _SLASHED_FRAC.sub(r"\\\1", text)  # /frac{1}{1 + e^{0.7}}: \frac typed with a slash (same length)
    text = _function_braces(text)
    text = _SIZED_DOUBLE_BAR.sub(lambda m: "\\|" + " " * (len(m[0]) - 2), text)  # \big|\big|w\big|\big|: \|w\|
    text = _REMARK.sub(lambda m: " " * len(m[0]), text)  # \text{(by chain rule)}: a remark beside the maths
    text = _FOR_ALL.sub(lambda m: " " * len(m[0]), text)  # , \forall i = 1, 2, 3: the indices it holds for
    tokens: list[Token] = []
    prose = [m.span(1) for m in _PROSE.finditer(text)]
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char in _SCRIPTS:
            mark, end = _SCRIPTS[char][0], pos
            while end < len(text) and text[end] in _SCRIPTS and _SCRIPTS[text[end]][0] == mark:
                end += 1
            at = offset + pos
            tokens += [Token("sym", mark, at, 0), Token("sym", "{", at, 0), *_script_tokens(text[pos:end], at)]
            tokens.append(Token("sym", "}", offset + end, 0))
            pos = end
            continue
        if char in _COMPOSED or (pos + 1 < len(text) and text[pos + 1] in _COMBINING and char.isalpha()):
            accent, letter = _COMPOSED.get(char) or (_COMBINING[text[pos + 1]], char)
            width = 1 if char in _COMPOSED else 2
            at = offset + pos
            tokens += [Token("cmd", accent, at, 0), Token("sym", "{", at, 0), Token("letter", letter, at, width)]
            tokens.append(Token("sym", "}", at + width, 0))
            pos += width
            continue
        if _a_word_letter(char):
            # 오차, 가중합: a word of another script is the name of a quantity; with the Latin name right
            # after it (오차y_{o1}, 오차 y_{out}) one name, the error of y_o1
            end = pos
            while end < len(text) and _a_word_letter(text[end]):
                end += 1
            latin = re.compile(r"\s*([A-Za-z])(?![A-Za-z])").match(text, end)
            word = text[pos:end] + (latin[1] if latin else "")
            stop = latin.end() if latin else end
            tokens.append(Token("letter", word, offset + pos, stop - pos))
            pos = stop
            continue
        if char in _VULGAR:
            at = offset + pos
            top, bottom = _VULGAR[char][0], _VULGAR[char][1]
            tokens += [Token("cmd", r"\frac", at, 0), Token("sym", "{", at, 0), Token("num", top, at, 1)]
            tokens += [Token("sym", "}", at + 1, 0), Token("sym", "{", at + 1, 0), Token("num", bottom, at + 1, 0)]
            tokens.append(Token("sym", "}", at + 1, 0))
            pos += 1
            continue
        if char in _UNICODE:
            replacement = _UNICODE[char]
            kind = "cmd" if replacement.startswith("\\") else "sym"
            tokens.append(Token(kind, replacement, offset + pos))
            pos += 1
            continue
        match = _TOKEN.match(text, pos)
        if match is None and any(start < pos < end for start, end in prose):
            pos += 1  # \text{(more negative → lower ✓)}: a sign in the words of a remark, not in the maths
            continue
        if match is None:
            raise ParseError(f"character {char!r} is not understood")
        group = match.lastgroup
        assert group is not None  # every alternative of _TOKEN is a named group
        if group == "quad" and match.group().startswith("\\hspace"):
            tokens.append(Token("quad", r"\quad", offset + pos, len(match.group())))
        elif group == "rowsep" and len(match.group()) > 2:  # \\[1.6em] and \newline break a row as \\ does
            tokens.append(Token("rowsep", "\\\\", offset + pos, len(match.group())))
        elif group == "num" and ("\\" in match.group() or "," in match.group()):
            digits = match.group().replace("\\,", "").replace(",", "")
            tokens.append(Token("num", digits, offset + pos, len(match.group())))
        elif group != "space":
            tokens.append(Token(group, match.group(), offset + pos))
        pos = match.end()
        if len(tokens) > MAX_TOKENS:
            raise ParseError(f"formula longer than {MAX_TOKENS} tokens")
    tokens = _upright_transposes(_spaced_words(_equals_broken(_percents(_signatures(tokens))), text, offset))
    tokens = _bold_letters(_layer_transposed(tokens))
    tokens = _bold_declared(_operators_braced(_arrays_in_brackets(tokens)))
    tokens = _typed_exponents(_subscript_first(_at_time_steps(tokens)))
    tokens = _joined_names(_primes(_bold_numbers(_braced_subscripts(_over(tokens)))))
    tokens = _conditional_probabilities(_entries_of_calls(tokens))
    _refuse_moments(tokens)
    return _slash_derivatives(_sums_typed(_dot_in_brackets(_synonyms(tokens))))


Rule = Callable[[list[Token], int], tuple[list[Token], int] | None]


#: What a function's signature between ``:`` and ``=`` may hold: its spaces (``\mathbb{R}^3``,
#: ``\mathbb{R}^{m \times n}``).
_SIGNATURE = frozenset(
    {r"\mathbb", "{", "}", "^", r"\times", r"\rightarrow", r"\to", "R", "N", "Z", "C", "m", "n", "k", "d"}
)


def _signatures(tokens: list[Token]) -> list[Token]:
    r"""``\mathbf g(\mathbf x): \mathbb{R}^3 \rightarrow \mathbb{R}^2 = [g_1(\mathbf x), g_2(\mathbf x)]^\top``: the
    signature of a function (its spaces, between ``:`` and ``=``) says where it maps from and to, and is dropped
    before the definition it heads."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.text == ":" and out and out[-1].text == ")":
            end = next((k for k in range(index + 1, len(tokens)) if tokens[k].text == "="), None)
            inside = tokens[index + 1 : end] if end is not None else []
            arrow = any(t.text in (r"\rightarrow", r"\to") for t in inside)
            if arrow and all(t.text in _SIGNATURE or t.kind == "num" for t in inside):
                index = end if end is not None else index + 1
                continue
        out.append(token)
        index += 1
    return out


def counted_places(first: list[Token], second: list[Token], last: list[Token]) -> tuple[list[int], Token] | None:
    r"""Where two terms ``first`` and ``second`` (``x_1``, ``x_2``) differ only in consecutive whole numbers, and a
    ``last`` one (``x_n``) has one letter (or a larger number) in their place: those places and the last's token
    there; None otherwise. The pattern of ``x_1 + x_2 + \dots + x_n`` and of a column with a row of dots."""
    if not len(first) == len(second) == len(last):
        return None
    places = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a.text != b.text]
    if not places or any(first[i].kind != "num" or second[i].kind != "num" for i in places):
        return None
    for i in places:
        if first[i].text.isdigit() and (not second[i].text.isdigit() or int(second[i].text) != int(first[i].text) + 1):
            return None
    if len({first[i].text for i in places}) != 1 or any(last[i].text != last[places[0]].text for i in places):
        return None
    if any(a.text != b.text for i, (a, b) in enumerate(zip(first, last, strict=True)) if i not in places):
        return None
    upper = last[places[0]]
    if not (upper.kind == "letter" or (upper.kind == "num" and upper.text.isdigit())):
        return None
    return places, upper


def _percents(tokens: list[Token]) -> list[Token]:
    r"""``90\%``, ``12.5\%``: a percentage, read as the decimal it stands for (0.90, 0.125), its printed digits
    moved two places, so that the precision it was printed to stays the same."""
    out: list[Token] = []
    for token in tokens:
        if token.text == r"\%" and out and out[-1].kind == "num" and out[-1].end == token.pos:
            shifted = format(Decimal(out[-1].text).scaleb(-2), "f")
            out[-1] = Token("num", shifted, out[-1].pos, token.end - out[-1].pos)
            continue
        out.append(token)
    return out


def _rewritten(tokens: list[Token], rule: Rule) -> list[Token]:
    """``tokens`` with each place where ``rule`` matches (it gives the tokens to put there and how many it read)
    rewritten, left to right."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        found = rule(tokens, index)
        if found is None:
            out.append(tokens[index])
            index += 1
        else:
            out += found[0]
            index += found[1]
    return out


def _upright_transposes(tokens: list[Token]) -> list[Token]:
    r"""``X^{\text{T}}``, ``X^{\mathrm{T}}``: the transpose set upright, as ``X^{T}`` (not a superscript label T)."""

    def rule(tokens: list[Token], index: int) -> tuple[list[Token], int] | None:
        texts = [t.text for t in tokens[index : index + 7]]
        upright = texts[2:3] in ([r"\text"], [r"\mathrm"], [r"\textrm"])
        if upright and texts[:2] == ["^", "{"] and texts[3:] == ["{", "T", "}", "}"]:
            return [tokens[index], tokens[index + 1], tokens[index + 4], tokens[index + 6]], 7
        return None

    return _rewritten(tokens, rule)


def _equals_broken(tokens: list[Token]) -> list[Token]:
    r"""``A = \\ &= B``: a row that ends on ``=`` and the next that starts with it are one ``=`` (a long side broken
    after its sign, the sign written again to align the next row)."""

    def rule(tokens: list[Token], index: int) -> tuple[list[Token], int] | None:
        texts = [t.text for t in tokens[index : index + 4]]
        if texts[:2] != ["=", "\\\\"]:
            return None
        if texts[2:4] == ["&", "="]:
            return [tokens[index]], 4
        return ([tokens[index]], 3) if texts[2:3] == ["="] else None

    return _rewritten(tokens, rule)


#: The command that sets a letter bold as text does: ``\textbf{X}`` in Markdown notes is the matrix ``\mathbf{X}``
#: (plain TeX's ``\bf`` is :func:`_bold_declared`'s).
_TEXT_BOLD = r"\textbf"


def _bold_letters(tokens: list[Token]) -> list[Token]:
    r"""``\textbf{X}``: one letter (or Greek letter) set bold in text type is the bold name ``\mathbf{X}``; ``\Tr`` is
    the trace, as ``\operatorname{Tr}`` is."""
    out = list(tokens)
    for index, token in enumerate(tokens):
        group = [t.text for t in tokens[index + 1 : index + 4]]
        one = len(group) == 3 and group[0] == "{" and group[2] == "}"
        letter = one and ((tokens[index + 2].kind == "letter" and len(group[1]) == 1) or group[1][1:] in GREEK)
        if token.text == _TEXT_BOLD and letter:
            out[index] = Token("cmd", r"\mathbf", token.pos, len(token.text))
        elif token.text == r"\Tr" and index + 1 < len(tokens) and tokens[index + 1].text in ("(", r"\left"):
            out[index] = Token("letter", "Tr", token.pos, len(token.text))
    return out


def _layer_transposed(tokens: list[Token]) -> list[Token]:
    r"""``W^{(1)\top}``, ``W^{[l]T}``: the transpose of the layer's matrix written in its layer's superscript, read
    as ``W^{(1)}^\top`` (the layer's index, then the transpose)."""

    def rule(tokens: list[Token], index: int) -> tuple[list[Token], int] | None:
        texts = [t.text for t in tokens[index : index + 3]]
        if texts[:2] != ["^", "{"] or texts[2:3] not in (["("], ["["]):
            return None
        closing = ")" if texts[2] == "(" else "]"
        end = next((k for k in range(index + 3, min(len(tokens), index + 12)) if tokens[k].text == closing), None)
        after = [t.text for t in tokens[end + 1 : end + 3]] if end is not None else []
        if end is None or len(after) != 2 or after[0] not in (r"\top", r"\intercal", "T") or after[1] != "}":
            return None
        mark = tokens[end + 1]
        closed = [Token("sym", "}", mark.pos, 0), Token("sym", "^", mark.pos, 0), Token("sym", "{", mark.pos, 0)]
        return [*tokens[index : end + 1], *closed, mark, tokens[end + 2]], end + 3 - index

    return _rewritten(tokens, rule)


#: Operators of probability written as a letter or word before a bracket: E[Y], Var[Y], Cov(X, Y).
_MOMENTS = {("E",): "[", ("V", "a", "r"): "[(", ("C", "o", "v"): "[("}


def _refuse_moments(tokens: list[Token]) -> None:
    r"""``E[\theta_0 + \theta_1 x + \eta]``, ``Var[Y]``: an expectation or a variance, never the product of a name
    and a bracket (which would make ``E[Y] = E[\theta_0 + \eta]`` true by the letter's value alone)."""
    for index, token in enumerate(tokens):
        for letters, brackets in _MOMENTS.items():
            end = index + len(letters)
            if end >= len(tokens) or tokens[end].text not in brackets or tokens[end].pos != tokens[end - 1].pos + 1:
                continue  # (E [1 - y], spaced: the error times a bracket)
            written = tokens[index:end]
            if tuple(t.text for t in written) != letters or not all(t.kind == "letter" for t in written):
                continue
            if index > 0 and tokens[index - 1].kind == "letter" and tokens[index - 1].pos + 1 == token.pos:
                continue  # (a longer word)
            raise ParseError(f"{''.join(letters)}[...] (an expectation or a variance) is not checked")


#: Commands written for others: ``\vartriangle w`` for Δw, ``\hdots`` for ``\ldots``.
_SYNONYMS = {r"\vartriangle": r"\Delta", r"\triangle": r"\Delta", r"\bigtriangleup": r"\Delta", r"\hdots": r"\ldots"}


#: Brackets written as commands: ``\ln \lbrack 0.8 \rbrack``.
_BRACKETS = {
    r"\lbrack": "[", r"\rbrack": "]", r"\lbrace": "{", r"\rbrace": "}", r"\lparen": "(", r"\rparen": ")",
    r"\lgroup": "(", r"\rgroup": ")",
}


def _synonyms(tokens: list[Token]) -> list[Token]:
    r"""Commands replaced by the ones they stand for, and a sign in braces (``{-}3``, set so for spacing) by the
    sign."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        texts = [t.text for t in tokens[index : index + 3]]
        if token.text in _BRACKETS:
            out.append(Token("sym", _BRACKETS[token.text], token.pos, len(token.text)))
            index += 1
            continue
        if texts in (["{", "-", "}"], ["{", "+", "}"]):
            sign, brace = tokens[index + 1], tokens[index + 2]
            out.append(Token(sign.kind, sign.text, token.pos, brace.pos + 1 - token.pos))
            index += 3
            continue
        synonym = _SYNONYMS.get(token.text)
        out.append(token if synonym is None else Token(token.kind, synonym, token.pos, len(token.text)))
        index += 1
    return out


def _dot_in_brackets(tokens: list[Token]) -> list[Token]:
    r"""``a (.) (1 - a)``: the Hadamard product typed as a dot in brackets, ``\odot`` (and ``\mathbin{.*}``); ``1.-a``:
    the number 1; ``\sin.(x)``: the function applied entry by entry."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        if [t.text for t in tokens[index : index + 3]] == ["(", ".", ")"]:
            out.append(Token("cmd", r"\odot", tokens[index].pos, 3))
            index += 3
            continue
        if [t.text for t in tokens[index : index + 5]] == [r"\mathbin", "{", ".", "*", "}"]:
            out.append(Token("cmd", r"\odot", tokens[index].pos, tokens[index + 4].pos + 1 - tokens[index].pos))
            index += 5  # \mathbin{.*}: Julia's and MATLAB's element-wise product, as \odot
            continue
        broadcast = tokens[index].kind == "cmd" and tokens[index].text.lstrip("\\") in FUNCTIONS
        if broadcast and [t.text for t in tokens[index + 1 : index + 3]] == [".", "("]:
            out.append(tokens[index])  # \sin.(x): Julia's dot, the function applied entry by entry, as \sin(x)
            index += 2
            continue
        ahead = [t.text for t in tokens[index + 1 : index + 3]]
        if tokens[index].kind == "num" and ahead[:1] == ["."] and ahead[1:] in (["-"], ["+"], ["*"], ["/"]):
            out.append(tokens[index])  # 1.-a: MATLAB's 1., the number 1
            index += 2
            continue
        out.append(tokens[index])
        index += 1
    return out


def _a_word_letter(char: str) -> bool:
    """A letter of a script other than Latin and Greek (Hangul, CJK, Cyrillic…), which notes use for words."""
    return char.isalpha() and ord(char) > 0x3FF and char not in _UNICODE and char not in _SCRIPTS


def _script_tokens(script: str, at: int) -> list[Token]:
    """The tokens of a run of Unicode sub- or superscripts (``ᵢ₌₁``): digits join into one number."""
    plain = "".join(_SCRIPTS[c][1] for c in script)
    out: list[Token] = []
    for match in re.finditer(r"\d+|.", plain):
        kind = "num" if match.group().isdigit() else "letter" if match.group().isalpha() else "sym"
        out.append(Token(kind, match.group(), at + match.start(), len(match.group())))
    return out


def _typed_exponents(tokens: list[Token]) -> list[Token]:
    r"""``e^(-0.68)``, ``10^-3``, ``e^4.0``: exponents as typed in plain text, read as ``e^{(-0.68)}``,
    ``10^{-3}`` and ``e^{4.0}`` (a bracket after ``^``, a sign and one number or letter, or a decimal)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        out.append(token)
        index += 1
        if token.text != "^" or index >= len(tokens):
            continue
        end = None
        if tokens[index].text == "(":
            depth = 0
            for k in range(index, len(tokens)):
                depth += {"(": 1, ")": -1}.get(tokens[k].text, 0)
                if depth == 0:
                    end = k + 1
                    break
        elif tokens[index].text in ("-", "+") and _kinds(tokens, index + 1) in (["num"], ["letter"]):
            end = index + 2  # 10^-3, e^-z (a number or a letter after the sign)
        elif tokens[index].kind == "num" and "." in tokens[index].text:
            end = index + 1  # e^4.0: the whole number (TeX would raise only its first digit)
        if end is not None:
            closing = Token("sym", "}", tokens[end - 1].end, 0)
            out += [Token("sym", "{", tokens[index].pos, 0), *tokens[index:end], closing]
            index = end
    return out


_ARRAY_BRACKETS = {"[": ("]", "bmatrix"), "(": (")", "pmatrix")}


def _arrays_in_brackets(tokens: list[Token]) -> list[Token]:
    r"""``\left[ {\begin{array}{cc} 2 & 1 \\ 1 & 2 \end{array} } \right]``: an array in brackets is a matrix, read as
    ``\begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}`` (its column layout dropped). An array elsewhere is a layout,
    and stays refused."""
    texts = [t.text for t in tokens]
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        found = _array_at(texts, index)
        if found is None:
            out.append(tokens[index])
            index += 1
            continue
        body, end, closing, kind = found
        at, last = tokens[index].pos, tokens[closing].pos
        out += tokenize(rf"\begin{{{kind}}}", at) + tokens[body:end] + tokenize(rf"\end{{{kind}}}", last)
        index = closing + 1
    return out


def _array_at(texts: list[str], index: int) -> tuple[int, int, int, str] | None:
    """For a bracket at ``index`` around an array: where its rows start and end, the closing bracket, and the
    matrix environment it reads as; None otherwise."""
    opening = _ARRAY_BRACKETS.get(texts[index])
    if opening is None:
        return None
    start = index + 1
    while start < len(texts) and texts[start] == "{":
        start += 1
    braces = start - index - 1
    layout = _after_environment(texts, start, r"\begin")
    if layout is None or layout >= len(texts) or texts[layout] != "{":
        return None
    depth, body = 0, layout
    for body in range(layout, len(texts)):
        depth += {"{": 1, "}": -1}.get(texts[body], 0)
        if depth == 0:
            break
    body += 1
    end = next((k for k in range(body, len(texts)) if _after_environment(texts, k, r"\end") is not None), None)
    if end is None:
        return None
    after = _after_environment(texts, end, r"\end")
    assert after is not None
    closing = after + braces
    if texts[after:closing] != ["}"] * braces or closing >= len(texts) or texts[closing] != opening[0]:
        return None
    return body, end, closing, opening[1]


def _after_environment(texts: list[str], at: int, command: str) -> int | None:
    r"""The index after ``\begin{array}`` (or ``\end{array}``, ``command``) written from ``at``, or None."""
    if texts[at : at + 2] != [command, "{"]:
        return None
    word, k = "", at + 2
    while k < len(texts) and texts[k] != "}" and len(word) < 5:
        word += texts[k]
        k += 1
    return k + 1 if word == "array" and k < len(texts) and texts[k] == "}" else None


def _operators_braced(tokens: list[Token]) -> list[Token]:
    r"""``{\nabla ^2}f``, ``{\nabla}f``: an operator braced alone before what it applies to, read without the braces."""

    def rule(tokens: list[Token], index: int) -> tuple[list[Token], int] | None:
        texts = [t.text for t in tokens[index : index + 5]]
        if texts[:2] != ["{", r"\nabla"]:
            return None
        if texts[2:3] == ["}"]:
            return [tokens[index + 1]], 3
        return (tokens[index + 1 : index + 4], 5) if texts[2:5] == ["^", "2", "}"] else None

    return _rewritten(tokens, rule)


def _bold_declared(tokens: list[Token]) -> list[Token]:
    r"""``\bf{z_1}``, ``{\bf x}``, ``\bf x``: plain TeX's bold, read as ``\mathbf{z_1}``, ``\mathbf{x}``."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.text != r"\bf":
            out.append(token)
            index += 1
            continue
        bold = Token("cmd", r"\mathbf", token.pos, token.end - token.pos)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if out and out[-1].text == "{" and following is not None and following.text != "{":
            out[-1:] = [bold, out[-1]]  # {\bf x}: the group is the argument
            index += 1
        elif following is not None and following.text == "{":
            out.append(bold)  # \bf{z_1}
            index += 1
        elif following is not None:
            out += [bold, Token("sym", "{", following.pos, 0), following, Token("sym", "}", following.end, 0)]
            index += 2
        else:
            index += 1
    return out


#: The letters of a time step or sample written as an argument: ``y_i(n)``, ``e_k(t)``.
_TIME_STEPS = {"n", "t"}


def _at_time_steps(tokens: list[Token]) -> list[Token]:
    r"""``e_i(n) = y_i(n) - d_i(n)``: a subscripted quantity at time step n (signal-processing notes, Widrow's LMS)
    is the quantity; ``(n)`` after a subscript is no argument of a function (``f(n)``, unsubscripted, stays)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        texts = [t.text for t in tokens[index : index + 3]]
        subscripted = len(out) >= 2 and (out[-2].text == "_" or (out[-1].text == "}" and _closes_subscript(out)))
        if subscripted and len(texts) == 3 and texts[0] == "(" and texts[1] in _TIME_STEPS and texts[2] == ")":
            out[-1] = replace(out[-1], length=tokens[index + 2].end - out[-1].pos)  # (the text shown keeps "(n)")
            index += 3
            continue
        out.append(tokens[index])
        index += 1
    return out


def _closes_subscript(out: list[Token]) -> bool:
    """Whether the ``}`` that ends ``out`` closes the group of a subscript (``w_{ji}``)."""
    depth = 0
    for position in range(len(out) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(out[position].text, 0)
        if depth == 0:
            return position > 0 and out[position - 1].text == "_"
    return False


def _subscript_first(tokens: list[Token]) -> list[Token]:
    r"""``\|a - y\|^2_2``: the square of a norm written before its subscript, read as ``\|a - y\|_2^2``. (Not
    after a name: ``\mathcal{C}^2_\mathrm{CE}`` may be a label, the cost for K = 2, as well as a square.)"""
    out = list(tokens)
    index = 0
    while index < len(out):
        if out[index].text != "^" or index == 0:
            index += 1
            continue
        power = script_end(out, index + 1)
        if power is None or power >= len(out) or out[power].text != "_":
            index += 1
            continue
        below = script_end(out, power + 1)
        written = [t for t in out[index + 1 : power] if t.text not in ("{", "}")]
        if below is None or not written or not all(t.kind == "num" for t in written) or out[index - 1].kind != "norm":
            index += 1
            continue
        out[index:below] = out[power:below] + out[index:power]
        index = below
    return out


def script_end(tokens: list[Token], start: int) -> int | None:
    r"""The index after a script's argument at ``start``: a group ``{…}``, a command with its group
    (``\mathrm{CE}``, ``\text{trick!}``), or one token; None past the end."""
    if start >= len(tokens):
        return None
    if tokens[start].text == "{":
        return after_group(tokens, start)
    if tokens[start].kind == "cmd" and start + 1 < len(tokens) and tokens[start + 1].text == "{":
        return after_group(tokens, start + 1)
    return start + 1


def _kinds(tokens: list[Token], index: int) -> list[str]:
    return [t.kind for t in tokens[index : index + 1]]


def _sums_typed(tokens: list[Token]) -> list[Token]:
    r"""``Σᵢ₌₁ⁿ``: a capital sigma with bounds ``_{i=1}`` is the sum ``\sum_{i=1}^{n}``; with another subscript
    (``\Sigma_C = \sum_{d=1}^C e^{z_d}``) it is a name, Sigma_C, as ``\sum_C`` alone is."""
    texts = [t.text for t in tokens]
    out = []
    for i, t in enumerate(tokens):
        if t.text == r"\Sigma" and texts[i + 1 : i + 3] == ["_", "{"] and texts[i + 4 : i + 5] == ["="]:
            t = replace(t, kind="cmd", text=r"\sum")
        elif t.text == r"\Sigma" and texts[i + 1 : i + 2] == ["_"]:
            t = Token("letter", "Sigma", t.pos, len(t.text))
        out.append(t)
    return out


def _name_end(tokens: list[Token], start: int, top: bool = False) -> int | None:
    """The index after the name that starts at ``start`` (a letter or word, a Greek letter, a decorated
    letter, with any sub- and superscripts; ``top``: or a bracket), or None when no name starts there."""
    if start >= len(tokens):
        return None
    token = tokens[start]
    if token.text in ("(", "[") and top:  # ∂(σ(o1))/∂w5: a bracket, the quantity differentiated
        closing, depth = {"(": ")", "[": "]"}[token.text], 0
        for index in range(start, len(tokens)):
            depth += {token.text: 1, closing: -1}.get(tokens[index].text, 0)
            if depth == 0:
                return index + 1
        return None
    if token.text[1:] in DECORATIONS and start + 1 < len(tokens) and tokens[start + 1].text == "{":
        index = after_group(tokens, start + 1)
    elif token.kind == "letter" or token.text[1:] in GREEK:
        index = start + 1
    else:
        return None
    while index + 1 < len(tokens) and tokens[index].text in ("_", "^"):
        index = after_group(tokens, index + 1) if tokens[index + 1].text == "{" else index + 2
    return index


def _slash_derivatives(tokens: list[Token]) -> list[Token]:
    r"""``∂L/∂W``, ``∂E_{total}/∂w_5``: a partial derivative typed with a slash, between two names, is
    ``\frac{\partial L}{\partial W}``."""
    tokens = _braced_slash_derivatives(tokens)
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        top = _name_end(tokens, index + 1, top=True) if token.text == r"\partial" else None
        slash = [t.text for t in tokens[top : top + 2]] if top is not None else []
        if top is not None and slash == ["/", r"\partial"]:
            bottom = _name_end(tokens, top + 2)
            if bottom is not None:
                at = token.pos
                out += [Token("cmd", r"\frac", at, 0), Token("sym", "{", at, 0), *tokens[index:top]]
                out += [Token("sym", "}", tokens[top].pos, 0), Token("sym", "{", tokens[top].pos, 0)]
                out += [*tokens[top + 1 : bottom], Token("sym", "}", tokens[bottom - 1].end, 0)]
                index = bottom
                continue
        out.append(token)
        index += 1
    return out


def _braced_slash_derivatives(tokens: list[Token]) -> list[Token]:
    r"""``{\partial \xi}/{\partial z_i}``: a derivative typed with a slash between two braced groups, each
    ``\partial`` and a name, is ``\frac{\partial \xi}{\partial z_i}``."""

    def braced(start: int) -> int | None:
        r"""The index after ``{\partial name}`` at ``start``, or None."""
        if [t.text for t in tokens[start : start + 2]] != ["{", r"\partial"]:
            return None
        end = after_group(tokens, start)
        name = _name_end(tokens, start + 2)
        return end if name is not None and name == end - 1 and tokens[end - 1].text == "}" else None

    out: list[Token] = []
    index = 0
    while index < len(tokens):
        top = braced(index)
        if top is not None and top < len(tokens) and tokens[top].text == "/":
            bottom = braced(top + 1)
            if bottom is not None:
                out += [Token("cmd", r"\frac", tokens[index].pos, 0), *tokens[index:top], *tokens[top + 1 : bottom]]
                index = bottom
                continue
        out.append(tokens[index])
        index += 1
    return out


def _primes(tokens: list[Token]) -> list[Token]:
    r"""``f^\prime(z)``, ``f^{\prime}(z)``: the derivative's prime, as ``f'(z)`` (before a bracket only:
    ``w^{\prime}`` alone names another weight)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        texts = [t.text for t in tokens[index : index + 5]]
        for pattern in (["^", r"\prime", "("], ["^", "{", r"\prime", "}", "("], [r"\prime", "("]):  # σ\prime(x) too
            if texts[: len(pattern)] == pattern:
                out.append(Token("sym", "'", tokens[index].pos))
                index += len(pattern) - 1  # the bracket stays
                break
        else:
            out.append(tokens[index])
            index += 1
    return out


#: Commands that set a result in bold: ``\mathbf{0.201}`` is the number 0.201.
_EMPHASIS = {r"\mathbf", r"\boldsymbol", r"\bm", r"\textbf", r"\pmb"}


def _unmatched(tokens: list[Token], start: int, step: int) -> int | None:
    """The first brace from ``start``, walking by ``step`` (1 or -1), that closes a group it did not
    open: the ``}`` of the group around ``start`` (forward), or its ``{`` (backward); None if none."""
    opening, closing = ("{", "}") if step > 0 else ("}", "{")
    depth = 0
    for index in range(start, len(tokens) if step > 0 else -1, step):
        depth += {opening: 1, closing: -1}.get(tokens[index].text, 0)
        if depth < 0:
            return index
    return None


def _over(tokens: list[Token]) -> list[Token]:
    r"""``{g'h - gh' \over h^2}``, plain TeX's fraction, as ``\frac{g'h - gh'}{h^2}`` (inside braces only)."""
    while True:
        at = next((i for i, t in enumerate(tokens) if t.text == r"\over"), None)
        if at is None:
            return tokens
        start, end = _unmatched(tokens, at - 1, -1), _unmatched(tokens, at + 1, 1)
        if start is None or end is None:
            raise ParseError(r"\over outside braces: write \frac{...}{...}")
        brace = tokens[at]
        parts = [Token("cmd", r"\frac", tokens[start].pos, 0), *tokens[start:at]]
        parts += [Token("sym", "}", brace.pos, 0), Token("sym", "{", brace.pos, 0), *tokens[at + 1 : end + 1]]
        tokens = tokens[:start] + parts + tokens[end + 1 :]


def _braced_subscripts(tokens: list[Token]) -> list[Token]:
    r"""``\delta{_2}``: a subscript written in braces after its name, as ``\delta_2``."""
    out: list[Token] = []
    skip: set[int] = set()
    for index, token in enumerate(tokens):
        if index in skip:
            continue
        after = tokens[index + 1].text if index + 1 < len(tokens) else ""
        named = bool(out) and (out[-1].kind == "letter" or out[-1].text[1:] in GREEK)
        if token.text == "{" and after == "_" and named:
            close = _unmatched(tokens, index + 1, 1)
            if close is not None:
                skip.add(close)  # the brace that closes the group goes with the one that opens it
            continue
        out.append(token)
    return out


def _bold_numbers(tokens: list[Token]) -> list[Token]:
    r"""``\mathbf{0.201}``, ``\boldsymbol{-0.079}``: a number set in bold is the number
    (its braces stay, as a group); ``\mathbf{x}`` stays a bold name."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        texts = [t.text for t in tokens[index : index + 5]]
        kinds = [t.kind for t in tokens[index : index + 5]]
        if texts[:1] and texts[0] in _EMPHASIS and texts[1:2] == ["{"]:
            sign = 1 if texts[2:3] in (["-"], ["+"]) else 0
            if kinds[2 + sign : 3 + sign] == ["num"] and texts[3 + sign : 4 + sign] == ["}"]:
                command, brace = tokens[index], tokens[index + 1]
                out.append(Token("sym", "{", command.pos, brace.end - command.pos))  # the group, as written
                index += 2
                continue
        out.append(tokens[index])
        index += 1
    return out


#: Commands that set a word upright: ``\text{net}``, ``\mathrm{Var}``, ``\operatorname{sgn}``.
UPRIGHT = {
    r"\text", r"\textrm", r"\textit", r"\textbf", r"\mathrm", r"\operatorname", r"\textnormal", r"\mbox", r"\textsc",
    r"\textsf",
}
_WORD = re.compile(r"[A-Za-z]+(?:[ ]?[A-Za-z]+)*")


def _adjacent(first: Token, second: Token) -> bool:
    return first.end == second.pos


#: Words that make ``\text{...}`` prose between statements rather than a name.
PROSE_WORDS = frozenset(
    {
        *"and or for where if with then so thus hence since when at as is are of to in on by from while".split(),
        *"otherwise all each every let given which".split(),
    }
)
#: Names of gradients written as two letters (``dw``, ``db``, ``dZ``): the parameter or quantity after ``d``.
_GRADIENTS = frozenset("d" + letter for letter in "wWbBzZaAhHyY")


def _spaced_words(tokens: list[Token], text: str, offset: int) -> list[Token]:
    r"""``New\ Weight``: words of two letters or more set apart by ``\ `` are one name, New_Weight (as
    ``\text{New Weight}`` would be), not the product N·e·w·W·e·i·g·h·t."""

    def runs() -> list[tuple[int, int]]:
        found, start = [], 0
        for index in range(1, len(tokens) + 1):
            joined = (
                index < len(tokens)
                and tokens[index].kind == "letter"
                and tokens[index - 1].kind == "letter"
                and _adjacent(tokens[index - 1], tokens[index])
            )
            if not joined:
                if all(t.kind == "letter" for t in tokens[start:index]) and index - start >= 2:
                    found.append((start, index))
                start = index
        return found

    words = runs()
    out, taken, joined = list(tokens), 0, -1
    for (a, b), (c, d) in itertools.pairwise(words):
        if a <= joined or b != c or text[tokens[b - 1].end - offset : tokens[c].pos - offset] != "\\ ":
            continue  # (a third word, Learning\ Rate\ Value, stays apart: one join a pair)
        joined = c
        name = "".join(t.text for t in tokens[a:b]) + "_" + "".join(t.text for t in tokens[c:d])
        start, end = a - taken, d - taken
        out[start:end] = [Token("letter", name, tokens[a].pos, tokens[d - 1].end - tokens[a].pos)]
        taken += (d - a) - 1
    return out


def _entries_of_calls(tokens: list[Token]) -> list[Token]:
    r"""``s(\mathbf x)_i``, the i-th entry of the softmax of the vector x, is the entry ``s_i``: a function of
    its whole input, one name, as in ``s_i = e^{x_i} / \sum_j e^{x_j}``. Any other argument
    (``s(\mathbf x + c)_i``) is left as written."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        in_word = bool(out) and out[-1].kind == "letter" and _adjacent(out[-1], token)  # (softmax(x)_i: a word)
        # \phi(z)_i: a Greek function's entry too (not σ, often the logistic function entry by entry)
        greek = token.kind == "cmd" and token.text[1:] in GREEK and token.text != r"\sigma"
        opens = index + 1 < len(tokens) and tokens[index + 1].text == "("
        if (token.kind == "letter" or greek) and not in_word and opens:
            inner = [t.text for t in tokens[index + 2 : index + 8]]
            marked = bool(inner) and inner[0] in _VECTOR_MARKS
            rest = inner[1:] if marked else inner
            braced = marked and rest[:1] == ["{"] and rest[2:3] == ["}"]  # \mathbb{\theta}
            argument = rest[1] if braced else (rest[0] if rest else "")
            after = rest[3:5] if braced else rest[1:3]
            one_name = argument.isalpha() or argument[1:] in GREEK
            if one_name and after == [")", "_"]:
                if len(out) >= 2 and out[-1].text == "_" and (out[-2].kind == "letter" or out[-2].text[1:] in GREEK):
                    # \sigma_\mathrm{sm}(z)_i: the function's own subscript joins its name (sigmasm_i), the entry's
                    # index stays the index
                    stem = out[-2].text.lstrip("\\")
                    out[-2:] = [Token("letter", stem + token.text, out[-2].pos, token.end - out[-2].pos)]
                else:
                    out.append(Token("letter", token.text[1:], token.pos, len(token.text)) if greek else token)
                index += 2 + bool(marked) + (3 if braced else 1) + 1  # on to the _ of the entry
                continue
        out.append(token)
        index += 1
    return out


def _conditional_probabilities(tokens: list[Token]) -> list[Token]:
    r"""``P(t=1|z)``, ``p(y \mid x, \theta)``, ``p(y = 1)``, ``\tilde{p}(y = 0)``: a probability of an event or a
    conditional probability is one quantity, named as written (its ``=`` and ``|`` are no relation and no absolute
    value), so ``P(t=1|z) = \sigma(z)`` defines it."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        mark, letter = "", index
        decorated = [t.text for t in tokens[index : index + 4]]
        if decorated[:2] in ([r"\tilde", "{"], [r"\hat", "{"], [r"\mathcal", "{"]) and decorated[3:] == ["}"]:
            mark, letter = token.text[1:] + " ", index + 3  # \tilde{p}(y = 1): an unnormalised probability
        opens = letter + 1 < len(tokens) and tokens[letter + 1].text == "("
        named = tokens[index + 2] if mark else token
        likelihood = mark == "mathcal " and named.text == "L"  # \mathcal{L}(\theta|t, z): a likelihood
        if named.kind == "letter" and (named.text in ("P", "p", "Pr") or likelihood) and opens:
            depth, end, given = 0, None, False
            for k in range(letter + 1, min(len(tokens), letter + 40)):
                depth += {"(": 1, ")": -1}.get(tokens[k].text, 0)
                given = given or (depth == 1 and tokens[k].text in ("|", r"\mid", r"\vert", "="))
                if depth == 0:
                    end = k
                    break
            if end is not None and given:
                inner = "".join("|" if t.text in (r"\mid", r"\vert") else t.text for t in tokens[letter + 2 : end])
                last = tokens[end]
                out.append(Token("letter", f"{mark}{named.text}({inner})", token.pos, last.pos + 1 - token.pos))
                index = end + 1
                continue
        out.append(token)
        index += 1
    return out


#: Commands that may follow ``log`` typed without its backslash, as its argument.
_LOG_OPERANDS = frozenset({r"\frac", r"\dfrac", r"\tfrac", r"\sum", r"\hat", r"\left", r"\sigma", r"\exp"})
#: Marks of a vector's name: ``\mathbf x``, ``\boldsymbol x``, ``\vec x``.
_VECTOR_MARKS = frozenset({r"\mathbf", r"\mathbb", r"\boldsymbol", r"\vec", r"\bm"})


def _joined_names(tokens: list[Token]) -> list[Token]:
    r"""Join the tokens of one quantity: upright words, words before a subscript, ``w5``.

    Examples:
        >>> [t.text for t in _joined_names(tokenize(r"out_{h1} + \text{net}_{h1} + w5 + 2xy"))]
        ['out', '_', '{', 'h', '1', '}', '+', 'net', '_', '{', 'h', '1', '}', '+', 'w', '_', '5', '+', '2', 'x', 'y']
    """
    out: list[Token] = []
    index = 0
    subscript = 0  # brace depth inside a subscript group, where h1 stays two tokens
    while index < len(tokens):
        token = tokens[index]
        if token.text == "{" and (subscript or (out and out[-1].text == "_")):
            subscript += 1
        elif token.text == "}" and subscript:
            subscript -= 1
        if token.text in UPRIGHT and index + 3 < len(tokens) and tokens[index + 1].text == "{":
            word = _upright_word(tokens, index + 2)
            after = tokens[word[1]].text if word is not None and word[1] < len(tokens) else ""
            operator = token.text in (r"\operatorname", r"\mathrm")
            # \text{error} between operators is a quantity too (X \cdot \text{error}); a prose word stays prose
            quantity = (
                word is not None
                and len(word[0]) > 1
                and word[0].lower() not in PROSE_WORDS
                and (after in (")", "]", "+", "-", r"\cdot", r"\times", ",", r"\\") or ("_" in word[0] and not after))
            )
            if word is not None and word[0].lower() == "sigmoid" and after == "(":
                # \text{sigmoid}(z), \operatorname{Sigmoid}(z): the logistic function, as \sigma(z)
                out.append(Token("cmd", r"\sigma", token.pos, tokens[word[1] - 1].end - token.pos))
                index = word[1]
                continue
            subscripted = bool(out) and out[-1].text == "_"  # x_\text{max}: a subscript, no function
            named_before = after in ("_", "^", "(", "=", r"\approx", "'")  # (\text{ReLU}'(3): its slope)
            if word is not None and (operator or quantity or subscripted or named_before):
                text, end = word
                length = tokens[end - 1].end - token.pos
                named = [Token("letter", text, token.pos, length)]
                out.extend(named if subscripted else _word_tokens(text, token.pos, length))
                index = end
                continue
        if (
            token.text == "_"
            and index + 2 < len(tokens)
            and tokens[index + 1].kind == "letter"
            and tokens[index + 2].kind == "num"
            and tokens[index + 2].text.isdigit()
            and _adjacent(token, tokens[index + 1])
            and _adjacent(tokens[index + 1], tokens[index + 2])
        ):
            # E_y1, out_o1: an unbraced subscript written with its digits is read as E_{y1}
            letter, digits = tokens[index + 1], tokens[index + 2]
            out.extend([token, Token("sym", "{", letter.pos), letter, digits, Token("sym", "}", digits.pos)])
            index += 3
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.kind == "cmd"
            and token.text[1:] in GREEK
            and not subscript
            and following is not None
            and following.kind == "num"
            and following.text.isdigit()
            and (_adjacent(token, following) or token.pos + 1 == following.pos)  # (δ typed: one character)
        ):
            # δ1, \delta1 (unspaced): a Greek letter and digits typed together name one quantity (δ_1), as w1
            out.extend([token, Token("sym", "_", following.pos), following])
            index += 2
            continue
        if token.kind == "letter":
            end = index + 1
            while end < len(tokens) and tokens[end].kind == "letter" and _adjacent(tokens[end - 1], tokens[end]):
                if not (tokens[end].text.isascii() and token.text.isascii()):
                    break  # d오차y_{out}: the d of a derivative, then a name in another script
                end += 1
            following = tokens[end] if end < len(tokens) else None
            run = "".join(t.text for t in tokens[index:end])
            bare = following is not None and following.text == "(" and _adjacent(tokens[end - 1], following)
            after = following.text if following is not None and _adjacent(tokens[end - 1], following) else ""
            spaced = following is not None and following.text == "(" and run in ("log", "exp", "ln")  # log (y_c)
            # log \frac{e^{x_i}}{\sum_j e^{x_j}}, log \hat y: the product l·o·g of a command is no reading
            commanded = run in ("log", "ln", "exp") and following is not None and following.text in _LOG_OPERANDS
            powered = after == "^"  # tanh^2(x): a function's power, written without the backslash
            braced = after == "{" or (run == "log" and after == "_")
            if run in ("frac", "dfrac", "sqrt") and after == "{" and not (out and out[-1].kind == "letter"):
                out.append(Token("cmd", "\\" + run, token.pos, tokens[end - 1].end - token.pos))  # frac{1}{2}
                index = end
                continue
            if run in FUNCTIONS and (bare or spaced or commanded or powered or braced):
                # sin(y), log_{2}8, exp{x} written without the backslash
                out.append(Token("cmd", "\\" + run, token.pos))
                index = end
                continue
            if run.lower() == "sigmoid" and bare:
                out.append(Token("cmd", r"\sigma", token.pos, tokens[end - 1].end - token.pos))  # Sigmoid(z): σ(z)
                index = end
                continue
            if 2 <= len(run) <= 5 and run.isascii() and run.isupper() and bare and run not in _CAPITAL_PRODUCTS:
                # NLL(w), MSE(\hat{y}, y), CE(p, q): a loss named in capitals, one function (not N·L·L(w))
                out.append(Token("letter", run, token.pos, tokens[end - 1].end - token.pos))
                index = end
                continue
            if run in ("max", "min") and bare:
                out.append(Token("cmd", "\\" + run, token.pos, tokens[end - 1].end - token.pos))  # max(0, z)
                index = end
                continue
            # ReLU'(2): its slope, a prime between the name and the bracket
            slope = run.lower() == "relu" and after == "'" and end + 1 < len(tokens) and tokens[end + 1].text == "("
            if run.lower() in ("relu", "sgn", "sign", "step", "heaviside") and (bare or slope):
                # relu(z), sgn(x), step(z): one name (ReLU, sgn and the unit step are read as standard)
                written = "ReLU" if run.lower() == "relu" else run
                out.append(Token("letter", written, token.pos, tokens[end - 1].end - token.pos))
                index = end
                continue
            layer = [t.text for t in tokens[end : end + 3]]
            gradient = run[:1] == "d" and len(run) == 2 and (layer[:1] == ["["] or layer == ["^", "{", "["])
            starts = not out or out[-1].kind in ("rowsep", "quad") or out[-1].text in ("&", ",", ";")
            if run in _GRADIENTS and starts and layer[:1] == ["="]:
                gradient = True  # dw = \frac{1}{3}(…): the gradient's name at the head of a statement, not d·w
            # Wx_i, Ax_i: a capital (a matrix) and a letter with its subscript, a product (W x_i), no word
            product = end - index == 2 and run[0].isupper() and run[1].islower() and not gradient
            if (
                end - index >= 2
                and not product
                and following is not None
                and not (out and out[-1].text == "_")  # D_jS_i: an unbraced subscript is one letter (D_j S_i)
                and (following.text == "_" or gradient)  # dZ[4], dW^{[2]}: the gradient's name, one word
                and (_adjacent(tokens[end - 1], following) or following.text == "=")
            ):
                out.append(Token("letter", "".join(t.text for t in tokens[index:end]), token.pos))
                index = end
                continue
            if (
                end == index + 1
                and not subscript
                and following is not None
                and following.kind == "num"
                and _adjacent(token, following)
                and following.text.isdigit()
                and not (out and out[-1].kind in ("letter", "num") and _adjacent(out[-1], token))
            ):
                # w5, h1: a letter and digits written together name one quantity (w_5)
                typed = _typed_name(tokens, index)
                if typed is not None:
                    out += typed[0]
                    index = typed[1]
                    continue
                out.extend([token, Token("sym", "_", following.pos), following])
                index = end + 1
                continue
        out.append(token)
        index += 1
    return out


#: Capitals written together before a bracket that are a product of matrices in notes (``AB(x)``, ``XW(…)``).
_CAPITAL_PRODUCTS = frozenset({"AB", "BA", "XW", "WX", "AX", "XA", "WH", "UV", "QR", "LU"})


def _letters_end(tokens: list[Token], start: int) -> int:
    """The index after the letters written together from ``start``."""
    end = start
    while end < len(tokens) and tokens[end].kind == "letter":
        if end > start and not _adjacent(tokens[end - 1], tokens[end]):
            break
        end += 1
    return end


def _typed_name(tokens: list[Token], index: int) -> tuple[list[Token], int] | None:
    """``w1_new``, ``w2_old``, ``w1_{new}``: a letter, digits and a word after ``_``, typed as one name; its
    tokens (``w1``, ``_``, ``{new}``) and the index after it, or None."""
    letter, digits = tokens[index], tokens[index + 1]
    mark = index + 2
    if mark + 1 >= len(tokens) or tokens[mark].text != "_" or not _adjacent(digits, tokens[mark]):
        return None
    braced = tokens[mark + 1].text == "{"
    first = mark + 2 if braced else mark + 1
    last = _letters_end(tokens, first)
    if last == first or (braced and (last >= len(tokens) or tokens[last].text != "}")):
        return None
    if not braced and not _adjacent(tokens[mark], tokens[first]):
        return None
    at = tokens[first].pos
    word = Token("letter", "".join(t.text for t in tokens[first:last]), at)
    name = [Token("letter", letter.text + digits.text, letter.pos), tokens[mark], Token("sym", "{", at, 0), word]
    return [*name, Token("sym", "}", tokens[last - 1].end, 0)], last + 1 if braced else last


def _upright_word(tokens: list[Token], start: int) -> tuple[str, int] | None:
    r"""The word of ``\text{word}`` starting at ``start`` and the index after its ``}``, or None."""
    letters: list[Token] = []
    index = start
    while index < len(tokens) and tokens[index].kind == "letter":
        letters.append(tokens[index])
        index += 1
    if not letters or index >= len(tokens) or tokens[index].text != "}":
        return None
    if not (_adjacent(tokens[start - 1], letters[0]) and _adjacent(letters[-1], tokens[index])):
        return None  # \text{ and }: spaced like prose
    words = [[letters[0].text]]
    for a, b in itertools.pairwise(letters):
        if _adjacent(a, b):
            words[-1].append(b.text)
        else:
            words.append([b.text])
    joined = ["".join(w) for w in words]
    if len(joined) > 1 and (len(joined) > 3 or any(w.lower() in PROSE_WORDS for w in joined)):
        return None  # \text{ and } with spaces: prose, handled by the statement splitter
    return "_".join(joined), index + 1  # \text{W update}: one quantity, W_update


#: Functions some notes capitalise in upright type.
_CAPITALISED = frozenset({"Log", "Ln", "Exp"})


def _word_tokens(word: str, pos: int, length: int) -> list[Token]:
    """The token(s) of an upright word: a known function, the differential d, or one name."""
    if word in FUNCTIONS or word in ("max", "min"):  # \text{max}(0, x) is \max(0, x)
        return [Token("cmd", "\\" + word, pos, length)]
    if word in _CAPITALISED:  # \text{Log}(p): the logarithm, capitalised as some notes set it
        return [Token("cmd", "\\" + word.lower(), pos, length)]
    return [Token("letter", word, pos, length)]


# ---------------------------------------------------------------- vocabulary

GREEK = {
    *"alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi rho "
    "varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Phi Psi Omega ell".split()
}
FUNCTIONS = {"sin", "cos", "tan", "exp", "ln", "log", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan"}
DECORATIONS = {
    "mathbf", "boldsymbol", "bm", "vec", "hat", "bar", "tilde", "mathit", "overline", "mathcal", "mathbb", "underline",
    "widehat", "widetilde",
}
FRACTIONS = {r"\frac", r"\dfrac", r"\tfrac", r"\cfrac"}
#: (``\circ`` is the Hadamard product of notes on backprop, ``δ_3 \circ σ'(z)``; between two names, a composition)
PRODUCTS = {
    r"\cdot": "cdot", r"\times": "times", "*": "cdot", r"\ast": "cdot", r"\odot": "hadamard", r"\circ": "hadamard",
    r"\otimes": "outer",
}
ELLIPSES = {r"\ldots", r"\dots", r"\cdots", r"\vdots", r"\ddots", r"\dotsb", r"\dotsc"}
TRANSPOSES = {r"\top", r"\intercal", r"\mathsf", "T"}
#: The word "if" of a formula (``f(z) = 1 \text{ if } z \geq 0``), as its statements mark it: what stands before
#: it holds in one case only.
CONDITION = r"\text{if}"
MATRIX_ENVIRONMENTS = {"bmatrix", "pmatrix", "matrix", "Bmatrix", "smallmatrix"}
#: Commands whose meaning is outside the subset, with the reason given for them.
REFUSED = {
    r"\int": "an integral",
    r"\lim": "a limit",
    r"\max": "a maximum",
    r"\min": "a minimum",
    r"\pm": "plus-or-minus",
    r"\mp": "minus-or-plus",
    r"\infty": "infinity",
    r"\text": "prose inside the formula",
    r"\mathrm": "an upright name",
    r"\operatorname": "a named operator",
    r"\partial": "a partial derivative outside a fraction",
    r"\langle": "an inner product or a tuple",
}


# ---------------------------------------------------------------- splitting


def after_group(tokens: list[Token], start: int) -> int:
    """The index just after the braced group that opens at ``start``."""
    level, index = 0, start
    while index < len(tokens):
        level += {"{": 1, "}": -1}.get(tokens[index].text, 0)
        index += 1
        if level == 0:
            break
    return index


_OPENERS = ("{", "(", "[", r"\begin", r"\langle")
_CLOSERS = {"}": "{", ")": "(", "]": "[", r"\end": r"\begin", r"\rangle": r"\langle"}


def nesting(tokens: Iterable[Token]) -> Iterator[tuple[Token, bool]]:
    r"""Each token, and whether it stands outside any group, bracket or environment (a closer with no opener of
    its kind open is stray: ``\frac{exp(x_i)}{\sum_j exp(x_j))}`` still closes its braces)."""
    opened: list[str] = []
    for token in tokens:
        if token.text in _OPENERS:
            opened.append(token.text)
        elif token.text in _CLOSERS and _CLOSERS[token.text] in opened:
            while opened.pop() != _CLOSERS[token.text]:
                pass
        yield token, not opened


def split_top(tokens: list[Token], separators: set[str]) -> list[list[Token]]:
    """Split ``tokens`` at separators outside any group, bracket or environment."""
    parts: list[list[Token]] = [[]]
    for token, outside in nesting(tokens):
        if outside and token.text in separators:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts
