r"""Formulas typed as plain text: lines of an untagged code block, or a line of prose that is only a formula.

Worked examples are often typed without LaTeX::

    ∂L/∂W = 2/3 × [(−1.0)×2 + (−1.5)×3 + (−2.0)×4]
          = 2/3 × (−14.5)
          = −9.667

A line is read as a formula when it relates things (``=``, ``≈``) and holds nothing else: no two
words side by side (prose: "the output is 0.5"), no code (``==``, ``**``, ``def``, ``np.``, quotes);
a ``# comment`` after it, or on a line of its own, is dropped. A line that starts with ``=`` goes on
with the formula above it. A word of two letters or more that is not a function (``target``,
``output``, ``w1_new``) is one name, as ``\mathrm{target}`` would be; the text is rewritten so, and
nothing else is changed.
"""

from __future__ import annotations

import ast
import itertools
import re

__all__ = ["PLAIN_FENCES", "not_python", "plain_formulas", "typed_formula"]

#: The info strings of code fences whose lines may be formulas typed as text (and ```` ```math ```` written
#: without any LaTeX command: one formula a line).
PLAIN_FENCES = frozenset({"", "text", "txt", "plaintext", "plain", "none", "math"})

#: Keywords of programming languages.
_KEYWORDS = (
    "def", "return", "import", "from", "for", "while", "if", "else", "elif", "print", "class", "lambda", "self",
    "var", "let", "const", "function", "True", "False", "None", "and", "or", "not", "in", "is",
)
#: Marks of code: comparisons and assignments of programming languages, powers, comments, strings, calls
#: of libraries, keywords; one of them anywhere in a block makes the whole block code.
_CODE = re.compile(
    r"==|!=|\+=|-=|\*=|/=|\*\*|->|;\s*$|^\s*(?://|>>>)|[\"{}`$\\]|[A-Za-z_]\w*\.[A-Za-z_]|[A-Za-z_]\w*\[|[<>]"
    r"|\b(?:np|torch|tf|" + "|".join(_KEYWORDS) + r")\b"
)
#: A keyword of code alone, which the words of a sentence may be too ("not", "if", "is").
_KEYWORD = re.compile(r"\b(?:" + "|".join(_KEYWORDS) + r")\b")
#: A vector typed with spaces between its numbers: ``[ 2  1 -1 ]``.
_SPACED_VECTOR = re.compile(r"\[\s*-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)+\s*\]")
#: Comparisons, which worked examples typed as text use too (``output = 1 (0.2 >= 0)``).
_COMPARISON = re.compile(r">=|<=|[<>≥≤]")
#: A comment after a formula, or on a line of its own: ``#`` after a space or at the start.
_COMMENT = re.compile(r"(?:^|\s)#.*$")
#: Frames of text diagrams around a formula (``│ ∂L/∂W = … │``) and bullets before it.
_FRAME = re.compile(r"^[\s│║┃|]*(?:[•*\-]\s+)?|[\s│║┃|]*$")
#: A label before the formula: ``Sample 1: x₁ = 2, y₁ = 5``, ``Step 2: …``.
_LABEL = re.compile(r"^[A-Za-z][A-Za-z ]{0,30}\d*\s*:\s+")
_WORD = re.compile(r"(?<![A-Za-z0-9_\\{])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*")
_TYPED_D = re.compile(r"(?<![A-Za-z\\])d([A-Za-z])?/d([A-Za-z])(?![A-Za-z])")
#: A derivative typed with its quantity in brackets, ``d(d)/dc``, or written as a function, ``df(x)/dx``.
_TYPED_D_OF = re.compile(r"(?<![A-Za-z\\])d(?:\(([A-Za-z])\)|([A-Za-z])\([A-Za-z]\))/d([A-Za-z])(?![A-Za-z])")
_FUNCTIONS = {"exp", "log", "ln", "sin", "cos", "tan", "tanh", "sinh", "cosh", "sqrt", "sigmoid"}
_RELATIONS = ("=", "≈")
#: An equation's number at the end of a line, set apart by a tab or two spaces, or written ``-(12)``.
_NUMBERED = re.compile(r"(?:\t|\s{2,})\s*(?:[-–]\s*)?\(\d{1,3}\)\s*$|\s+[-–]\(\d{1,3}\)\s*$")
#: A remark after a formula, set apart by a tab or two spaces: ``= … [out_h1]		- ref. (11) and (13)``.
_REMARK = re.compile(r"(?:\t|\s{2,})\s*-\s+[A-Za-z]{2,}\.?\s+[A-Za-z(].*$")
#: A LaTeX superscript or subscript in braces, in a formula otherwise typed as text: ``e^{-x}``.
_BRACED = re.compile(r"([\^_])\{([^{}]*)\}")
#: An alignment mark of LaTeX's ``align``: ``out_h2 &= σ(h2)``.
_ALIGNED = re.compile(r"\s*&\s*=")
#: Emphasis around a formula in prose: ``**z = 0.3**``.
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
#: An underscore set apart between two operands (``0.9 _ 0.1311``, ``0.9 \_ ( - 0.0087 )``): no subscript (one is
#: written against its name), but a ``*`` that a Markdown converter turned into emphasis' underscore.
_SPACED_UNDERSCORE = re.compile(r"(?<=[\d)])\s+\\?_\s+(?=[-−(\d])")
#: A Markdown link or image, ``[text](target)``: its text is prose, its target no formula.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
#: A value in brackets in a sentence: ``(x = -3)``.
_BRACKETED_VALUE = re.compile(r"\(\s*([A-Za-z]\w*\s*=\s*[-−]?\d+(?:\.\d+)?)\s*\)")
#: The sign of a number that stands alone on its side (``x = -3``): no arithmetic.
_SIGN = re.compile(r"(^|=\s*)[-−](?=\s*\d+(?:\.\d+)?\s*(?:=|$))")
#: Small words of English prose that a formula in a sentence never holds.
_PROSE_WORDS = (
    "and", "or", "so", "then", "thus", "hence", "which", "where", "with", "gives", "giving", "get", "we",
    "is", "are", "was", "of", "to", "the", "that", "this", "becomes", "yields", "equals", "now", "here", "be",
)


