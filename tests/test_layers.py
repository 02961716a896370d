"""The package's shape: layers (import-linter), no private names across modules, no imports hidden in
functions, small modules. Each checker is first shown to fail on a bad case."""
from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

from tests.support import ROOT

PACKAGE = ROOT / "toolkit"
MAX_LINES = 520  # "no module over ~500 lines"
# imports allowed inside functions: optional heavy dependencies, started only when used, and the CLI,
# which imports what each command needs so `ita-report --help` starts fast
LAZY_MODULES = {"playwright.sync_api", "weasyprint", "weasyprint.text.fonts", "distributed", "fontTools.ttLib",
                "brotli"}
LAZY_FILES = {"toolkit/cli.py"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# -- checkers ----------------------------------------------------------------------------------
def private_uses(path: Path, source: str) -> list[str]:
    """`from x import _name` and `module._name` where module is one of ours imported by name."""
    tree = ast.parse(source)
    ours: set[str] = set()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            local = node.level > 0 or (node.module or "").startswith("toolkit")
            for alias in node.names:
                if local and alias.name.startswith("_") and not alias.name.startswith("__"):
                    out.append(f"{path.name}:{node.lineno} imports {alias.name}")
                if local:
                    ours.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("toolkit"):
                    ours.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name) and node.value.id in ours):
            out.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return out


def inner_imports(path: Path, source: str) -> list[str]:
    """Imports inside functions, except the lazy ones allowed above."""
    if str(path.relative_to(ROOT)) in LAZY_FILES:
        return []
    out = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in LAZY_MODULES:
                continue
            if isinstance(node, ast.Import) and all(a.name in LAZY_MODULES for a in node.names):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                out.append(f"{path.relative_to(ROOT)}:{node.lineno} in {fn.name}()")
    return out


# -- the checkers fail on bad code ---------------------------------------------------------------
def test_the_checkers_catch_bad_code():
    bad = Path(PACKAGE / "bad.py")
    assert private_uses(bad, "from .thai import _helper\n") == ["bad.py:1 imports _helper"]
    assert private_uses(bad, "from . import charts\ncharts._title(1)\n") == ["bad.py:2 uses charts._title"]
    assert private_uses(bad, "import os\nos._exit(0)\n") == []  # other libraries are their own business
    assert inner_imports(bad, "def f():\n    from .thai import x\n") == ["toolkit/bad.py:2 in f()"]
    assert inner_imports(bad, "def f():\n    from playwright.sync_api import sync_playwright\n") == []


def test_import_linter_fails_on_a_broken_contract(tmp_path):
    config = tmp_path / "broken.toml"
    config.write_text('[tool.importlinter]\nroot_package = "toolkit"\n\n[[tool.importlinter.contracts]]\n'
                      'name = "upside down"\ntype = "layers"\nlayers = ["toolkit.kit", "toolkit.documents"]\n',
                      encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert lint_imports(config_filename=str(config), no_cache=True) == 1
    finally:
        os.chdir(cwd)


# -- the package keeps them ------------------------------------------------------------------------
def test_layers_and_independent_document_types():
    """kit < frameworks < params < documents < engine/export < run < batch < cli; documents independent."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("path", modules(), ids=_module_name)
def test_no_private_names_across_modules(path):
    assert private_uses(path, path.read_text(encoding="utf-8")) == []


def test_no_imports_hidden_in_functions():
    found = [hit for p in modules() for hit in inner_imports(p, p.read_text(encoding="utf-8"))]
    assert found == []


def test_modules_stay_small():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in modules()}
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}
