"""Demo disclosures for Xã Cao Lộc (Lạng Sơn), written through the disclosure services: the
2026 budget estimate and its execution reports, the socio-economic and land-use plans, the
beneficiaries of social support, the call-up list, the democracy regulation, procedures and
fees, one correction, one withdrawal, offline forms recorded, and two internal disclosures of
the primary school. Figures are invented for the demo."""

import io
from datetime import date

from openpyxl import Workbook

from dancoso.core.actors import SystemActor
from dancoso.disclosure.services import (
    correct_disclosure,
    publish_disclosure,
    record_form,
    withdraw_disclosure,
)
from dancoso.places.models import Commune

SYSTEM = SystemActor("load_demo")
POSTED = ["posted_office", "posted_village"]
LOUD = [*POSTED, "loudspeaker", "village_head"]


def _budget_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Du toan 2026"
    sheet.append(["Nội dung", "Dự toán 2026 (triệu đồng)"])
    for row in [
        ("Tổng thu ngân sách xã", 12_480),
        ("Thu bổ sung từ ngân sách tỉnh", 9_150),
        ("Tổng chi ngân sách xã", 12_480),
        ("Chi đầu tư phát triển", 2_300),
        ("Chi thường xuyên", 9_930),
        ("Dự phòng ngân sách", 250),
    ]:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _items(villages) -> list[dict]:
    ban_lai = villages[0]
    return [
        {
            "category": "xa-01",
            "title": "Kế hoạch phát triển kinh tế – xã hội năm 2026 của xã Cao Lộc",
            "summary": "Nghị quyết HĐND xã về mục tiêu, chỉ tiêu phát triển kinh tế – xã hội "
            "năm 2026.",
            "body": "<h2>Chỉ tiêu chủ yếu</h2><ul><li>Tổng sản lượng lương thực: 5.200 tấn</li>"
            "<li>Giảm tỷ lệ hộ nghèo 1,5%</li><li>100% thôn có đường bê tông</li></ul>",
            "forms": POSTED,
            "document_date": date(2025, 12, 26),
            "starts_on": date(2026, 1, 5),
            "obligation": "socio_economic_plan",
            "obligation_year": 2026,
        },
        {
            "category": "xa-02",
            "title": "Dự toán ngân sách xã Cao Lộc năm 2026",
            "summary": "Dự toán thu, chi ngân sách xã năm 2026 đã được HĐND xã quyết định.",
            "body": "<p>Tổng thu ngân sách xã: <strong>12.480 triệu đồng</strong>; tổng chi: "
            "12.480 triệu đồng, trong đó chi đầu tư phát triển 2.300 triệu đồng.</p>",
            "forms": POSTED,
            "document_date": date(2025, 12, 26),
            "starts_on": date(2026, 1, 12),
            "obligation": "budget_estimate",
            "obligation_year": 2026,
            "files": [("Dự toán ngân sách xã 2026.xlsx", _budget_xlsx())],
        },
        {
            "category": "xa-02",
            "title": "Tình hình thực hiện ngân sách xã quý I năm 2026",
            "summary": "Thu ngân sách quý I đạt 27% dự toán, chi đạt 22% dự toán.",
            "forms": POSTED,
            "starts_on": date(2026, 4, 10),
            "ends_on": date(2026, 5, 15),
            "obligation": "budget_q1",
            "obligation_year": 2026,
        },
        {
            "category": "xa-02",
            "title": "Tình hình thực hiện ngân sách xã 6 tháng đầu năm 2026",
            "summary": "Thu ngân sách 6 tháng đạt 54% dự toán, chi đạt 47% dự toán.",
            "forms": POSTED,
            "starts_on": date(2026, 7, 20),
            "obligation": "budget_h1",
            "obligation_year": 2026,
        },
        {
            "category": "xa-03",
            "title": "Kế hoạch sử dụng đất năm 2026 của xã Cao Lộc",
            "summary": "Danh mục công trình, dự án thực hiện trong năm 2026 và diện tích đất "
            "chuyển mục đích sử dụng.",
            "body": "<p>Chuyển 12,5 ha đất trồng lúa sang đất ở nông thôn và đất giao thông; mở "
            "rộng đường liên thôn Bản Lải – Nà Sla (1,8 ha).</p>",
            "forms": POSTED,
            "document_date": date(2026, 2, 20),
            "starts_on": date(2026, 2, 25),
        },
        {
            "category": "xa-07",
            "village": ban_lai,
            "title": "Danh sách hộ được hỗ trợ xóa nhà tạm, nhà dột nát năm 2026 – thôn Bản Lải",
            "summary": "Kết quả bình xét của hội nghị thôn: 6 hộ được hỗ trợ, mức 60 triệu đồng/hộ "
            "xây mới, 30 triệu đồng/hộ sửa chữa.",
            "forms": LOUD,
            "document_date": date(2026, 11, 20),
            "starts_on": date(2026, 11, 25),
        },
        {
            "category": "xa-07",
            "title": "Danh sách hộ nghèo, hộ cận nghèo năm 2027 (dự kiến)",
            "summary": "Kết quả rà soát hộ nghèo, hộ cận nghèo cuối năm 2026 để lấy ý kiến "
            "Nhân dân.",
            "forms": LOUD,
            "starts_on": date(2026, 11, 28),
        },
        {
            "category": "xa-09",
            "title": "Danh sách công dân đủ điều kiện gọi nhập ngũ năm 2027",
            "summary": "Công dân sinh năm 2001–2008 đủ tiêu chuẩn sức khỏe, học vấn.",
            "forms": LOUD,
            "starts_on": date(2026, 11, 30),
        },
        {
            "category": "xa-04",
            "title": "Quy chế thực hiện dân chủ ở xã Cao Lộc",
            "summary": "Ban hành kèm theo Quyết định của UBND xã; niêm yết thường xuyên.",
            "forms": ["posted_office"],
            "starts_on": date(2025, 9, 15),
        },
        {
            "category": "xa-13",
            "title": "Thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã",
            "summary": "Danh mục 112 thủ tục hành chính, thời hạn giải quyết và phí, lệ phí.",
            "forms": ["posted_office"],
            "starts_on": date(2025, 8, 1),
        },
        {
            "category": "xa-12",
            "title": "Mức thu phí, lệ phí do UBND xã Cao Lộc trực tiếp thu",
            "summary": "Lệ phí chứng thực, đăng ký hộ tịch, phí sử dụng chợ Cao Lộc.",
            "forms": LOUD,
            "starts_on": date(2026, 3, 2),
        },
    ]


