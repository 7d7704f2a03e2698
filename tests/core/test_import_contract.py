"""The package's import graph stays shallow and free of cycles.

In the spirit of harlequin's import-linter contracts, but as a small AST walk
with no new dependency: it reads every module's source, so it also sees the
imports made inside functions and under TYPE_CHECKING - each is a dependency
someone must hold in their head, even if Python resolves it late. The depth
is the number of arrows in the longest chain (`records -> render -> walk ->
model` is 3). A shallow core means a change to a file reader never ripples
into the walk or the renderer; a cycle means two modules cannot be
understood (or tested) apart.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import boundary_tui

PACKAGE = Path(boundary_tui.__file__).parent
FRONT_ENDS = (
    "boundary_tui.app",
    "boundary_tui.cli",
    "boundary_tui.plain",
    "boundary_tui.serve",
    "boundary_tui.__main__",
)
CORE_MOST_LAYERS = 5
PACKAGE_MOST_LAYERS = 10


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Every module of the package, and the package modules it imports anywhere in its source."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        found: set[str] = set()
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from .y import z
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from boundary_tui import render` imports the module render, not the package.
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        graph[name] = frozenset(m for m in found if m in modules and m != name)
    return graph


def longest_chain(graph: dict[str, frozenset[str]], within: set[str]) -> list[str]:
    """The longest import chain among `within` (edges leaving it are not followed)."""
    best: dict[str, list[str]] = {}

    def chain_from(module: str, visiting: tuple[str, ...]) -> list[str]:
        if module in best:
            return best[module]
        if module in visiting:  # a cycle: reported by its own test, not followed round
            return [module]
        longest: list[str] = []
        for target in sorted(graph[module] & within):
            candidate = chain_from(target, (*visiting, module))
            if len(candidate) > len(longest):
                longest = candidate
        best[module] = [module, *longest]
        return best[module]

    chains = [chain_from(module, ()) for module in sorted(within)]
    return max(chains, key=len)


def cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def is_front_end(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FRONT_ENDS)


def test_the_graph_sees_imports_inside_functions_and_type_checking():
    graph = import_graph()
    assert "boundary_tui.app.app" in graph["boundary_tui.cli"]  # imported only in the branch that opens the app
    assert "boundary_tui.model" in graph["boundary_tui.walk"]


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" <-> ".join(group) for group in found)


def test_the_core_is_at_most_five_layers_deep():
    graph = import_graph()
    core = {module for module in graph if not is_front_end(module)}
    chain = longest_chain(graph, core)
    assert len(chain) - 1 <= CORE_MOST_LAYERS, f"the core is {len(chain) - 1} layers deep: {' -> '.join(chain)}"


def test_the_whole_package_is_at_most_ten_layers_deep():
    graph = import_graph()
    chain = longest_chain(graph, set(graph))
    assert len(chain) - 1 <= PACKAGE_MOST_LAYERS, f"the package is {len(chain) - 1} layers deep: {' -> '.join(chain)}"


def test_the_walk_and_the_renderer_depend_on_values_not_file_readers():
    graph = import_graph()
    readers = {f"boundary_tui.{name}" for name in ("loader", "yamlread", "config", "scenario_files", "catalog")}

    def reaches(module: str) -> set[str]:
        seen, todo = set(), [module]
        while todo:
            for target in graph[todo.pop()]:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    for module in ("boundary_tui.walk", "boundary_tui.render"):
        assert not reaches(module) & readers, f"{module} reaches {sorted(reaches(module) & readers)}"


def test_no_core_module_names_a_front_end_library():
    """Statically, every core module, including the new ones the subprocess hygiene test may not list yet."""
    front_end_libraries = ("textual", "questionary", "prompt_toolkit", "rich")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        if is_front_end(module):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            offenders += [f"{module} imports {name}" for name in names if name.split(".")[0] in front_end_libraries]
    assert not offenders, offenders
