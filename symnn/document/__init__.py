"""One document model and one renderer per output format, for every command.

- :mod:`symnn.document.model`: the blocks (prose, math, steps, checks, tables, figures, ...),
  :class:`Document`, and :func:`judge`, which judges every claim after the document is built;
- :mod:`symnn.document.latex`, :mod:`~symnn.document.markdown`, :mod:`~symnn.document.text`,
  :mod:`~symnn.document.html`: one renderer per format (PDF is the LaTeX built by
  :mod:`symnn.document.pdf`);
- :mod:`symnn.document.write`: :func:`write_document`, the output format chosen by the suffix.

Renderers are imported only when a document is written (this package's ``__init__`` loads the
model alone).
"""

from symnn.document.model import (
    Check,
    Code,
    Document,
    Drawing,
    Figure,
    Items,
    Judged,
    Link,
    Mark,
    Math,
    Note,
    Prose,
    Section,
    Step,
    Summary,
    Table,
    Tally,
    judge,
)

__all__ = [
    "Check",
    "Code",
    "Document",
    "Drawing",
    "Figure",
    "Items",
    "Judged",
    "Link",
    "Mark",
    "Math",
    "Note",
    "Prose",
    "Section",
    "Step",
    "Summary",
    "Table",
    "Tally",
    "judge",
]
