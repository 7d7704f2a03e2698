"""The catalog cache: JSON of public tree data, keyed by the sources' sha256, ignored when broken."""

from __future__ import annotations

import json
import shutil

import pytest

from boundary_tui import cache
from boundary_tui.catalog import load_catalog


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "cache_dir", lambda: tmp_path / "cache" / "catalog")
    return tmp_path / "cache" / "catalog"


def test_the_checked_trees_come_back_exactly_as_they_were(cache_home):
    catalog = load_catalog(scenarios=False)
    cache.write("k", dict(catalog.trees), catalog.registry)
    trees, registry = cache.read("k")
    assert trees == dict(catalog.trees) and registry == catalog.registry
    # JSON, never pickle, and nothing about a walk or a person in it: an index, then one file per topic.
    data = json.loads((cache_home / "k" / "index.json").read_text(encoding="utf-8"))
    assert set(data) == {"format", "key", "topics", "registry"}
    assert sorted(p.name for p in (cache_home / "k").iterdir()) == sorted(
        ["index.json", *(f"{number}.json" for number in range(len(catalog.trees)))]
    )
    for number in range(len(catalog.trees)):
        json.loads((cache_home / "k" / f"{number}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "content",
    ["", "{", "[]", '{"format": 2, "key": "k", "topics": []}', '{"format": 1, "key": "k"}'],
    ids=["empty", "truncated", "not a map", "no registry", "old format"],
)
def test_a_corrupt_or_stale_cache_is_ignored(cache_home, content):
    (cache_home / "k").mkdir(parents=True)
    (cache_home / "k" / "index.json").write_text(content, encoding="utf-8")
    assert cache.read("k") is None


def test_a_cache_from_the_one_file_format_is_ignored_and_cleared(cache_home):
    cache_home.mkdir(parents=True)
    (cache_home / "k.json").write_text('{"format": 1, "key": "k", "trees": {}, "registry": {}}', encoding="utf-8")
    assert cache.read("k") is None
    catalog = load_catalog(scenarios=False)
    for number in range(cache._KEPT):
        cache.write(f"k{number}", dict(catalog.trees), catalog.registry)
    assert not (cache_home / "k.json").exists()


def test_a_cache_can_build_only_the_models_own_types(cache_home):
    """A tampered file naming any other type (os.system, say) is refused, not built."""
    catalog = load_catalog(scenarios=False)
    cache.write("k", dict(catalog.trees), catalog.registry)
    index = cache_home / "k" / "index.json"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace('"$t":"TopicHeader"', '"$t":"system"', 1), encoding="utf-8")
    assert cache.read("k") is None
    index.write_text(text, encoding="utf-8")
    topic = cache_home / "k" / "0.json"
    topic.write_text(topic.read_text(encoding="utf-8").replace('"$t":"Tree"', '"$t":"system"', 1), encoding="utf-8")
    rebuilt = []
    trees, _ = cache.read("k", rebuild=lambda: rebuilt.append(1) or dict(catalog.trees))
    assert dict(trees) == dict(catalog.trees) and rebuilt == [1]  # read from the sources instead


