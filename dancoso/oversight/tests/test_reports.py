"""The board's six-monthly and annual reports (Decree 30 frame) as DOCX and PDF: what they
state, that they state it as plain text, and who may have them."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx
from pypdf import PdfReader

from dancoso.oversight import law, reports, services
from dancoso.oversight.law import ReportPeriod

MARKER = "<script>alert('bc')</script>"


@pytest.fixture
def year_of_work(activity, board, board_member, commune_chair):
    """A board's year: a recorded supervision, a recommendation answered on time, one
    answered late and one still unanswered past its due date."""
    services.record_supervision(
        board_member,
        activity,
        held_on=date(2026, 3, 17),
        checked="Bảng niêm yết dự toán tại nhà văn hóa thôn.",
        findings=f"Chưa niêm yết phần chi đầu tư {MARKER}.",
    )
    sent = [
        services.send_recommendation(
            board_member,
            board,
            addressee="commune_committee",
            content=text,
            received_on=day,
            activity=activity if n == 0 else None,
        )
        for n, (text, day) in enumerate(
            [
                ("Niêm yết phần chi đầu tư.", date(2026, 3, 20)),
                ("Sửa rãnh thoát nước thôn Nà Sla.", date(2026, 4, 1)),
                ("Công khai danh sách hộ nghèo.", date(2026, 9, 1)),
            ]
        )
    ]
    services.answer_recommendation(
        commune_chair, sent[0], answer="Đã niêm yết.", on=date(2026, 3, 25)
    )
    services.answer_recommendation(commune_chair, sent[1], answer="Đã sửa.", on=date(2026, 5, 1))
    services.judge_answer(board_member, sent[0], resolved=True)
    return board


def docx_text(data: bytes) -> str:
    doc = Docx(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_annual_report_states_the_year(year_of_work, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        document = reports.board_report(
            year_of_work, ReportPeriod.YEAR, 2026, today=date(2026, 12, 20)
        )
    assert document.kind == "BÁO CÁO" and document.summary.endswith("năm 2026")
    text = docx_text(reports_word(document))
    assert "Hoàng Văn Dũng" in text and "Kế hoạch năm 2026" in text
    assert f"Chưa niêm yết phần chi đầu tư {MARKER}." in text
    assert "Ban đã gửi 3 kiến nghị; 2 kiến nghị đã được trả lời, trong đó 1 đúng hạn" in text
    assert "1 kiến nghị quá hạn chưa được trả lời" in text
    assert "Trả lời 25/03/2026 (đúng hạn); đã giải quyết" in text
    assert "Trả lời 01/05/2026 (quá hạn)" in text
    assert "Quá hạn, chưa trả lời" in text


def reports_word(document):
    from dancoso.documents import word

    return word.render(document)


def test_half_year_report_leaves_out_later_work(year_of_work):
    document = reports.board_report(year_of_work, ReportPeriod.HALF, 2026, today=date(2026, 7, 2))
    text = docx_text(reports_word(document))
    assert "Ban đã gửi 2 kiến nghị" in text
    assert "hộ nghèo" not in text
    assert law.report_window(ReportPeriod.HALF, 2026) == (date(2026, 1, 1), date(2026, 6, 30))


def report_url(board, period="nam", year=2026, fmt="docx"):
    return reverse("oversight:report", args=[board.commune.code, board.pk, period, year, fmt])


def test_public_downloads_docx_and_pdf(client, year_of_work):
    docx = client.get(report_url(year_of_work))
    assert docx.status_code == 200
    assert docx["Content-Disposition"] == (
        f'attachment; filename="bao-cao-nam-2026-ban-{year_of_work.pk}.docx"'
    )
    assert "Niêm yết phần chi đầu tư." in docx_text(docx.content)
    pdf = client.get(report_url(year_of_work, fmt="pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "BÁO CÁO" in text and "Hoàng Văn Dũng" in text
    assert "<script>" in text  # written as the characters typed, never interpreted


@pytest.mark.parametrize(
    ("period", "year", "fmt"),
    [
        ("quy", 2026, "docx"),
        ("nam", timezone.localdate().year + 1, "docx"),
        ("nam", 2022, "pdf"),
        ("nam", 2026, "html"),
    ],
)
def test_bad_report_address_is_404(client, board, period, year, fmt):
    assert client.get(report_url(board, period, year, fmt)).status_code == 404


def test_report_of_another_commune_is_404(client, board, world):
    url = reverse(
        "oversight:report", args=[world.other_commune.code, board.pk, "nam", 2026, "docx"]
    )
    assert client.get(url).status_code == 404
