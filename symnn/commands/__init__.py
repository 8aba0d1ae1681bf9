"""Subcommands of the ``symnn`` CLI, one module each, found by :func:`symnn.cli.build_parser`.

A command module defines ``ORDER`` (its place in ``--help``) and ``register(subparsers)``,
which adds a parser and sets ``run=`` (a function ``args -> int`` exit code) as a default.
"""
