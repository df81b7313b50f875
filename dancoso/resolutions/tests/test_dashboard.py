from datetime import date

import pytest
from django.utils import timezone

from dancoso.core.indicators import Figure
from dancoso.places.models import Agency
from dancoso.resolutions import dashboard, report, services, snapshots
from dancoso.resolutions.models import ReportJob, Snapshot

TODAY = date(2025, 12, 31)


def row(data, code):
    return next(t for t in data["targets"] if t["code"] == code)


def test_indicator_values_per_unit_and_state(resolution, world, shares):
    shares["commune", world.commune.pk] = Figure(9, 10)
    shares["village", world.village.pk] = Figure(4, 4)
    data = dashboard.compute(resolution, 2025, today=TODAY)
    t1 = row(data, "T1")
    assert (t1["percent"], t1["state"]) == (90.0, "amber")
    units = {u["name"]: u for u in t1["units"]}
    assert units["Thôn Bản Lải"]["state"] == "green"
    assert units["Thôn Nà Sla"]["state"] == "none" and units["Thôn Nà Sla"]["percent"] is None
    assert [q["quarter"] for q in t1["quarters"]] == ["Q1", "Q2", "Q3", "Q4"]


def test_empty_denominator_is_no_value_not_red(resolution):
    t1 = row(dashboard.compute(resolution, 2025, today=TODAY), "T1")
    assert t1["percent"] is None and t1["state"] == "none"


def test_manual_figures_marked_and_summed(resolution, world, village_head, commune_officer):
    t2 = resolution.targets.get(code="T2")
    for unit, num, den in [(world.village, 3, 4), (world.other_village, 1, 1)]:
        services.report_figure(
            commune_officer,
            t2,
            unit=unit,
            period_start=date(2025, 10, 1),
            period_end=date(2025, 12, 31),
            numerator=num,
            denominator=den,
        )
    data = row(dashboard.compute(resolution, 2025, today=TODAY), "T2")
    assert data["origin"] == "báo cáo, không tính tự động"
    assert (data["numerator"], data["denominator"], data["state"]) == (4, 5, "red")


def test_agencies_listed_below_a_commune(resolution, world):
    Agency.objects.create(
        name="Trường Tiểu học Cao Lộc",
        kind="don_vi_su_nghiep",
        province=world.province,
        commune=world.commune,
    )
    units = dashboard.units_below(world.commune)
    assert [u.level for u in units] == ["village", "village", "agency"]


def test_snapshot_prints_the_time_it_started(resolution, world, shares):
    before = timezone.now()
    snapshot = snapshots.refresh(resolution, 2025)
    assert before <= snapshot.computed_at <= timezone.now()
    shares["commune", world.commune.pk] = Figure(1, 1)
    assert snapshots.current(resolution, 2025).data == snapshot.data  # stored, not recomputed
    snapshots.refresh(resolution, 2025)
    assert Snapshot.objects.get().data["targets"][0]["state"] == "green"


def test_reporting_a_figure_refreshes_the_snapshot(
    resolution, world, commune_officer, django_capture_on_commit_callbacks
):
    snapshots.refresh(resolution, 2025)
    t2 = resolution.targets.get(code="T2")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_figure(
            commune_officer,
            t2,
            unit=world.village,
            period_start=date(2025, 10, 1),
            period_end=date(2025, 12, 31),
            numerator=1,
            denominator=2,
        )
    data = Snapshot.objects.get(year=2025).data
    assert row(data, "T2")["units"][0]["numerator"] == 1


def test_report_job_makes_docx_pdf_and_annex(
    resolution, world, commune_officer, shares, django_capture_on_commit_callbacks
):
    import io

    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    shares["commune", world.commune.pk] = Figure(1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_report(
            commune_officer, resolution, year=2025, number="88/BC-UBND", signer="Hà Văn Nam"
        )
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE and job.percent == 100
    text = "\n".join(p.text for p in Document(io.BytesIO(job.docx.read())).paragraphs)
    assert "BÁO CÁO" in text and "12/2025/NQ-HĐND" in text
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(job.pdf.read())).pages)
    assert "12/2025/NQ-HĐND" in pdf_text
    for target in resolution.targets.all():
        assert target.text[:30] in " ".join(pdf_text.split())
    sheet = load_workbook(io.BytesIO(job.xlsx.read()))["Theo đơn vị"]
    assert sheet.max_row == 1 + 2 * 2  # two targets × two villages


def test_report_refused_outside_validity_and_for_delegates(
    resolution, commune_officer, council_delegate
):
    from dancoso.core.errors import DomainError, PermissionDeniedError

    with pytest.raises(DomainError):
        services.request_report(commune_officer, resolution, year=2024, number="1/BC")
    with pytest.raises(PermissionDeniedError):
        services.request_report(council_delegate, resolution, year=2025, number="1/BC")


def test_report_text_is_never_interpreted(resolution):
    data = dashboard.compute(resolution, 2025, today=TODAY)
    data["targets"][0]["text"] = '=HYPERLINK("http://x")<script>'
    document = report.build(resolution, data, number="1/BC", signer="", day=TODAY)
    assert document.body[3].rows[0][1].startswith("=HYPERLINK")  # plain text in Word
    annex = report.annex(data, None)
    import io

    from openpyxl import load_workbook

    cell = load_workbook(io.BytesIO(annex))["Mục tiêu"]["B2"].value
    assert cell.startswith("'=")


def test_provincial_report_counts_progress_and_covers_every_village(
    world, province_officer, shares, django_capture_on_commit_callbacks
):
    import io

    from openpyxl import load_workbook

    from dancoso.resolutions import importing

    fields = {
        "format": importing.FORMAT,
        "number": "53/2025/NQ-HĐND",
        "title": "Nghị quyết tỉnh",
        "issued_on": date(2025, 1, 2),
        "effective_from": date(2025, 1, 10),
        "implementer": "UBND tỉnh",
        "supervisors": ["Thường trực HĐND tỉnh"],
        "scope_level": "province",
        "council": {"level": "province", "name": "HĐND tỉnh Lạng Sơn"},
    }
    targets = [
        {
            "code": "T1",
            "text": "Tỷ lệ thử",
            "source": "Điều 2",
            "threshold": 100,
            "indicator": "resolutions_test.share",
        }
    ]
    draft = importing.Draft(fields=fields, place=world.province, targets=targets, measures=[])
    resolution = services.import_resolution(province_officer, draft, filename="tinh.yaml")
    shares["commune", world.commune.pk] = Figure(1, 1)
    shares["village", world.foreign_village.pk] = Figure(0, 3)
    data = dashboard.compute(resolution, 2025, today=TODAY)
    assert [u["name"] for u in data["targets"][0]["units"]] == ["Xã Ba Sơn", "Xã Cao Lộc"]
    assert data["targets"][0]["units"][1]["state"] == "green"
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_report(province_officer, resolution, year=2025, number="9/BC-UBND")
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    rows = list(load_workbook(io.BytesIO(job.xlsx.read()))["Theo đơn vị"].values)
    names = [r[2] for r in rows[1:]]
    assert "Thôn Khòn Khẻ (Xã Ba Sơn)" in names and "Thôn Bản Lải (Xã Cao Lộc)" in names
