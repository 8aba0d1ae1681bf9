"""The files here are users' hand-written backprops that tests hand to ``symnn crosscheck``.

They are data, not test modules: pytest must not import them while collecting doctests.
"""

collect_ignore_glob = ["*.py"]
