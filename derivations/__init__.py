"""The worked examples of the course notes and the sigmoid article, as data-as-code.

One module per source section. Each defines ``ORDER``, ``TITLE``, ``SOURCE``, ``STATEMENT``
and ``derive()``, which returns its sections built with :mod:`symnn.report.steps`;
``symnn report`` loads the modules from their files, checks every claim exactly and
writes ``reports/<module>.tex`` and ``.pdf``.
"""
