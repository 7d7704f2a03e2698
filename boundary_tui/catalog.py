"""The topics on offer: every tree folder loaded, checked, and merged by id.

Folders are read in order - the bundled trees first, then the
organisation's own folders - and a later tree with the same id replaces an
earlier one, so an organisation can adapt a bundled topic without copying
the others. Within one folder (or one `validate` run over several paths), two
files with the same id is a mistake and is reported. One bad file never stops
the others: it is left out of the topics and its problems are kept.

`load_catalog` (what the app and the printing commands offer) and
`check_paths` (what `validate` reports) gather their files differently, then
share one pipeline: registries merged and their policies checked, every tree
loaded and validated, duplicate ids found. The YAML reader, loader and
validator are imported only when that pipeline runs: when the cache holds
the checked trees, starting the tool never loads them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from boundary_tui import cache, paths
from boundary_tui.model import Organisation, Registry, Scenario, TopicHeader, Tree
from boundary_tui.paths import yaml_files_in
from boundary_tui.problems import Problem, ProblemList
from boundary_tui.safetext import clean

if TYPE_CHECKING:
    from boundary_tui.loader import LoadedTree
    from boundary_tui.scenario_files import LoadedScenarios

REGISTRY_PREFIX = "_"


class Catalog(NamedTuple):
    """The valid, visible trees by id (in title order), the merged registry, and every problem."""

    trees: Mapping[str, Tree]  # from the cache, each tree is read when first used: see cache.Topics
    registry: Registry
    problems: list[Problem] = []  # never changed in place
    hidden: tuple[str, ...] = ()
    scenarios: dict[str, Scenario] = {}  # practice scenarios for the visible trees, by id

    def find(self, topic: str) -> Tree | None:
        return self.trees.get(topic.strip().lower())

    def headers(self) -> list[TopicHeader]:
        """Each topic's id, title and summary, in title order: what a list of topics shows, read without the trees."""
        return _headers(self.trees)

    def titles(self) -> dict[str, str]:
        """Topic id -> title, for every screen and report that names a topic."""
        return {header.id: header.title for header in self.headers()}


def _headers(trees: Mapping[str, Tree]) -> list[TopicHeader]:
    """The trees' headers: from the cache's index where they came from the cache, so no tree is read."""
    if isinstance(trees, cache.Topics):
        return trees.headers()
    return [tree.header for tree in trees.values()]


def _label(path: Path) -> str:
    """Paths as the user can find them: relative to where they stand, when that is shorter.

    A file name is text like any other: its control and bidi characters are
    removed, so a name cannot drive the terminal it is printed on. A link
    that loops is named as it is, not resolved.
    """
    try:
        text = str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere; a symlink loop (RuntimeError before Python 3.13)
        text = str(path)
    return clean(text)


def _tree_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """A folder's tree files (.yaml and .yml); a folder that cannot be read adds a problem naming it."""
    files, unreadable = yaml_files_in(folder, _label(folder))
    if problems is not None:
        problems.extend(unreadable)
    return [p for p in files if not p.name.startswith(REGISTRY_PREFIX)]


def _registry_files(folder: Path) -> list[Path]:
    return [p for p in yaml_files_in(folder)[0] if p.name.startswith(REGISTRY_PREFIX)]


def _duplicate_id(item: LoadedTree, earlier: LoadedTree) -> list[Problem]:
    """Two files in one folder (or one validate run) claiming the same tree id."""
    duplicate = ProblemList(item.label)
    duplicate.add(
        "duplicate-tree-id",
        f"tree id {item.tree.id!r} is already used by {earlier.label}",
        item.source_map.at("tree", "id"),
    )
    return duplicate


class _Checked(NamedTuple):
    """What the pipeline found, for `load_catalog` and `check_paths` alike.

    Every tree file as loaded (with its layer), the merged registry, every
    problem, and the usable trees by id (a later layer's replacing an earlier one's).
    """

    loaded: list[tuple[LoadedTree, int]]
    registry: Registry
    problems: list[Problem]
    trees: dict[str, Tree]


