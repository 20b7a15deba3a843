#!/usr/bin/env python3
"""Refuse database access in view and API modules: they parse a request, call one selector or
service, and render (ADR 0003). A query or a write written inside a view escapes the
transaction, the permission check and the audit record that the services give.

Usage: scripts/lint_views.py [PATH ...]   (default: src/rotaplan). Exits 1 on any violation.

The check reads the syntax tree, not the text, so a comment or a string naming ``.save()`` is
not a violation. ``.update(...)`` with a positional argument is left alone: a queryset's
``update`` takes keywords only, so that call is a dict's, a set's or a hash's.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

DEFAULT_ROOT = Path("src/rotaplan")
PACKAGE_NAMES = {"views", "api"}
# The shared error shape that apps' api modules import: it holds no endpoint.
NOT_VIEW_MODULES = {("rotaplan", "api", "errors.py")}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
ROUTERS = {"router", "api"}
WRITES = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "get_or_create",
    "update_or_create",
}


def named_as_view_module(path: Path) -> bool:
    """views.py, api.py, *_views.py and *_api.py, wherever they are."""
    stem = path.stem
    return stem in PACKAGE_NAMES or stem.endswith(("_views", "_api"))


def in_view_package(path: Path, root: Path) -> bool:
    """Inside a views/ or api/ package below the root checked (a folder above the root, such
    as a checkout in ~/api, does not count)."""
    inside = path.parent.relative_to(root) if root.is_dir() else path.parent
    return any(part in PACKAGE_NAMES for part in inside.parts)


def defines_endpoints(tree: ast.Module) -> bool:
    """Django views and Ninja operations alike take the request first."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args.posonlyargs + node.args.args
            if args and args[0].arg == "request":
                return True
    return False


def declares_route(call: ast.Attribute) -> bool:
    """``@router.delete(...)``: a Ninja router's HTTP verb, not a query."""
    return isinstance(call.value, ast.Name) and call.value.id in ROUTERS


def violations(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            yield node.lineno, f"{ast.unparse(node.value)}.objects"
        elif isinstance(node, ast.Name) and node.id in SHORTCUTS:
            yield node.lineno, node.id
        elif isinstance(node, ast.Attribute) and node.attr in SHORTCUTS:
            yield node.lineno, node.attr
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in SHORTCUTS:
                    yield node.lineno, alias.name
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
            and not (node.func.attr == "update" and node.args)
            and not declares_route(node.func)
        ):
            yield node.lineno, f".{node.func.attr}()"


def modules_to_check(roots: list[Path]) -> Iterator[tuple[Path, Path]]:
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            if path.parts[-3:] not in NOT_VIEW_MODULES and "migrations" not in path.parts:
                yield root, path


def check(path: Path, root: Path) -> list[str]:
    """The violations in one file, or none if it is not a view or API module."""
    named = named_as_view_module(path)
    if not named and not in_view_package(path, root):
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if not named and not defines_endpoints(tree):
        return []
    return [
        f"{path}:{line}: {what} in a view module; use a selector or a service"
        for line, what in sorted(set(violations(tree)))
    ]


def main(argv: list[str]) -> int:
    roots = [Path(arg) for arg in argv] or [DEFAULT_ROOT]
    found = [line for root, path in modules_to_check(roots) for line in check(path, root)]
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
