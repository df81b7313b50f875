"""Render a ``frame.Document`` as PDF bytes (fpdf2) in the same Decree 30/2020 layout as
``word.render``: A4, margins 20/20/30/15 mm, a Times-metric serif at 13 pt, the two-column
header, signatures side by side, recipients in 11 pt.

The face is Liberation Serif 2.1.5 (``fonts/``), embedded as a subset: Times New Roman itself
may not be shipped, and the PDF must show every Vietnamese letter on any reader. Text is
normalised to NFC (a decomposed "ệ" typed on some phones would otherwise print its accents
apart) and written as plain cells, never as markup."""

import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

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
from .word import BODY_PT, HEADER_PT, MARGINS_MM, SIGNATURES_PER_ROW, SMALL_PT

FONTS = Path(__file__).resolve().parent / "fonts"
FACE = "LiberationSerif"
STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
LEFT_COLUMN_MM, RIGHT_COLUMN_MM = 62, 103
PT_TO_MM = 0.3528
LINE_SPACING = 1.25
SIGNATURE_SPACE_MM = 22
INDENT_MM = 10


def render(document: Document) -> bytes:
    """The document as PDF bytes."""
    out = _page(document)
    _header(out, document)
    _title(out, document)
    for block in document.body:
        _block(out, block)
    if document.footer_note:
        _paragraph(out, document.footer_note, style="I")
    _signatures(out, document.signatures)
    _recipients(out, document.recipients)
    return bytes(out.output())


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", clean(value))


def _height(size: float) -> float:
    """Line height in mm for a font size in points."""
    return size * PT_TO_MM * LINE_SPACING


def _page(document: Document) -> FPDF:
    out = FPDF(orientation="P", unit="mm", format="A4")
    for style, name in STYLES.items():
        out.add_font(FACE, style=style, fname=str(FONTS / f"LiberationSerif-{name}.ttf"))
    out.set_margins(MARGINS_MM["left"], MARGINS_MM["top"], MARGINS_MM["right"])
    out.set_auto_page_break(True, margin=MARGINS_MM["bottom"])
    out.set_title(_text(f"{document.kind} {document.summary}"))
    out.set_lang("vi")
    out.set_creator("dancoso")
    out.add_page()
    return out


def _line(out: FPDF, text: str, *, width=0, style="", size=BODY_PT, align="L", underline=False):
    """One or more wrapped lines of ``text`` across ``width`` mm (0: to the right margin)."""
    out.set_font(FACE, style + ("U" if underline else ""), size)
    out.multi_cell(width, _height(size), _text(text), align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)


def _column(out: FPDF, x: float, y: float, width: float, lines) -> float:
    """Centred ``lines`` (text, style, size, underline) in a column; the y where it ends."""
    out.set_xy(x, y)
    for text, style, size, underline in lines:
        _line(out, text, width=width, style=style, size=size, align="C", underline=underline)
        out.set_x(x)
    return out.get_y()


def _header(out: FPDF, document: Document) -> None:
    left = []
    if document.parent_issuer:
        left.append((document.parent_issuer.upper(), "", HEADER_PT, False))
    left.append((document.issuer.upper(), "B", HEADER_PT, False))
    left.append((document.number, "", BODY_PT, False))
    right = [
        (NATIONAL_TITLE, "B", HEADER_PT, False),
        (MOTTO, "B", BODY_PT, True),
        (place_and_date(document.place, document.day), "I", BODY_PT, False),
    ]
    top, x = out.get_y(), out.l_margin
    bottom = max(
        _column(out, x, top, LEFT_COLUMN_MM, left),
        _column(out, x + LEFT_COLUMN_MM, top, RIGHT_COLUMN_MM, right),
    )
    out.set_xy(x, bottom + _height(BODY_PT))


def _title(out: FPDF, document: Document) -> None:
    _line(out, document.kind.upper(), style="B", size=14, align="C")
    _line(out, document.summary, style="B", size=14, align="C")
    out.ln(_height(BODY_PT))


def _paragraph(out: FPDF, text: str, *, style="") -> None:
    """A justified body paragraph, its first line indented as in ``word``."""
    out.set_font(FACE, style, BODY_PT)
    region = out.text_columns(text_align="J", line_height=LINE_SPACING)
    with region as columns, columns.paragraph(first_line_indent=INDENT_MM) as paragraph:
        paragraph.write(_text(text))
    out.set_x(out.l_margin)


def _block(out: FPDF, block) -> None:
    if isinstance(block, Heading):
        out.ln(2)
        _line(out, block.text, style="B")
    elif isinstance(block, Text):
        _paragraph(out, block.text)
    elif isinstance(block, Table):
        _table(out, block)
    else:
        raise TypeError(type(block).__name__)


def _table(out: FPDF, block: Table) -> None:
    out.set_font(FACE, "", BODY_PT)
    bold = FontFace(family=FACE, emphasis="BOLD")
    with out.table(line_height=_height(BODY_PT), text_align="LEFT", headings_style=bold) as table:
        for values in (block.header, *block.rows):
            row = table.row()
            for value in values:
                row.cell(_text(value))
    out.ln(_height(BODY_PT))


def _signatures(out: FPDF, signatures: tuple[Signature, ...]) -> None:
    width = out.epw / SIGNATURES_PER_ROW
    out.ln(_height(BODY_PT))
    for start in range(0, len(signatures), SIGNATURES_PER_ROW):
        row = signatures[start : start + SIGNATURES_PER_ROW]
        needed = _height(BODY_PT) * 4 + SIGNATURE_SPACE_MM
        if out.get_y() + needed > out.h - out.b_margin:
            out.add_page()
        top = out.get_y()
        offset = out.l_margin + (width if len(row) == 1 else 0)
        ends = [
            _column(out, offset + i * width, top, width, _signature_lines(signature))
            for i, signature in enumerate(row)
        ]
        out.set_xy(out.l_margin, max(ends) + _height(BODY_PT))


def _signature_lines(signature: Signature):
    lines = []
    if signature.capacity:
        lines.append((signature.capacity.upper(), "B", BODY_PT, False))
    lines.append((signature.title.upper(), "B", BODY_PT, False))
    lines.append((SIGN_HINT, "I", BODY_PT, False))
    lines.append(("\n" * 3, "", BODY_PT, False))
    lines.append((signature.name or " ", "B", BODY_PT, False))
    return lines


def _recipients(out: FPDF, recipients: tuple[str, ...]) -> None:
    if not recipients:
        return
    out.set_x(out.l_margin)
    _line(out, RECIPIENTS_LABEL, style="BI", size=HEADER_PT)
    for i, name in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        _line(out, f"- {name}{end}", size=SMALL_PT)