def _check(registry_paths: list[Path], tree_paths: list[tuple[int, Path]], also_known: set[str]) -> _Checked:
    """Load and check registries, then trees: shape, graph, cross-references and duplicate ids per layer.

    `tree_paths` pairs each file with its layer (the folder it came from, in
    order); two trees in one layer with one id is a mistake, a later layer's
    tree replaces an earlier one. `also_known`: topic ids that see-also links
    may name besides the trees checked here.
    """
    from boundary_tui.loader import load_registry_file, load_tree_file
    from boundary_tui.validate import check_policies, validate_tree

    problems: list[Problem] = []
    registry = Registry()
    registries = []
    for registry_path in registry_paths:
        loaded_registry = load_registry_file(registry_path, _label(registry_path))
        problems.extend(loaded_registry.problems)
        registry = registry.merged(loaded_registry.registry)
        registries.append(loaded_registry)
    problems.extend(check_policies(registries, registry))

    loaded = [(load_tree_file(path, _label(path)), layer) for layer, path in tree_paths]
    known_topics = {item.tree.id for item, _ in loaded if item.tree} | also_known
    first_seen: dict[tuple[int, str], LoadedTree] = {}
    trees: dict[str, Tree] = {}
    for item, layer in loaded:
        file_problems = list(item.problems)
        if item.tree is not None:
            file_problems.extend(validate_tree(item, registry, known_topics))
            earlier = first_seen.setdefault((layer, item.tree.id), item)
            if earlier is not item:
                file_problems.extend(_duplicate_id(item, earlier))
        problems.extend(file_problems)
        if item.tree is not None and not any(p.keeps_content_out for p in file_problems):
            trees[item.tree.id] = item.tree  # a later folder replaces an earlier tree
    return _Checked(loaded, registry, problems, trees)


def check_paths(
    targets: list[Path], base_folders: list[Path], layered: bool = False
) -> tuple[list[LoadedTree], Registry, list[Problem]]:
    """Load and check tree files and folders, with the registries of `base_folders` and of the targets.

    Returns every loaded tree (broken ones included), the merged registry, and
    every problem: shape, graph, cross-reference and duplicate ids. `layered`:
    the targets are the app's own folders in order, so, as in the app, a later
    folder's tree replaces an earlier one with the same id; only two files in
    one folder sharing an id is a mistake.
    """
    from boundary_tui.scenario_files import check_scenarios, load_folder, load_scenario_file
    from boundary_tui.validate import shared_keyword_warnings

    problems: list[Problem] = []
    tree_paths: list[tuple[int, Path]] = []
    registry_paths: list[Path] = []
    scenario_files: list[LoadedScenarios] = []
    for folder in base_folders:
        registry_paths.extend(_registry_files(folder))
    for layer, target in enumerate(targets):
        if target.is_dir() and target.name == "scenarios":
            scenario_files.extend(load_folder(target.parent, _label))
        elif target.is_dir():
            registry_paths.extend(p for p in _registry_files(target) if p not in registry_paths)
            tree_paths.extend((layer if layered else 0, path) for path in _tree_files(target, problems))
            scenario_files.extend(load_folder(target, _label))
        elif target.is_file() and target.parent.name == "scenarios":
            scenario_files.append(load_scenario_file(target, _label(target)))
        elif target.is_file() and target.name.startswith(REGISTRY_PREFIX):
            if target not in registry_paths:
                registry_paths.append(target)
        elif os.path.lexists(target):  # a file, or a FIFO, device or broken link: the reader names which
            tree_paths.append((0, target))
        else:
            missing = ProblemList(str(target))
            missing.add("not-found", "no such file or folder")
            problems.extend(missing)
    checking = {path for _, path in tree_paths}
    base_topics = {path.stem for folder in base_folders for path in _tree_files(folder) if path not in checking}
    checked = _check(registry_paths, tree_paths, base_topics)
    problems.extend(checked.problems)
    loaded = [item for item, _ in checked.loaded]
    # The trees the app would also load: for keywords shared with them, and for scenarios. Loading
    # them is a twentieth of a second of its own, so a run with neither keywords nor scenarios skips it.
    needs_base = scenario_files or any(item.tree is not None and item.tree.keywords for item in loaded)
    base_trees = dict(load_catalog(folders=base_folders, scenarios=False).trees) if base_folders and needs_base else {}
    problems.extend(shared_keyword_warnings(loaded, checked.registry.synonyms, base_trees.values()))
    if scenario_files:
        # Scenarios are checked against the trees being validated, then those the app would load.
        trees = dict(base_trees)
        trees.update({item.tree.id: item.tree for item in loaded if item.tree is not None})
        for file in scenario_files:
            problems.extend(file.problems)
        problems.extend(check_scenarios(scenario_files, trees, checked.registry)[0])
    return loaded, checked.registry, problems


