r"""LaTeX text (the text fields of the document model) read into a small tree, for the non-LaTeX renderers.

The model's text is LaTeX text: words, inline ``$...$`` math and a few text commands. The
Markdown, plain-text and HTML renderers read it with :func:`parse` into nodes:

- ``("text", s)``: plain characters, escapes resolved (``\_`` is ``_``, ``~`` a space);
- ``("math", s)`` and ``("display", s)``: LaTeX math without delimiters;
- ``("emph" | "bold" | "code", children)``: ``\emph``/``\textit``, ``\textbf``, ``\texttt``;
- ``("mark", status)``: ``\verified``, ``\failed``, ``\unchecked``;
- ``("list", [children, ...])``: an ``itemize`` or ``enumerate``; ``("break",)``: ``\\`` or ``\par``.

An unknown command stays as its text (``\foo``), never dropped.

Examples:
    >>> parse(r"a \emph{b} $x_1$ c\_d")
    [('text', 'a '), ('emph', [('text', 'b')]), ('text', ' '), ('math', 'x_1'), ('text', ' c_d')]
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Node", "parse", "plain_text"]

Node = tuple[Any, ...]

_GROUPS = {"emph": "emph", "textit": "emph", "textbf": "bold", "texttt": "code", "text": "", "mbox": ""}
_MARKS = {"verified": "verified", "failed": "failed", "unchecked": "unchecked"}
_SYMBOLS = {
    "ldots": "…",
    "dots": "…",
    "textbackslash": "\\",
    "textless": "<",
    "textgreater": ">",
    "textasciicircum": "^",
    "textasciitilde": "~",
    "textbar": "|",
    "textendash": "–",
    "textemdash": "—",
    "textquotesingle": "'",
    "S": "§",
    "quad": " ",
    "qquad": " ",
    "allowbreak": "",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "centering": "",
    "raggedright": "",
    "small": "",
    "footnotesize": "",
    "noindent": "",
}
_ESCAPED = set("_%&#${}")
# "--" and "---" as LaTeX reads them, except an option name like --json (a dash run before a letter).
_DASHES = re.compile(r"-{2,3}(?![A-Za-z-])")
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?")


def _group(text: str, start: int) -> tuple[str, int]:
    """The braced group starting at ``text[start] == "{"``: its contents and the index after it."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "\\":
            continue
        if text[i] == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif text[i] == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
    return text[start + 1 :], len(text)


def _math_end(text: str, start: int, closing: str) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            if text.startswith(closing, i):
                return i
            i += 2
            continue
        if text.startswith(closing, i):
            return i
        i += 1
    return -1


def parse(text: str) -> list[Node]:
    """``text`` (LaTeX text) as a list of nodes (see the module docstring)."""
    nodes: list[Node] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            joined = _DASHES.sub(lambda m: "—" if len(m[0]) == 3 else "–", "".join(buffer))
            joined = joined.replace("``", "“").replace("''", "”")
            nodes.append(("text", joined))
            buffer.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "$":
            double = text.startswith("$$", i)
            closing = "$$" if double else "$"
            end = _math_end(text, i + len(closing), closing)
            if end < 0:
                buffer.append(text[i:])
                break
            flush()
            nodes.append(("display" if double else "math", text[i + len(closing) : end].strip()))
            i = end + len(closing)
            continue
        if ch == "~":
            buffer.append("\u00a0")
            i += 1
            continue
        if ch in "{}":
            i += 1
            continue
        if ch != "\\":
            buffer.append(ch)
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if nxt in _ESCAPED:
            buffer.append(nxt)
            i += 2
            continue
        if nxt == "\\":
            flush()
            nodes.append(("break",))
            i += 2
            continue
        if nxt in ",;: ":
            buffer.append(" ")
            i += 2
            continue
        if nxt == "[":
            end = _math_end(text, i + 2, r"\]")
            if end >= 0:
                flush()
                nodes.append(("display", text[i + 2 : end].strip()))
                i = end + 2
                continue
        match = _COMMAND.match(text, i)
        if match is None:
            buffer.append(ch)
            i += 1
            continue
        name, i = match[1], match.end()
        if name in _GROUPS and i < len(text) and text[i] == "{":
            inner, i = _group(text, i)
            flush()
            children = parse(inner)
            nodes.extend([(_GROUPS[name], children)] if _GROUPS[name] else children)
        elif name in _MARKS:
            flush()
            nodes.append(("mark", _MARKS[name]))
            if text.startswith("{}", i):
                i += 2
        elif name == "par":
            flush()
            nodes.append(("break",))
        elif name in ("begin", "end") and i < len(text) and text[i] == "{":
            env, after = _group(text, i)
            if name == "begin" and env in ("itemize", "enumerate"):
                close = text.find(rf"\end{{{env}}}", after)
                close = len(text) if close < 0 else close
                items = [part for part in re.split(r"\\item\b", text[after:close])[1:]]
                flush()
                nodes.append(("list", [parse(item.strip()) for item in items]))
                i = close + len(rf"\end{{{env}}}")
            else:
                i = after  # center and the like: keep the contents
        elif name in _SYMBOLS:
            buffer.append(_SYMBOLS[name])
            if text.startswith("{}", i):
                i += 2
        else:
            buffer.append("\\" + name)
    flush()
    return nodes


def plain_text(text: str, strip: bool = True) -> str:
    r"""``text`` as plain words, math kept as its LaTeX between ``$``.

    Examples:
        >>> plain_text(r"\textbf{Source.} notes\_a.md, $x^2$~--- done\par")
        'Source. notes_a.md, $x^2$\xa0— done'
    """
    out: list[str] = []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            kind = node[0]
            if kind == "text":
                out.append(node[1])
            elif kind in ("math", "display"):
                out.append(f"${node[1]}$")
            elif kind in ("emph", "bold", "code"):
                walk(node[1])
            elif kind == "mark":
                out.append({"verified": "✓", "failed": "✗", "unchecked": "?"}[node[1]])
            elif kind == "list":
                for item in node[1]:
                    out.append("\n- ")
                    walk(item)
            elif kind == "break":
                out.append("\n")

    walk(parse(text))
    joined = "".join(out)
    return joined.strip() if strip else joined