def not_python(info: str, content: str) -> bool:
    """Whether a block tagged ``python`` is no Python: ``∂L/∂z2 = ∂L/∂y × ∂y/∂z2`` in a Python fence is
    maths typed as text (the source is only parsed, never run); any other tag is taken at its word."""
    if info not in ("python", "py", "python3"):
        return False
    try:
        ast.parse(content)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # deep nesting too: not code to leave alone
        return True
    return False


def plain_formulas(lines: list[str], prose_lines: bool = False) -> list[tuple[int, str]]:
    """The formulas typed in ``lines`` as (index of the first line, text), lines going on with ``=`` joined
    by newlines. ``prose_lines``: the lines are a paragraph, whose lines that are not formulas are prose; in a
    code block any line of code makes the block code, and nothing is read from it."""
    found: list[tuple[int, list[str]]] = []
    for index, line in enumerate(lines):
        line = _COMMENT.sub("", line)  # ∂L/∂z2 = ∂L/∂y × ∂y/∂z2   # Multiply gradients!
        line = _NUMBERED.sub("", _REMARK.sub("", line))  # 𝟃o1/𝟃w6 = out_h2  -(12): the equation's number
        line = _ALIGNED.sub("=", _BRACED.sub(r"\1(\2)", line))  # σ(x) &= 1/(1 + e^{-x}): as typed in LaTeX
        line = line.replace("~=", "≈").replace("=~", "≈")  # (1 - 0.73) * 0.73 ~= 0.2: approximately
        line = _SPACED_UNDERSCORE.sub(" × ", line)  # 0.474 _ (1 - 0.474): a * that Markdown made an underscore
        line = re.sub(r"(?<![<-])<-(?![-<=])", "←", line)  # w <- w + -1x = [0, 0, 1]: the update arrow
        line = _SPACED_VECTOR.sub(lambda m: "[" + ", ".join(m[0][1:-1].split()) + "]", line)  # [ 0  1  0 ]
        if prose_lines:
            line = _BOLD.sub(r"\1", line)  # **z = 0.5 × 0.4 + 0.1 = 0.3**: Markdown's emphasis, no power
            line = _LINK.sub(lambda m: "" if m[0].startswith("!") else m[1], line)  # [Point (x = -3)](#32-…)
        if not line.strip():
            continue
        if _CODE.search(line):
            if prose_lines:  # (the words of prose are Python's keywords too: "is", "and", "in")
                sentence = _LABEL.sub("", _FRAME.sub("", line))
                segment = _values_in(sentence) or _computation_in(sentence)
                if segment is not None and not _CODE.search(segment):
                    found.append((index, [_as_math(segment)]))
                continue
            if not _CODE.search(_COMPARISON.sub(" ", line)):
                continue  # "output = 1 (0.2 >= 0)": a comparison, no code; the line alone is not read
            if _prose(line) and not _CODE.search(_KEYWORD.sub(" ", _COMPARISON.sub(" ", line))):
                continue  # "Correction not performed since t₁ = -1.": a sentence, whose words are keywords too
            return []
        text = _LABEL.sub("", _FRAME.sub("", line))
        if text.startswith(_RELATIONS) and found and found[-1][0] + len(found[-1][1]) == index:
            found[-1][1].append(_as_math(text))  # = 2/3 × (−14.5): the formula above goes on
            continue
        if not any(r in text for r in _RELATIONS):
            continue
        if _only_formula(text):
            found.append((index, [_as_math(text)]))
        elif prose_lines and (segment := _values_in(text) or _computation_in(text)) is not None:
            found.append((index, [_as_math(segment)]))  # "Then the error is E = ½(1 − 0.5744)² = 0.0906."
    return [(index, "\n".join(texts)) for index, texts in found]


