"""The ``symnn`` command line: a front end over subcommands; nothing imports it.

Each subcommand is a module in :mod:`symnn.commands` defining ``register(subparsers)``,
which adds its parser and sets ``run`` (``args -> exit code``) as a default. Exit codes:
0 all verified, 1 a claim or check failed, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from typing import NoReturn

from symnn import __version__, commands
from symnn.errors import SymnnError
from symnn.files import clean_up_on_signals

__all__ = ["OneLineParser", "build_parser", "main"]

DESCRIPTION = """\
symnn does the mathematics of neural networks exactly: exact gradients, Jacobians and
backpropagation (Higham & Higham 2019), verified textbook arithmetic, LaTeX/PDF reports,
cross-checks of hand-written backprop, and fast compiled training.
"""

EPILOG = "Exit codes: 0 all verified, 1 a claim or check failed, 2 bad input or usage."


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit code 2.

    argparse prints the whole usage block before the error; symnn's rule is one clear line
    (``symnn derive: error: the following arguments are required: --layers``), and
    ``--help`` for the rest. Subcommand parsers are made by the same class.
    """

    def error(self, message: str) -> NoReturn:
        line = " ".join(message.split())
        self.exit(2, f"{self.prog}: error: {line} (see {self.prog} --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand found in :mod:`symnn.commands` (or just ``only``).

    Running one command imports only its module (``symnn derive ...`` never loads the training
    code); ``symnn --help`` and an unknown command load them all, to list them.
    """
    parser = OneLineParser(prog="symnn", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"symnn {__version__}")
    parser.add_argument("--traceback", action="store_true", help="show the full traceback of an internal error")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    names = [m.name for m in pkgutil.iter_modules(commands.__path__)]
    modules = [importlib.import_module(f"{commands.__name__}.{name}") for name in names if only in (None, name)]
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__)):
        module.register(subparsers)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` when it is one of symnn's, else None."""
    names = {m.name for m in pkgutil.iter_modules(commands.__path__)}
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in names else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    with clean_up_on_signals():
        return _run(list(sys.argv[1:] if argv is None else argv))


def _run(arguments: list[str]) -> int:
    """Parse ``arguments`` and run the subcommand; map failures to one line and an exit code."""
    parser = build_parser(_command(arguments))
    args = parser.parse_args(arguments)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except SymnnError as error:
        print(f"symnn: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("symnn: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``symnn ... | head``): not an error of ours. Point stdout
        # at /dev/null so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if args.traceback:
            raise
        print(f"symnn: internal error: {type(error).__name__}: {error} (rerun with --traceback)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
