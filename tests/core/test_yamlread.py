"""The safe YAML reader: plain data only, with places, and every hazard refused."""

import time

import pytest

from boundary_tui.yamlread import MAX_DEPTH, MAX_FILE_BYTES, YamlList, YamlMap, read_bytes, read_file


def read(text: str):
    return read_bytes(text.encode(), "t.yaml")


def test_keeps_line_and_column_of_keys_values_and_items():
    result = read("a: 1\nb:\n  - x\n  - y\n")
    assert not result.problems
    doc = result.value
    assert isinstance(doc, YamlMap) and isinstance(doc["b"], YamlList)
    assert doc.key_marks["b"] == (2, 1)
    assert doc.value_marks["a"] == (1, 4)
    assert doc["b"].item_marks == [(3, 5), (4, 5)]


def test_yes_and_no_keys_stay_text_but_values_resolve():
    doc = read("yes: no\nno: 'yes'\ncount: 3\nflag: true\nnothing: ~\n").value
    assert doc == {"yes": False, "no": "yes", "count": 3, "flag": True, "nothing": None}


def test_dates_stay_text():
    assert read("when: 2024-01-01\n").value == {"when": "2024-01-01"}


@pytest.mark.parametrize(
    "text, code, line",
    [
        ("a: 1\na: 2\n", "duplicate-key", 2),
        ("a: 1\n\tb: 2\n", "yaml", 2),
        ("a: [1, 2\nb: 3\n", "yaml", 2),
        ("a: !!python/object/apply:os.system ['true']\n", "tag", 1),
        ("a: !custom thing\n", "tag", 1),
        ("a: !!set {x}\n", "tag", 1),
        ("--- \na: 1\n---\nb: 2\n", "many-documents", 3),
        ("a: *nowhere\n", "bad-alias", 1),
    ],
)
def test_refuses_hazards_with_a_line(text, code, line):
    result = read(text)
    assert result.value is None
    assert [p.code for p in result.problems] == [code]
    assert result.problems[0].line == line


def test_python_tag_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    result = read(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert result.problems and not marker.exists()


def test_tab_message_says_to_use_spaces():
    (problem,) = read("a:\n\t- b\n").problems
    assert "tab" in problem.message and "spaces" in problem.message


def test_alias_bomb_fails_fast():
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        bomb.append(f"a{level}: &a{level} [{refs}]")
    started = time.perf_counter()
    result = read("\n".join(bomb) + "\n")
    assert time.perf_counter() - started < 5  # generous: a bomb would take minutes and gigabytes
    assert [p.code for p in result.problems] == ["alias-bomb"]


def test_small_aliases_are_fine():
    doc = read("base: &refs [aop41 1.1]\nq: {refs: *refs}\n").value
    assert doc["q"]["refs"] == ["aop41 1.1"]


def test_absurd_nesting_is_refused_not_crashed():
    # Flow brackets: newer libyaml stops first with its own depth limit,
    # older libyaml and the pure-Python parser reach ours. Either way: one problem.
    result = read("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert [p.code for p in result.problems] == ["too-deep"]
    assert "nested more than" in result.problems[0].message


def test_deep_block_nesting_reaches_our_own_limit():
    text = "".join("  " * depth + "a:\n" for depth in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "b: 1\n"
    result = read(text)
    assert [p.code for p in result.problems] == ["too-deep"]
    assert result.problems[0].line == MAX_DEPTH + 1


def test_file_over_the_cap(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    result = read_file(big)
    assert [p.code for p in result.problems] == ["file-too-large"]


def test_ten_megabytes_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.yaml"
    with big.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)
    result = read_file(big)
    assert [p.code for p in result.problems] == ["file-too-large"]


def test_not_utf8_names_the_line():
    result = read_bytes(b"a: 1\nb: caf\xe9\n", "t.yaml")
    assert [p.code for p in result.problems] == ["not-utf8"]
    assert result.problems[0].line == 2


def test_binary_is_refused():
    result = read_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "t.yaml")
    assert [p.code for p in result.problems] == ["binary"]


def test_missing_file(tmp_path):
    result = read_file(tmp_path / "nope.yaml")
    assert [p.code for p in result.problems] == ["unreadable"]


def test_a_folder_where_a_tree_file_should_be_is_skipped(tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    result = read_file(tmp_path / "folder.yaml")
    assert [p.code for p in result.problems] == ["not-a-file"] and result.value is None
    assert result.problems[0].message == "this is a folder, not a file: skipped"


def test_a_folder_that_cannot_be_listed_is_one_problem_naming_it(tmp_path, monkeypatch):
    """Simulated: the tests may run as root, who can list any folder."""
    import os

    from boundary_tui.paths import yaml_files_in

    def refuse(path="."):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    files, problems = yaml_files_in(tmp_path)
    assert files == [] and [(p.code, p.path) for p in problems] == [("unreadable-folder", str(tmp_path))]


def test_pausing_the_collector_leaves_it_as_it_was_found():
    """Enabled again after a read, still off if it was off, and objects someone else froze stay frozen."""
    import gc

    from boundary_tui.yamlread import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        read("a: [1, 2]\n")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            read("a: 1\n")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