def typed_formula(text: str) -> str | None:
    """``text``, a code span in prose (```dL/dc = dL/dd * dd/dc = -2.0```, ```de/db = a```), as a formula, or None:
    a formula typed as text by the rules above, or a relation of names, numbers and operators only (a span in
    prose is set apart as maths: ```e = a * b```, a derivative typed ``de/db``)."""
    found = plain_formulas([text]) if "\n" not in text else []
    if found:
        return found[0][1]
    if "=" not in text or _CODE.search(text) or _prose(text):
        return None
    if _TYPED_D.search(text) or re.fullmatch(r"[\w\s.+\-*/^()=,'′]+", text):  # `e = a * b`: names and operators
        return _as_math(text.strip())
    return None


def _prose(line: str) -> bool:
    """Whether ``line`` has two words side by side, neither of them a keyword of code: a sentence."""
    words = list(_WORD.finditer(line))
    for first, second in itertools.pairwise(words):
        if line[first.end() : second.start()].strip():
            continue
        if not (_KEYWORD.fullmatch(first.group()) or _KEYWORD.fullmatch(second.group())):
            return True
    return False


def _computation_in(text: str) -> str | None:
    """The computation a line of prose holds after (or between) its words: ``E = ½(1 − 0.5744)² = 0.0906`` of
    "Then the error is E = ½(1 − 0.5744)² = 0.0906.", or None.

    The line is cut where two words stand side by side and at the small words of prose ("and", "so"); a
    piece is taken when it is a formula with arithmetic in it or a chain of two links or more, so that a
    value said in passing ("when w = 10 the unit saturates") is not read as a definition."""
    text = _BRACKETED_VALUE.sub(r" \1", text)  # "at Another Point (x = -3)": a value in brackets, said in passing
    words = [w for w in _WORD.finditer(text)]
    cuts = [0]
    for first, second in itertools.pairwise(words):
        if not text[first.end() : second.start()].strip() or first.group().lower() in _PROSE_WORDS:
            cuts.append(second.start())
    if words and words[-1].group().lower() in _PROSE_WORDS:
        cuts.append(words[-1].start())
    pieces = [text[a:b] for a, b in itertools.pairwise([*cuts, len(text)])]
    found = None
    for piece in pieces:
        piece = re.sub(rf"^\s*(?:{'|'.join(_PROSE_WORDS)})\b", "", piece, flags=re.IGNORECASE)
        piece = piece.strip().rstrip(".,;:!?").strip()
        piece = re.sub(rf"\s+(?:{'|'.join(_PROSE_WORDS)})$", "", piece, flags=re.IGNORECASE)  # "w = -10 the"
        piece = piece.rstrip(".,;:!?").strip()  # "L = f * d, then"
        relations = sum(piece.count(r) for r in _RELATIONS)
        if not relations or piece.startswith(_RELATIONS) or piece.endswith(_RELATIONS) or not _only_formula(piece):
            continue
        unsigned = _SIGN.sub(r"\1", piece.strip("()"))
        if relations < 2 and not re.search(r"[-+×·*/−²³^()√]", unsigned):
            continue  # "w = 10", "(x = -3)": a value said in passing
        if found is not None:
            return None  # two computations in one sentence: which words belong to which is not clear
        found = piece
    return found


