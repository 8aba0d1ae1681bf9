"""The one exception type that symnn raises for bad input.

The CLI turns a :class:`SymnnError` into one line on stderr and exit code 2; anything
else is a bug in symnn.
"""

from __future__ import annotations


class SymnnError(ValueError):
    """Bad input: a malformed layer spec, an unknown activation, mismatched shapes, ..."""