def test_the_key_changes_with_any_source_byte_and_with_the_folder_order(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("id: a\n", encoding="utf-8")
    second.write_text("id: b\n", encoding="utf-8")
    key = cache.source_key([(0, first), (1, second)])
    assert cache.source_key([(0, first), (1, second)]) == key
    assert cache.source_key([(0, second), (1, first)]) != key
    first.write_text("id: a \n", encoding="utf-8")
    assert cache.source_key([(0, first), (1, second)]) != key


def test_old_caches_are_cleared_so_the_folder_does_not_grow(cache_home):
    catalog = load_catalog(scenarios=False)
    for number in range(cache._KEPT + 3):
        cache.write(f"k{number}", dict(catalog.trees), catalog.registry)
    assert len(list(cache_home.iterdir())) == cache._KEPT
    assert not list(cache_home.glob("*.tmp"))


def test_a_cache_that_cannot_be_written_is_simply_not_kept(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(cache, "cache_dir", lambda: blocker / "catalog")  # a file where a folder should be
    catalog = load_catalog(scenarios=False)
    cache.write("k", dict(catalog.trees), catalog.registry)  # no exception
    assert cache.read("k") is None


def test_escapes_written_into_a_cache_file_never_come_back(cache_home):
    catalog = load_catalog(scenarios=False)
    cache.write("k", dict(catalog.trees), catalog.registry)
    title = catalog.trees["gifts"].title
    for path in (cache_home / "k").iterdir():  # the index and the topic's own file alike
        text = path.read_text(encoding="utf-8").replace(title, title + "\\u001b]0;owned\\u0007")
        path.write_text(text, encoding="utf-8")
    trees, _ = cache.read("k")
    assert trees.headers()[list(trees).index("gifts")].title == title + "]0;owned"
    assert trees["gifts"].title == title + "]0;owned"


def test_the_app_and_commands_read_the_cache_and_rebuild_it_when_a_tree_changes(tmp_path, monkeypatch):
    from boundary_tui import catalog as catalog_module

    folder = tmp_path / "trees"

    shutil.copytree(catalog_module.paths.bundled_trees_dir(), folder, ignore=shutil.ignore_patterns("scenarios"))
    first = load_catalog(folders=[folder], scenarios=False)
    assert not first.problems
    from boundary_tui import loader

    calls = []
    real = loader.load_tree_file
    monkeypatch.setattr(loader, "load_tree_file", lambda *a, **k: calls.append(a) or real(*a, **k))
    again = load_catalog(folders=[folder], scenarios=False)
    assert calls == [] and again.trees == first.trees  # read from the cache: no tree file parsed
    (folder / "gifts.yaml").write_text(
        (folder / "gifts.yaml").read_text(encoding="utf-8").replace("title: Gifts", "title: Gifts here"),
        encoding="utf-8",
    )
    changed = load_catalog(folders=[folder], scenarios=False)
    assert calls and changed.trees["gifts"].title.startswith("Gifts here")


def test_a_broken_tree_is_never_cached_so_its_problem_is_always_reported(tmp_path, monkeypatch):
    from boundary_tui import catalog as catalog_module

    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: bad\ntitle: [\n", encoding="utf-8")
    for _ in range(2):
        assert load_catalog(folders=[folder], scenarios=False).problems
    assert not catalog_module.cache.cache_dir().exists() or not list(catalog_module.cache.cache_dir().iterdir())


def test_the_tests_never_read_or_write_the_cache_in_the_real_home_folder(tmp_path):
    """Modules that load the bundled trees as they are collected run before any fixture.

    tests/conftest.py points the XDG folders away for the whole session, so a
    cache left by the tool in daily use can never stand in for decision_trees/,
    and a test run leaves nothing in the home folder of whoever runs it.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", "tests/triage"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(home.rglob("*")) == [], "the test run wrote into the home folder"


def _cached_folder(tmp_path, monkeypatch):
    """The bundled trees copied to a folder and cached; tree files parsed from then on are recorded."""
    from boundary_tui import catalog as catalog_module
    from boundary_tui import loader

    folder = tmp_path / "trees"
    shutil.copytree(catalog_module.paths.bundled_trees_dir(), folder, ignore=shutil.ignore_patterns("scenarios"))
    first = load_catalog(folders=[folder], scenarios=False)
    parsed = []
    real = loader.load_tree_file
    monkeypatch.setattr(loader, "load_tree_file", lambda *a, **k: parsed.append(a) or real(*a, **k))
    return folder, first, parsed


def test_only_the_topic_used_is_read_from_the_cache(tmp_path, monkeypatch):
    """`list` and the topic list need only the index; `show gifts` reads the gifts file alone."""
    folder, first, parsed = _cached_folder(tmp_path, monkeypatch)
    (key,) = [p.name for p in cache.cache_dir().iterdir()]
    number = [header.id for header in json_headers(cache.cache_dir() / key)].index("gifts")
    read = []
    real = cache._parse
    monkeypatch.setattr(cache, "_parse", lambda path, types: read.append(path.name) or real(path, types))
    again = load_catalog(folders=[folder], scenarios=False)
    assert again.headers() == [tree.header for tree in first.trees.values()]
    assert read == ["index.json"]
    assert again.find("gifts") == first.trees["gifts"]
    assert again.find("gifts") is again.trees["gifts"]  # read once, then kept
    assert read == ["index.json", f"{number}.json"] and parsed == []


def json_headers(folder):
    trees, _ = cache.read(folder.name)
    return trees.headers()


def test_a_corrupt_topic_file_alone_is_ignored_and_rebuilt(tmp_path, monkeypatch):
    folder, first, parsed = _cached_folder(tmp_path, monkeypatch)
    (key,) = [p.name for p in cache.cache_dir().iterdir()]
    number = [header.id for header in json_headers(cache.cache_dir() / key)].index("gifts")
    (cache.cache_dir() / key / f"{number}.json").write_text('{"$t": "Tree", "f": [', encoding="utf-8")
    again = load_catalog(folders=[folder], scenarios=False)
    assert again.find("gifts") == first.trees["gifts"]  # from the sources, so
    assert parsed  # the tree files were read again
    assert again.trees == first.trees and not again.problems
    parsed.clear()
    fresh = load_catalog(folders=[folder], scenarios=False)  # and the cache was written afresh
    assert fresh.find("gifts") == first.trees["gifts"] and parsed == []


def test_a_topic_file_that_does_not_match_its_header_is_not_used(tmp_path, monkeypatch):
    """Two topic files swapped (or one copied over another) are caught by the header, and rebuilt."""
    folder, first, parsed = _cached_folder(tmp_path, monkeypatch)
    (key,) = [p.name for p in cache.cache_dir().iterdir()]
    cached = cache.cache_dir() / key
    (cached / "0.json").write_text((cached / "1.json").read_text(encoding="utf-8"), encoding="utf-8")
    again = load_catalog(folders=[folder], scenarios=False)
    assert dict(again.trees) == dict(first.trees) and parsed


def test_tree_cache_false_in_a_config_file_reads_the_files_every_time_and_keeps_no_cache(tmp_path, monkeypatch):
    from boundary_tui import catalog as catalog_module
    from boundary_tui import cli, loader

    config = tmp_path / "org.yaml"
    config.write_text("tree_cache: false\n", encoding="utf-8")
    calls = []
    real = loader.load_tree_file
    monkeypatch.setattr(loader, "load_tree_file", lambda *a, **k: calls.append(a) or real(*a, **k))
    for _ in range(2):
        calls.clear()
        assert cli.main(["--config", str(config), "list"]) == 0
        assert calls, "the tree files were not read"
    folder = catalog_module.cache.cache_dir()
    assert not folder.exists() or not list(folder.iterdir())
    # The same command without the line keeps one.
    config.write_text("organisation: Test\n", encoding="utf-8")
    assert cli.main(["--config", str(config), "list"]) == 0
    assert list(folder.iterdir())
