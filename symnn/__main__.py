"""``python -m symnn``: the same as the ``symnn`` command."""

import sys

from symnn.cli import main

sys.exit(main())
