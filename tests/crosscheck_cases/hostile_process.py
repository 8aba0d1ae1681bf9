"""Gradient functions that attack the process they run in; each must become a verdict, never symnn's exit."""

import os
import sys
import time


class Escape(BaseException):
    """Not an Exception: a bare `except Exception` would miss it."""


def exits(params, x, y):
    sys.exit(0)


def hard_exit(params, x, y):
    os._exit(0)


def hangs(params, x, y):
    time.sleep(600)


def escapes(params, x, y):
    raise Escape("out")
