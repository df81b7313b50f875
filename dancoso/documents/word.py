"""Render a ``frame.Document`` as DOCX bytes (python-docx) in the Decree 30/2020 layout: A4,
margins 20/20/30/15 mm, Times New Roman 13 pt (set for every script, so Vietnamese letters stay
in the same face), the two-column header, signatures side by side, recipients in 11 pt.

Text goes in through ``run.text`` only, which python-docx escapes; no field, hyperlink or
instruction element is ever written."""

import io

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .frame import (
    MOTTO,
    NATIONAL_TITLE,
    RECIPIENTS_LABEL,
    SIGN_HINT,
    Document,
    Heading,
    Signature,
    Table,
    Text,
    clean,
    place_and_date,
)

FONT = "Times New Roman"
BODY_PT = 13
SMALL_PT = 11
HEADER_PT = 12
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
SIGNATURES_PER_ROW = 2
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def render(document: Document) -> bytes:
    """The document as DOCX bytes."""
    out = new_document()
    _page(out)
    _header(out, document)
    _title(out, document)
    for block in document.body:
        _block(out, block)
    if document.footer_note:
        _line(out.add_paragraph(), document.footer_note, italic=True)
    _signatures(out, document.signatures)
    _recipients(out, document.recipients)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _page(out) -> None:
    section = out.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    for name in ("Normal", "Table Grid"):
        style = out.styles[name]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        _all_scripts(style.element.get_or_add_rPr())
    out.styles["Normal"].paragraph_format.space_after = Pt(3)


def _all_scripts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _line(paragraph, text: str, *, bold=False, italic=False, size=None, underline=False):
    run = paragraph.add_run(clean(text))
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name = FONT
    _all_scripts(run._element.get_or_add_rPr())
    if size:
        run.font.size = Pt(size)
    paragraph.paragraph_format.space_after = Pt(0)
    return run


def _centred(cell_or_doc, first: bool = False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = CENTER
    return paragraph


def _header(out, document: Document) -> None:
    table = out.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(62), Mm(103)
    if document.parent_issuer:
        _line(_centred(left, first=True), document.parent_issuer.upper(), size=HEADER_PT)
        _line(_centred(left), document.issuer.upper(), bold=True, size=HEADER_PT)
    else:
        _line(_centred(left, first=True), document.issuer.upper(), bold=True, size=HEADER_PT)
    _line(_centred(left), document.number, size=BODY_PT)
    _line(_centred(right, first=True), NATIONAL_TITLE, bold=True, size=HEADER_PT)
    _line(_centred(right), MOTTO, bold=True, underline=True, size=BODY_PT)
    _line(_centred(right), place_and_date(document.place, document.day), italic=True)


def _title(out, document: Document) -> None:
    out.add_paragraph()
    _line(_centred(out), document.kind.upper(), bold=True, size=14)
    _line(_centred(out), document.summary, bold=True, size=14)
    out.add_paragraph()


def _block(out, block) -> None:
    if isinstance(block, Heading):
        paragraph = out.add_paragraph()
        _line(paragraph, block.text, bold=True)
        paragraph.paragraph_format.space_before = Pt(6)
    elif isinstance(block, Text):
        paragraph = out.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
        _line(paragraph, block.text)
    elif isinstance(block, Table):
        _table(out, block)
    else:
        raise TypeError(type(block).__name__)


def _table(out, block: Table) -> None:
    table = out.add_table(rows=1, cols=len(block.header), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        _line(_centred(cell, first=True), text, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _line(cell.paragraphs[0], text)
    out.add_paragraph()


def _signatures(out, signatures: tuple[Signature, ...]) -> None:
    for start in range(0, len(signatures), SIGNATURES_PER_ROW):
        row = signatures[start : start + SIGNATURES_PER_ROW]
        table = out.add_table(rows=1, cols=len(row))
        for cell, signature in zip(table.rows[0].cells, row, strict=True):
            _signature(cell, signature)
        out.add_paragraph()


def _signature(cell, signature: Signature) -> None:
    first = True
    if signature.capacity:
        _line(_centred(cell, first=True), signature.capacity.upper(), bold=True)
        first = False
    _line(_centred(cell, first=first), signature.title.upper(), bold=True)
    _line(_centred(cell), SIGN_HINT, italic=True)
    for _ in range(3):
        cell.add_paragraph()
    _line(_centred(cell), signature.name or " ", bold=True)


def _recipients(out, recipients: tuple[str, ...]) -> None:
    if not recipients:
        return
    _line(out.add_paragraph(), RECIPIENTS_LABEL, bold=True, italic=True, size=12)
    for i, name in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        _line(out.add_paragraph(), f"- {name}{end}", size=SMALL_PT)
