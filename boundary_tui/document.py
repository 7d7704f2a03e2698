"""A record as a document to attach: a Word (.docx) file that CPOMS, MyConcern or a paper file takes.

Staff are told to "record it on the pupil's file", which in most settings
means uploading a document to CPOMS or MyConcern. This lays out the same
blocks as the plain text staff paste (`render.record_blocks`), so the
document and the pasted text never disagree: no Markdown, the tree's version
and hash in a small footer rather than in the body.

Why .docx: python-docx is pure Python on lxml and stores text as Unicode, so
any script or emoji someone types in the note is kept and drawn by the
reader's own fonts (a PDF would need a font embedded for every script); a
safeguarding lead can still correct or redact it before it is filed.
python-docx is imported only when a document is made or read, so start-up
never pays for it.

What this module must not do: write a file (records.py does that, privately
and atomically), or put anything in the document's properties that names
the person at the keyboard (the template's author "python-docx" and its dates
are replaced; the login name is never read).
"""

from __future__ import annotations

import errno
import io
import json
import re
from datetime import datetime
from pathlib import Path

from boundary_tui.render import FIELD, HEADING, ITEM, PARAGRAPH, SUBHEADING, TITLE, Block

META_PREFIX = "boundary-check record "
"""How a record's machine-readable line starts in the document's comments property (dc:description)."""

AUTHOR = "boundary-check"
_CORE_XML = "docProps/core.xml"
_CORE_XML_LIMIT = 64 * 1024  # a real one is under 2 KB; a bigger one is not ours
_DESCRIPTION = "{http://purl.org/dc/elements/1.1/}description"
_LIST_LINE = re.compile(r"(•|\d+\.)\t")  # an ITEM as docx_bytes lays it out: its bullet or number, a tab


def record_docx(blocks: list[Block], footer: str, meta: dict, created: datetime) -> bytes:
    """A saved record's document: `meta` (topic, verdict, created...) in its comments for `records list`."""
    return docx_bytes(blocks, footer, created, subject=meta.get("topic", ""), comments=META_PREFIX + json.dumps(meta))


def handout_docx(markdown: str, created: datetime) -> bytes:
    """A topic's handout (render.tree_handout) as a document to print: the same words, laid out."""
    blocks, footer = markdown_blocks(markdown)
    return docx_bytes(blocks, footer, created)


def markdown_blocks(markdown: str) -> tuple[list[Block], str]:
    """The handout's Markdown read back into blocks, and its closing italic line as the footer.

    The handout is written once, as Markdown, by render.tree_handout; this
    reads only what that writes (#, ##, ### headings, "- " and "1. " lists,
    **stress**, a closing _line_), so the printed handout never says
    something the Markdown one does not.
    """
    blocks: list[Block] = []
    footer = ""
    for line in markdown.splitlines():
        text = line.strip()
        if not text:
            continue
        heading, _, title = text.partition(" ")
        if heading in _MARKDOWN_HEADINGS:
            blocks.append(Block(_MARKDOWN_HEADINGS[heading], _plain(title)))
        elif text.startswith("- "):
            blocks.append(Block(ITEM, _plain(text[2:])))
        elif _NUMBERED.match(text):
            number, _, rest = text.partition(" ")
            blocks.append(Block(ITEM, _plain(rest), number))
        elif len(text) > 2 and text[0] == text[-1] == "_":
            footer = text[1:-1]
        else:
            blocks.append(Block(PARAGRAPH, _plain(text)))
    return blocks, footer


_MARKDOWN_HEADINGS = {"#": TITLE, "##": HEADING, "###": SUBHEADING}
_NUMBERED = re.compile(r"\d+\. ")


def _plain(text: str) -> str:
    return text.replace("**", "")


def docx_bytes(blocks: list[Block], footer: str, created: datetime, subject: str = "", comments: str = "") -> bytes:
    """The blocks as a .docx file's bytes: A4, a title, headings, lists, and `footer` in small grey print."""
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"].font
    normal.name, normal.size = "Arial", Pt(11)  # on every office PC; LibreOffice draws it as Liberation Sans
    _drop_thumbnail(document)
    for block in blocks:
        if block.kind == TITLE:
            document.add_heading(block.text, level=0)
        elif block.kind == HEADING:
            document.add_heading(block.text, level=1)
        elif block.kind == SUBHEADING:
            document.add_heading(block.text, level=2)
        elif block.kind == FIELD:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{block.label}: ").bold = True
            paragraph.add_run(block.text)
        elif block.kind == ITEM:
            # The number is text, not Word numbering: Word would carry one list's count on into the next.
            paragraph = document.add_paragraph(f"{block.label or '•'}\t{block.text}")
            paragraph.paragraph_format.left_indent = Cm(0.9)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))
            paragraph.paragraph_format.space_after = Pt(3)
            if block.stress:
                paragraph.add_run(" - ")
                paragraph.add_run(block.stress).bold = True
        elif block.kind == PARAGRAPH:
            document.add_paragraph(block.text)
        else:  # pragma: no cover - a new kind of block must be laid out here before it is used
            raise ValueError(f"no layout for a {block.kind!r} block")
    small_print = section.footer.paragraphs[0]
    run = small_print.add_run(footer)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    properties = document.core_properties
    properties.title = blocks[0].text if blocks else ""
    properties.subject = subject
    properties.author = properties.last_modified_by = AUTHOR
    properties.comments = comments  # never left as the template's "generated by python-docx"
    properties.created = properties.modified = created
    properties.revision = 1
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _drop_thumbnail(document) -> None:
    """Remove the template's page picture: a file manager would show it as a preview of this record."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    relationships = document.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            relationships.pop(key)


def docx_meta(path: Path) -> dict | None:
    """A record document's machine-readable line, or None for any other file.

    Read with the standard library from the document's properties, so
    `records list` neither loads python-docx nor parses the whole document.
    """
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CORE_XML)
            if info.file_size > _CORE_XML_LIMIT:
                return None
            root = ElementTree.fromstring(archive.read(info))
        description = root.findtext(_DESCRIPTION) or ""
        if not description.startswith(META_PREFIX):
            return None
        meta = json.loads(description[len(META_PREFIX) :])
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    return meta if isinstance(meta, dict) else None


class UnreadableDocument(OSError):
    """A file named and labelled like a record whose insides are damaged (or were never a document)."""


def docx_text(path: Path) -> str:
    """What a document says, as plain text in reading order: the body, then the footer's small print.

    A damaged file is an UnreadableDocument (an OSError, so a command says it in one line), whatever
    zipfile, lxml or python-docx made of it.
    """
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (KeyError, ValueError, SyntaxError, zipfile.BadZipFile, PackageNotFoundError) as error:
        raise UnreadableDocument(errno.EINVAL, "this record cannot be read as a document", str(path)) from error
    lines: list[str] = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        text = paragraph.text
        if style == "Heading 1":
            lines += ["", f"{text}:"]
        elif style.startswith("Heading"):
            lines += ["", text]
        elif _LIST_LINE.match(text):
            label, _, rest = text.partition("\t")
            lines.append(f"  {'-' if label == '•' else label} {rest}")
        else:
            lines.append(text)
    footer = "\n".join(p.text for section in document.sections for p in section.footer.paragraphs if p.text)
    if footer:
        lines += ["", footer]
    return "\n".join(lines).rstrip() + "\n"
