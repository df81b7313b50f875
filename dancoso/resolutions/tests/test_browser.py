"""In Chromium at 360 px: a commune officer opens the dashboard of a resolution, asks for the
annual report and downloads it; a council delegate reads the same dashboard, read-only. Every
page passes axe and has no horizontal scroll."""

import io
import re
from pathlib import Path

import pytest

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in
from dancoso.core.indicators import Figure

pytestmark = pytest.mark.browser


def _check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_dashboard_report_and_delegate(
    page, live_server, world, resolution, shares, commune_officer, council_delegate
):
    shares["commune", world.commune.pk] = Figure(19, 20)
    sign_in(page, live_server, commune_officer)
    page.goto(f"{live_server.url}/can-bo/nghi-quyet/{resolution.pk}/bang-theo-doi/?nam=2025")
    assert page.get_by_text(re.compile(r"cập nhật lúc \d\d:\d\d \d\d/\d\d/\d{4}")).is_visible()
    assert page.get_by_text("Gần đạt").first.is_visible()
    _check(page)
    with page.expect_download() as sheet:
        page.get_by_role("link", name="Tải bảng (XLSX)").click()
    assert sheet.value.suggested_filename.endswith(".xlsx")

    page.goto(f"{live_server.url}/can-bo/nghi-quyet/{resolution.pk}/")
    _check(page)
    page.get_by_label("Năm báo cáo").fill("2025")
    page.get_by_label("Số báo cáo").fill("88/BC-UBND")
    page.get_by_role("button", name="Tạo báo cáo").click()
    page.wait_for_url(re.compile(r"/bao-cao/\d+/$"), timeout=120_000)
    page.get_by_role("link", name="Tải báo cáo (DOCX)").wait_for(timeout=120_000)
    _check(page)
    with page.expect_download() as report:
        page.get_by_role("link", name="Tải báo cáo (DOCX)").click()
    from docx import Document

    content = Path(report.value.path()).read_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "12/2025/NQ-HĐND" in text

    sign_in(page, live_server, council_delegate)
    page.goto(f"{live_server.url}/can-bo/nghi-quyet/{resolution.pk}/bang-theo-doi/?nam=2025")
    assert page.get_by_text("Gần đạt").first.is_visible()
    assert page.get_by_role("link", name="Tạo báo cáo").count() == 0
    _check(page)