def _agency_items(agency) -> list[dict]:
    return [
        {
            "agency": agency,
            "category": "cq-03",
            "title": "Dự toán ngân sách năm 2026 của trường",
            "summary": "Dự toán chi thường xuyên 7.850 triệu đồng được giao.",
            "starts_on": date(2026, 1, 20),
            "obligation": "budget_estimate",
            "obligation_year": 2026,
        },
        {
            "agency": agency,
            "category": "cq-06",
            "title": "Kết quả đánh giá, xếp loại viên chức năm học 2025–2026",
            "starts_on": date(2026, 11, 26),
        },
    ]


def load_disclosures(commune: Commune, villages, agencies) -> int:
    """Publish the demo disclosures once (nothing when the commune already has some)."""
    if commune.disclosures.exists():
        return 0
    made = [publish_disclosure(actor=SYSTEM, commune=commune, **item) for item in _items(villages)]
    for item in _agency_items(agencies[1]):
        publish_disclosure(actor=SYSTEM, **item)
    land, support = made[4], made[5]
    correct_disclosure(
        land,
        actor=SYSTEM,
        reason="Bổ sung diện tích mở rộng đường liên thôn.",
        body=land.body_html.replace("1,8 ha", "2,1 ha"),
    )
    withdraw_disclosure(
        made[10], actor=SYSTEM, reason="Thay bằng biểu phí theo Nghị quyết mới của HĐND tỉnh."
    )
    done = [
        ("posted_village", "Lộc Văn Sơn", "Nhà văn hóa thôn Bản Lải", date(2026, 11, 25)),
        ("loudspeaker", "Đài truyền thanh xã", "Hệ thống loa thôn Bản Lải", date(2026, 11, 26)),
    ]
    for form, who, where, day in done:
        record_form(support, actor=SYSTEM, form=form, done_by=who, place=where, done_on=day)
    return len(made) + 2
