"""The record to attach: a .docx read back with python-docx, every part there, nothing of Markdown, private."""

from __future__ import annotations

import json
import os
import re
import stat
import zipfile
from datetime import datetime, timezone

import docx
import pytest

from boundary_tui import document, records, render
from boundary_tui.cli import main
from boundary_tui.config import Organisation, RoleContact
from boundary_tui.walk import Walk

from .helpers import GOOD, good_catalog

WHEN = datetime(2026, 11, 23, 14, 5, tzinfo=timezone.utc)
HOSTILE_NOTE = (
    "Parent (Mrs Ó'Brien-Nguyễn) offered £20 😀 at pick-up.\r\n"
    "مرحبا 你好 e\u0301\u200d\x1b[2J\x07\u202eevil\ud800\ufffe\x00 done"
)


def organisation() -> Organisation:
    return Organisation(
        name="St Mary's School",
        contacts={"dsl": RoleContact(title="Designated Safeguarding Lead", name="Mrs A. Patel")},
    )


def reported_walk(org: Organisation | None = None) -> Walk:
    """gifts_small, answered Yes: REPORT, the DSL told today."""
    catalog = good_catalog(org)
    walk = Walk(catalog.trees["gifts_small"], catalog.registry, org or Organisation())
    walk.answer("y")
    return walk


def saved(tmp_path, note: str = "", org: Organisation | None = None):
    path = records.save_record(reported_walk(org or organisation()), tmp_path / "records", now=WHEN, note=note)
    return path, docx.Document(str(path))


def body_text(opened) -> str:
    return "\n".join(paragraph.text for paragraph in opened.paragraphs)


def footer_text(opened) -> str:
    return "\n".join(p.text for section in opened.sections for p in section.footer.paragraphs)


def test_the_document_holds_every_part_of_the_record(tmp_path):
    path, opened = saved(tmp_path, note="Offered a voucher at pick-up.")
    walk = reported_walk(organisation())
    advice = walk.advice()
    body = body_text(opened)
    for part in (
        "Organisation: St Mary's School",
        f"Topic: {walk.tree.title}",
        "Date and time: Monday 23 November 2026, 14:05",
        "What happened",
        "Offered a voucher at pick-up.",
        "Questions and answers",
        f"1.\t{walk.steps[0].question.ask} - Yes",
        f"{advice.verdict.label}: {advice.headline}",
        *(f"{n}.\t{step}" for n, step in enumerate(advice.do, 1)),
        "Who to tell and how soon",
        "Mrs A. Patel",
        f"How soon: {advice.when.words}",
        f"What to record: {advice.record}",
        *render.refs_by_source(advice.refs, walk.registry),
    ):
        assert part in body, part
    headings = [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "What happened",
        "Questions and answers",
        "Outcome",
        "What to do",
        "Who to tell and how soon",
        "Policy",
    ]
    assert opened.paragraphs[0].style.name == "Title"


def test_the_tree_version_and_hash_are_in_the_footer_not_the_body(tmp_path):
    _, opened = saved(tmp_path)
    tree = reported_walk().tree
    footer = footer_text(opened)
    assert f"version {tree.version}" in footer and tree.sha256 in footer
    assert tree.sha256 not in body_text(opened) and "sha256" not in body_text(opened)
    (run,) = opened.sections[0].footer.paragraphs[0].runs
    assert run.font.size.pt <= 8, "the footer is small print"


def test_no_markdown_in_the_document(tmp_path):
    _, opened = saved(tmp_path, note="A note.")
    for paragraph in opened.paragraphs:
        text = paragraph.text
        assert not text.lstrip().startswith(("#", ">", "- ", "* ")), text
        assert "**" not in text and "`" not in text and "|" not in text and "_The" not in text, text


def test_the_document_holds_no_one_unless_the_note_names_them(tmp_path):
    """Without a note, no name of a person supported can be in it: the tool never asks for one."""
    import getpass

    path, opened = saved(tmp_path, org=Organisation(name="St Mary's School"))
    assert "What happened" not in body_text(opened)
    properties = opened.core_properties
    login = getpass.getuser()
    for value in (properties.author, properties.last_modified_by, properties.title, properties.subject):
        assert value and login not in value and "python-docx" not in value
    assert properties.created == WHEN and properties.modified == WHEN
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(path).namelist(), "a preview picture of another page"


def test_a_hostile_unicode_note_survives_and_is_inert(tmp_path):
    path, opened = saved(tmp_path, note=HOSTILE_NOTE)
    body = body_text(opened)
    assert "Parent (Mrs Ó'Brien-Nguyễn) offered £20 😀 at pick-up." in body
    assert "مرحبا 你好 e\u0301\u200d[2Jevil done" in body
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe]", body)
    shown = records.record_text(path)
    assert "Nguyễn" in shown and "你好" in shown and "\x1b" not in shown