#: A value given in a sentence: ``x1 = 0.5``, ``w_2 = -0.3``, ``η = 0.1`` (a short name, then a number alone).
_VALUE = re.compile(
    r"(?<![\w.=<>])([A-Za-zα-ωΑ-Ω][A-Za-z0-9_₀-₉]{0,4})\s*=\s*([-−]?\d+(?:\.\d+)?)(?![\w.]*\w)(?!\s*[-+*/×·^(=])"
)


def _values_in(text: str) -> str | None:
    """The values a sentence gives, as one formula ``x1 = 0.5, x2 = 0.2, b = 0.1``: "We take inputs x1 = 0.5 and
    x2 = 0.2, and bias b = 0.1." Two values or more, of different names: the data of a worked example (one alone
    may be said in passing, "when w = 10 the unit saturates"). None otherwise."""
    values = _VALUE.findall(text)
    names = [name for name, _ in values]
    if len(values) < 2 or len(set(names)) != len(names) or any(w in _PROSE_WORDS for w in names):
        return None
    if re.search("[=≈]", _VALUE.sub("", text)):
        return None  # "x = 2 and y = 3, so f = x + y = 5": a computation too, which the sentence's words split
    return ", ".join(f"{name} = {number}" for name, number in values)


def _only_formula(text: str) -> bool:
    """Whether ``text`` holds a formula only: a number, a formula character or an operator set apart (``f * d``),
    and no two words side by side."""
    if not re.search(r"\d|[∂×·−²ŷΣσδη½≈∑]|\w\s+[*/]\s+\w", text) or re.search(r"[|│║┃]", text):
        return False  # no number and no sign of maths; or a table's cells
    words = list(_WORD.finditer(text))
    for first, second in itertools.pairwise(words):
        if not text[first.end() : second.start()].strip():
            return False  # "the output is 0.5": prose
    letters = sum(1 for w in words if len(w.group()) > 2 and w.group() not in _FUNCTIONS)
    return letters <= 8


def _as_math(text: str) -> str:
    r"""``text`` with each word of two letters or more that is no function written ``\mathrm{word}`` (one name)."""

    def word(match: re.Match[str]) -> str:
        name = match.group()
        if name in _FUNCTIONS or re.fullmatch(r"[A-Za-z](?:\d+(?:_[A-Za-z]+)?)?", name):
            return name  # x, w1, w1_new (a letter, digits, a word): as written, one name to the tokenizer
        head, _, tail = name.partition("_")
        head = head if re.fullmatch(r"[A-Za-z]\d*", head) else rf"\mathrm{{{head}}}"
        return head + (f"_{{{tail}}}" if tail else "")  # target, out_h1, W_new, Error_j

    text = _TYPED_D_OF.sub(lambda m: f"d{m[1] or m[2]}/d{m[3]}", text)  # d(d)/dc, df(x)/dx: the derivative of d, of f
    text = _TYPED_D.sub(lambda m: rf"\frac{{d{m[1] or ''}}}{{d{m[2]}}}", text)  # d/dx(x²), dy/dx
    return _WORD.sub(word, text)  # (not the words of \frac{dy}{dx})
