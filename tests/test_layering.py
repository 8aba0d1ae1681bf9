"""The one-way layering of symnn, as a tested table (issue 11.1).

Decision (round 2): the layers are expressed by the table below and enforced by these tests,
rather than by moving every module into one folder per layer, while five people edit those
files at once. A module may import its own layer and the layers below it; the two layers of
level 3 (documents, numeric) may not import each other. Imports inside functions count (a
deferred import that runs upward is still upward); imports under ``if TYPE_CHECKING:`` do not.

    base          errors, files                       (stdlib only)
    core          symbols, activations, losses, ...   (SymPy only: the exact mathematics)
    judging       verify, proof                       (claims and their verdicts)
    documents     document/, report.tex, printer      numeric: numeric/, train, gradcheck, plots
    applications  report, derive, crosscheck, notes, exercise, testing
    commands      commands/, cli, __main__
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "symnn"

#: layer name -> (level, module prefixes). A module belongs to the layer of its longest matching prefix.
LAYERS: dict[str, tuple[int, tuple[str, ...]]] = {
    "base": (0, ("symnn.errors", "symnn.files")),
    "core": (
        1,
        (
            "symnn.symbols",
            "symnn.activations",
            "symnn.losses",
            "symnn.layers",
            "symnn.network",
            "symnn.program",
            "symnn.matrix",
            "symnn.backprop",
            "symnn.calculus",
            "symnn.exact",
            "symnn.latex",
        ),
    ),
    "judging": (2, ("symnn.verify", "symnn.proof")),
    "documents": (3, ("symnn.document", "symnn.report.tex", "symnn.report.printer")),
    "numeric": (3, ("symnn.numeric", "symnn.train", "symnn.train_digits", "symnn.gradcheck", "symnn.plots")),
    "applications": (
        4,
        ("symnn.report", "symnn.derive", "symnn.crosscheck", "symnn.notes", "symnn.exercise", "symnn.testing"),
    ),
    "commands": (5, ("symnn.commands", "symnn.cli", "symnn.__main__")),
}


#: The only imports allowed to run upward, each a public entry point kept for the API's sake and
#: deferred into a method, so that importing and using the core still loads nothing above it
#: (the last tests of this file check that at run time).
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("symnn.network", "symnn.numeric"): "net.compile(), the documented way into the numeric layer",
}


def layer_of(module: str) -> str | None:
    """The layer of ``module`` (the longest matching prefix), or None for the package itself."""
    best: tuple[int, str] | None = None
    for name, (_, prefixes) in LAYERS.items():
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), name)
    return best[1] if best else None


def allowed(importer: str, imported: str) -> bool:
    """True when a module of layer ``importer`` may import one of layer ``imported``."""
    level, target = LAYERS[importer][0], LAYERS[imported][0]
    return target < level or importer == imported or (target == level and level != 3)


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, module: str) -> list[tuple[int, str]]:
    """Every ``symnn`` module that ``path`` imports (line, module), functions included, TYPE_CHECKING not."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            skipped |= {id(child) for stmt in node.body for child in ast.walk(stmt)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("symnn")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if not base.startswith("symnn"):
                continue
            for alias in node.names:  # "from symnn.x import y" may name the submodule symnn.x.y
                sub = f"{base}.{alias.name}"
                found.append(
                    (
                        node.lineno,
                        sub if layer_of(sub) and (PACKAGE.parent / (sub.replace(".", "/"))).exists() else base,
                    )
                )
    return found


def test_every_module_is_in_a_layer() -> None:
    unplaced = [name for name, _ in _modules() if name != "symnn" and layer_of(name) is None]
    assert unplaced == [], f"add these modules to the layer table of tests/test_layering.py: {unplaced}"


def test_no_import_runs_upward() -> None:
    upward = []
    for name, path in _modules():
        importer = layer_of(name)
        if importer is None:  # the package __init__: lazy re-exports only (see the next test)
            continue
        for line, imported_module in imports_of(path, name):
            imported = layer_of(imported_module)
            exempt = (name, imported_module) in EXCEPTIONS
            if imported is not None and not allowed(importer, imported) and not exempt:
                upward.append(
                    f"{path.relative_to(PACKAGE.parent)}:{line} ({importer}) imports {imported_module} ({imported})"
                )
    assert upward == [], "imports that run upward:\n" + "\n".join(upward)


def test_the_table_catches_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a core module importing a document module is reported."""
    fake = tmp_path / "network.py"
    fake.write_text("def f():\n    from symnn.document.latex import escape\n    return escape\n")
    ((line, module),) = imports_of(fake, "symnn.network")
    assert (line, module) == (2, "symnn.document.latex")
    assert not allowed(layer_of("symnn.network"), layer_of(module))  # type: ignore[arg-type]
    assert not allowed("numeric", "documents") and not allowed("documents", "numeric")
    assert allowed("applications", "documents") and allowed("core", "base")


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return set(run.stdout.split())


HEAVY_OR_UPWARD = ("numpy", "symnn.document", "symnn.numeric", "symnn.report", "symnn.derive", "symnn.notes")


def test_import_symnn_loads_no_numpy_and_no_document_or_numeric_module() -> None:
    loaded = _loaded_after("import symnn")
    assert [m for m in loaded if m.split(".")[0] == "numpy" or m.startswith(HEAVY_OR_UPWARD[1:])] == []
    assert "sympy" not in loaded  # lazy: nothing until a name is used


@pytest.mark.parametrize("statement", ["from symnn import Network, prove_backprop, latex", "import symnn.network"])
def test_the_core_at_work_loads_no_numpy_and_nothing_above_it(statement: str) -> None:
    loaded = _loaded_after(statement + "\nimport symnn; symnn.Network([2, 2, 1]).backprop()")
    above = [m for m in loaded if m == "numpy" or m.startswith((*HEAVY_OR_UPWARD, "symnn.crosscheck", "symnn.train"))]
    assert above == []
