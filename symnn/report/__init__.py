"""Report machinery: LaTeX documents, their PDF build, and what goes into them.

- :mod:`symnn.report.tex`: the shared preamble, atomic writes, the deterministic PDF build;
- :mod:`symnn.report.printer`: the book's notation, exact decimals, handcalcs substitution;
- :mod:`symnn.report.steps`: what a derivation is made of (prose, steps, checks, code);
- :mod:`symnn.report.render`: a checked derivation as a LaTeX document, and the index;
- :mod:`symnn.report.pipeline`: ``symnn report`` as find, load, check, render, write, build.
"""
