"""The Decree 30/2020 frame rendered as DOCX: page, fonts, header, title, body, signatures,
recipients — and user text that stays text."""

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.shared import Mm, Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso.documents import frame, word


def sample(**extra) -> frame.Document:
    data = {
        "parent_issuer": "Xã Cao Lộc",
        "issuer": "Thôn Nà Cạn",
        "number": "Số: 7/BB-KP",
        "place": "Cao Lộc",
        "day": date(2026, 6, 5),
        "kind": "Biên bản",
        "summary": "Kiểm phiếu: làm đường bê tông",
        "body": (
            frame.Heading("I. Thời gian"),
            frame.Text("Ngày biểu quyết: 05/06/2026."),
            frame.Table(
                header=("Phương án", "Số phiếu"), rows=(("Đồng ý", "12"), ("Không đồng ý", "3"))
            ),
        ),
        "signatures": (
            frame.Signature(title="Trưởng thôn"),
            frame.Signature(title="Trưởng ban công tác Mặt trận"),
            frame.Signature(title="Đại diện hộ gia đình", name="Hoàng Thị Duyên"),
            frame.Signature(title="Đại diện hộ gia đình", name="Lăng Văn Khải"),
        ),
        "recipients": ("Ủy ban nhân dân Xã Cao Lộc", "Lưu"),
    } | extra
    return frame.Document(**data)


def opened(document: frame.Document):
    return docx.Document(io.BytesIO(word.render(document)))


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_page_is_a4_with_decree_30_margins():
    section = opened(sample()).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)  # stored in twips
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    twip = Mm(0.1)  # lengths are stored in twips
    assert Mm(20) - twip <= section.top_margin <= Mm(25) + twip
    assert Mm(20) - twip <= section.bottom_margin <= Mm(25) + twip
    assert Mm(30) - twip <= section.left_margin <= Mm(35) + twip
    assert Mm(15) - twip <= section.right_margin <= Mm(20) + twip


def test_every_run_is_times_new_roman_for_every_script_at_legal_sizes():
    doc = opened(sample())
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    runs = [r for p in doc.paragraphs for r in p.runs]
    cells = [c for t in doc.tables for row in t.rows for c in row.cells]
    runs += [r for c in cells for p in c.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        fonts = run._element.rPr.rFonts
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(docx.oxml.ns.qn(attr)) == "Times New Roman"


def test_the_two_column_header_holds_issuer_number_title_motto_and_date():
    header = opened(sample()).tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["XÃ CAO LỘC", "THÔN NÀ CẠN", "Số: 7/BB-KP"]
    title, motto, day = right.paragraphs
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and title.runs[0].bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].bold
    assert motto.runs[0].underline  # the rule under the motto, as long as the motto
    assert day.text == "Cao Lộc, ngày 05 tháng 6 năm 2026" and day.runs[0].italic


def test_type_and_summary_bold_centred_then_body_and_table():
    doc = opened(sample())
    texts = [p.text for p in doc.paragraphs]
    kind = doc.paragraphs[texts.index("BIÊN BẢN")]
    summary = doc.paragraphs[texts.index("Kiểm phiếu: làm đường bê tông")]
    for p in (kind, summary):
        assert p.runs[0].bold and p.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert doc.paragraphs[texts.index("I. Thời gian")].runs[0].bold
    body = doc.tables[1]
    assert body.style.name == "Table Grid"
    assert [c.text for c in body.rows[1].cells] == ["Đồng ý", "12"]


def test_four_signatures_sit_two_by_two_and_recipients_are_11_pt():
    doc = opened(sample())
    rows = doc.tables[2:]
    assert [len(t.columns) for t in rows] == [2, 2]
    first = rows[0].rows[0].cells[0]
    assert (
        first.paragraphs[0].text == "TRƯỞNG THÔN"
        and first.paragraphs[1].text == "(Ký, ghi rõ họ tên)"
    )
    assert rows[1].rows[0].cells[1].paragraphs[-1].text == "Lăng Văn Khải"
    texts = [p.text for p in doc.paragraphs]
    assert "Nơi nhận:" in texts
    lines = [p for p in doc.paragraphs if p.text.startswith("- ")]
    assert [p.text for p in lines] == ["- Ủy ban nhân dân Xã Cao Lộc;", "- Lưu."]
    assert all(p.runs[0].font.size == Pt(11) for p in lines)


def test_one_signature_and_no_recipients():
    lead = frame.Signature(capacity="TM. Ban kiểm phiếu", title="Trưởng ban")
    doc = opened(sample(signatures=(lead,), recipients=()))
    assert len(doc.tables[-1].columns) == 1
    assert doc.tables[-1].rows[0].cells[0].paragraphs[0].text == "TM. BAN KIỂM PHIẾU"
    assert "Nơi nhận:" not in [p.text for p in doc.paragraphs]


HOSTILE = [
    '{ MERGEFIELD x } <w:fldSimple w:instr="HYPERLINK evil"/> & "quote"',
    "<script>alert(1)</script>\x00\x07\x1b",
    "DDEAUTO c:\\windows\\system32\\cmd.exe",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_text_stays_text(hostile):
    body = (frame.Text(hostile), frame.Table(("a",), ((hostile,),)))
    signatures = (frame.Signature(title="x", name=hostile),)
    data = word.render(sample(summary=hostile, body=body, signatures=signatures))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    for element in ("fldSimple", "instrText", "fldChar", "hyperlink"):
        assert f"<w:{element}" not in xml
    assert "<script>" not in xml and frame.clean(hostile) in all_text(
        docx.Document(io.BytesIO(data))
    )


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_any_text_renders_and_reads_back(text):
    doc = opened(sample(summary=text))
    assert (
        frame.clean(text).replace("\r", "\n") in all_text(doc).replace("\r", "\n")
        or not frame.clean(text).strip()
    )


def test_dates_follow_decree_30_leading_zeros():
    assert frame.place_and_date("Cao Lộc", date(2026, 1, 5)) == "Cao Lộc, ngày 05 tháng 01 năm 2026"
    assert (
        frame.place_and_date("Cao Lộc", date(2026, 11, 20)) == "Cao Lộc, ngày 20 tháng 11 năm 2026"
    )


def test_the_date_line_drops_the_unit_word():
    assert frame.without_prefix("Xã Cao Lộc", "Xã") == "Cao Lộc"
    assert frame.without_prefix("Phường Đông Kinh", "Xã") == "Phường Đông Kinh"


def test_an_unknown_block_is_refused():
    with pytest.raises(TypeError):
        word.render(sample(body=("plain string",)))