def tree_folders(organisation: Organisation) -> list[Path]:
    """The folders the app reads, in order: the bundled trees (unless turned off), then the organisation's."""
    bundled = [paths.bundled_trees_dir()] if organisation.bundled_trees else []
    return [*bundled, *organisation.tree_dirs]


def load_catalog(
    organisation: Organisation | None = None, folders: list[Path] | None = None, scenarios: bool = True
) -> Catalog:
    """Every topic the app offers: bundled trees, then the organisation's folders by id.

    `scenarios=False` leaves the practice scenarios unread: only practice mode
    and `validate` need them, and reading them is about a fifth of the time
    every other command takes to start.
    """
    organisation = organisation or Organisation()
    if folders is None:
        folders = tree_folders(organisation)
    # Practice scenarios are never cached: only practice mode and validate read them.
    # `tree_cache: false` in a config file: the files every time, and no cache kept.
    key = _cache_key(folders) if not scenarios and organisation.tree_cache else None
    cached = cache.read(key, rebuild=lambda: _sound_trees(folders, key)) if key else None
    if cached is not None:
        return _visible(organisation, *cached)
    return _from_sources(organisation, folders, scenarios, key)


def _sound_trees(folders: list[Path], key: str) -> dict[str, Tree] | None:
    """Every tree read from its sources (and the cache written afresh), for a cached topic file that is broken."""
    catalog = _from_sources(Organisation(), folders, False, key)
    return None if catalog.problems else dict(catalog.trees)


def _from_sources(organisation: Organisation, folders: list[Path], scenarios: bool, key: str | None) -> Catalog:
    """The full pipeline over the tree files; the cache is written under `key` when nothing is wrong."""
    problems: list[Problem] = []
    registry_paths: list[Path] = []
    tree_paths: list[tuple[int, Path]] = []
    for layer, folder in enumerate(folders):
        if not folder.is_dir():
            missing = ProblemList(str(folder))
            missing.add("not-found", "tree folder not found")
            problems.extend(missing)
            continue
        registry_paths.extend(_registry_files(folder))
        tree_paths.extend((layer, path) for path in _tree_files(folder, problems))
    checked = _check(registry_paths, tree_paths, set())
    problems.extend(checked.problems)
    sound: list[Scenario] = []
    if scenarios:
        from boundary_tui.scenario_files import check_scenarios, load_folder

        scenario_files = [file for folder in folders if folder.is_dir() for file in load_folder(folder, _label)]
        for file in scenario_files:
            problems.extend(file.problems)
        scenario_problems, sound = check_scenarios(scenario_files, checked.trees, checked.registry)
        problems.extend(scenario_problems)
    if key and not problems:  # only a sound catalog is kept: a broken file is always read, and reported
        cache.write(key, checked.trees, checked.registry)
    catalog = _visible(organisation, checked.trees, checked.registry)
    return catalog._replace(problems=problems, scenarios={s.id: s for s in sound if s.topic in catalog.trees})


def _visible(organisation: Organisation, trees: Mapping[str, Tree], registry: Registry) -> Catalog:
    """The organisation's view of the checked trees: its hidden topics left out, the rest in title order.

    Sorted by the headers, so cached trees are not read to be put in order.
    """
    hidden = tuple(t for t in organisation.hidden_topics if t in trees)
    order = [h.id for h in sorted(_headers(trees), key=lambda header: header.title.lower()) if h.id not in hidden]
    visible = trees.only(order) if isinstance(trees, cache.Topics) else {tid: trees[tid] for tid in order}
    return Catalog(visible, registry, [], hidden)


def _cache_key(folders: list[Path]) -> str | None:
    """The cache key for these folders' files, or None where only the full loader may look.

    A missing or unreadable folder, or anything that isn't a regular file (a
    FIFO, a device, a link loop), always goes through the loader, so its
    problem is reported and nothing is read that could hang.
    """
    sources: list[tuple[int, Path]] = []
    for index, folder in enumerate(folders):
        files, unreadable = yaml_files_in(folder)
        if unreadable or not folder.is_dir():
            return None
        for path in files:
            try:
                if not stat.S_ISREG(path.stat().st_mode):
                    return None
            except OSError:
                return None
            sources.append((index, path))
    try:
        return cache.source_key(sources)
    except OSError:
        return None