def test_a_long_note_is_cut_to_the_limit(tmp_path):
    from boundary_tui.safetext import NOTE_LIMIT

    _, opened = saved(tmp_path, note="x" * (NOTE_LIMIT + 500))
    (note,) = [p.text for p in opened.paragraphs if set(p.text) == {"x"}]
    assert len(note) == NOTE_LIMIT


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows keeps records private by the profile")
def test_the_document_is_private(tmp_path):
    path, _ = saved(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_record_line_is_in_the_properties_for_records_list(tmp_path):
    path, opened = saved(tmp_path)
    comments = opened.core_properties.comments
    assert comments.startswith(document.META_PREFIX)
    meta = json.loads(comments.removeprefix(document.META_PREFIX))
    assert meta == document.docx_meta(path)
    assert meta["topic"] == "gifts_small" and meta["verdict"] == "report_now" and meta["version"] == 2


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip at all", b"PK\x03\x04 broken"],
    ids=["empty", "not-a-zip", "broken-zip"],
)
def test_a_file_named_like_a_document_that_is_not_one_is_left_out(tmp_path, content):
    folder = tmp_path / "records"
    records.save_record(reported_walk(), folder, now=WHEN)
    (folder / "20261123-140600-gifts_small.docx").write_bytes(content)
    (listed,) = records.list_records(folder)
    assert listed.path.name == "20261123-140500-gifts_small.docx"


def test_a_word_document_that_is_not_a_record_is_left_out(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    docx.Document().save(str(folder / "letter.docx"))  # its comments say "generated by python-docx"
    assert records.list_records(folder) == []


def test_clear_removes_documents_and_old_markdown_records(tmp_path):
    folder = tmp_path / "records"
    records.save_record(reported_walk(), folder, now=WHEN)
    meta = '{"topic": "gifts_small", "verdict": "ok", "created": "2026-01-01T09:00:00+00:00"}'
    (folder / "20260101-090000-gifts_small.md").write_text(f"<!-- boundary-check record {meta} -->\n# Small gifts\n")
    assert [r.path.suffix for r in records.list_records(folder)] == [".md", ".docx"]
    assert records.record_text(folder / "20260101-090000-gifts_small.md") == "# Small gifts\n"
    assert records.clear_records(folder) == 2 and list(folder.iterdir()) == []


def test_the_copy_text_is_the_document_in_plain_words():
    """What Copy puts on the clipboard: the same words as the document, and no Markdown."""
    walk = reported_walk(organisation())
    text = render.walk_record_text(walk, created=WHEN)
    advice = walk.advice()
    assert text.startswith("Professional boundary record\nOrganisation: St Mary's School\n")
    assert f"{advice.verdict.label}: {advice.headline}" in text and f"How soon: {advice.when.words}" in text
    assert text.rstrip().endswith(walk.tree.sha256)
    assert not re.search(r"^\s*#|\*\*|`|\|", text, flags=re.M)


def test_walk_save_note_from_the_cli(capsys, tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text(f"trees: [{GOOD}]\nbundled_trees: false\n")
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(config))
    assert main(["walk", "gifts_small", "--answers", "y", "--save", "--note", "Offered \x1b[31m£5"]) == 0
    (record,) = records.list_records()
    assert "Offered [31m£5" in records.record_text(record.path)
    assert main(["walk", "gifts_small", "--answers", "y", "--note", "no save asked"]) == 2
    assert "--note goes with --save" in capsys.readouterr().err


def test_show_writes_the_handout_as_a_document_to_print(capsys, tmp_path):
    from boundary_tui.catalog import load_catalog

    target = tmp_path / "gifts.docx"
    assert main(["show", "gifts", "--format", "docx", "--output", str(target)]) == 0
    opened = docx.Document(str(target))
    catalog = load_catalog(Organisation())
    tree = catalog.trees["gifts"]
    markdown = render.tree_handout(tree, Walk(tree, catalog.registry, Organisation()))
    body = body_text(opened)

    def styled(name: str) -> list[str]:
        return [p.text for p in opened.paragraphs if p.style.name == name]

    assert opened.paragraphs[0].text == tree.title and opened.paragraphs[0].style.name == "Title"
    assert styled("Heading 1") == re.findall(r"^## (.*)$", markdown, flags=re.M)
    assert styled("Heading 2") == re.findall(r"^### (.*)$", markdown, flags=re.M)  # every Q1..., A1...
    steps = re.findall(r"^\d+\. (.*)$", markdown, flags=re.M)
    assert steps and all(step in body for step in steps)
    assert "**" not in body and not re.search(r"^\s*#", body, flags=re.M)
    assert f"version {tree.version}" in footer_text(opened) and f"version {tree.version}" not in body
    assert stat.S_IMODE(target.stat().st_mode) == 0o644, "a handout is for sharing, not a private record"


def test_show_docx_needs_a_file_to_write(capsys):
    assert main(["show", "gifts", "--format", "docx"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == "boundary-check: --format docx writes a document: say where with --output FILE"


def test_a_damaged_document_is_one_line_from_records_show(capsys):
    """Its properties say it is a record, but its text is not XML: one line and exit 1, no traceback."""
    path = records.save_record(reported_walk(), now=WHEN)
    damaged = path.with_name("20261123-140600-gifts_small.docx")
    with zipfile.ZipFile(path) as good, zipfile.ZipFile(damaged, "w") as bad:
        for item in good.infolist():
            bad.writestr(item, b"<w:document broken" if item.filename == "word/document.xml" else good.read(item))
    assert [r.path for r in records.list_records()] == [path, damaged]
    assert main(["records", "show", "2"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"boundary-check: this record cannot be read as a document: {damaged}\n"
