"""The Decree 30/2020 frame rendered as PDF: every line of the document is there, in a face
that carries Vietnamese, on A4 pages; user text stays text."""

import io
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from dancoso.documents import frame, pdf

from .test_word import sample

VIETNAMESE = "ĂÂĐÊÔƠƯăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


def read(document: frame.Document) -> PdfReader:
    return PdfReader(io.BytesIO(pdf.render(document)))


def text_of(reader: PdfReader) -> str:
    """The words of every page, whitespace collapsed (justified lines stretch spaces)."""
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))


def test_the_page_is_a4_and_the_face_is_embedded():
    reader = read(sample())
    page = reader.pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 210
    assert round(float(page.mediabox.height) / 72 * 25.4) == 297
    fonts = page["/Resources"]["/Font"]
    names = {fonts[key].get_object()["/BaseFont"] for key in fonts}
    assert any(name.endswith("LiberationSerifBold") for name in names)
    assert any(name.endswith("+LiberationSerif") for name in names)
    for key in fonts:
        descendant = fonts[key].get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded, not referenced


def test_every_part_of_the_frame_is_in_the_text_in_order():
    text = text_of(read(sample()))
    parts = [
        "XÃ CAO LỘC",
        "THÔN NÀ CẠN",
        "Số: 7/BB-KP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cao Lộc, ngày 05 tháng 6 năm 2026",
        "BIÊN BẢN",
        "Kiểm phiếu: làm đường bê tông",
        "I. Thời gian",
        "Ngày biểu quyết: 05/06/2026.",
        "Phương án Số phiếu",
        "Không đồng ý 3",
        "TRƯỞNG THÔN",
        "(Ký, ghi rõ họ tên)",
        "Lăng Văn Khải",
        "Nơi nhận:",
        "- Ủy ban nhân dân Xã Cao Lộc;",
        "- Lưu.",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)


def test_the_document_title_and_language_are_in_the_metadata():
    reader = read(sample())
    assert reader.metadata.title == "Biên bản Kiểm phiếu: làm đường bê tông"
    assert reader.trailer["/Root"]["/Lang"] == "vi"


def test_a_long_body_flows_onto_more_pages_and_keeps_every_paragraph():
    paragraphs = tuple(
        frame.Text(f"Đoạn {n}: " + "ý kiến của hộ gia đình " * 40) for n in range(12)
    )
    reader = read(sample(body=paragraphs))
    assert len(reader.pages) >= 3
    text = text_of(reader)
    assert all(f"Đoạn {n}:" in text for n in range(12))
    assert "Lăng Văn Khải" in text_of(PdfReader(io.BytesIO(pdf.render(sample(body=paragraphs)))))


def test_decomposed_accents_print_as_one_letter():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Phượng")
    assert "Nguyễn Thị Phượng" in text_of(read(sample(summary=decomposed)))


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>\x00\x07\x1b",
        "**bold** __under__ <b>tag</b> {{ x }}",
        "/JavaScript (app.alert(1)) /OpenAction",
    ],
)
def test_user_text_stays_text(hostile):
    data = pdf.render(sample(summary=hostile, body=(frame.Text(hostile),)))
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert "/Names" not in catalog and "/AA" not in catalog  # no document-level script
    assert isinstance(catalog["/OpenAction"], list)  # a page to open at, not an action
    assert b"/JavaScript" not in data and b"/Launch" not in data
    assert frame.clean(hostile).strip() in text_of(reader)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=VIETNAMESE + "abcdefghiklmnopqrstuvxy 0123456789.,:;-", max_size=80))
def test_any_vietnamese_text_reads_back(text):
    words = " ".join(text.split())
    assert words in text_of(read(sample(summary=text or "-"))) or not words


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=60))
def test_any_text_at_all_renders(text):
    data = pdf.render(sample(summary=text, body=(frame.Text(text),)))
    assert data.startswith(b"%PDF-")


def test_an_unknown_block_is_refused():
    with pytest.raises(TypeError):
        pdf.render(sample(body=("plain string",)))
