"""The code's layout keeps its promises: MkDocs only in the hook files, a
docstring on every package of the pipeline, no class past 150 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HOOKS = Path(__file__).resolve().parents[1] / "hooks"
PACKAGE = HOOKS / "notesite"
MODULES = sorted(PACKAGE.rglob("*.py"))


def imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(HOOKS)))
def test_the_pipeline_never_imports_mkdocs(module: Path) -> None:
    """Only hooks/*.py may import MkDocs; the pipeline is pure."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    assert not [name for name in imported(tree) if name.split(".")[0] == "mkdocs"]


@pytest.mark.parametrize(
    "package", sorted(PACKAGE.rglob("__init__.py")), ids=lambda p: str(p.parent.name)
)
def test_every_package_says_what_comes_in_and_goes_out(package: Path) -> None:
    """Each package opens with a docstring."""
    assert ast.get_docstring(ast.parse(package.read_text(encoding="utf-8")))


def test_no_class_is_past_150_lines() -> None:
    """Classes stay small enough to read whole."""
    long = [
        f"{module.relative_to(HOOKS)}:{node.name}"
        for module in [*MODULES, *HOOKS.glob("*.py")]
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno >= 150
    ]
    assert long == []
