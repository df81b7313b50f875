import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dancoso.core.indicators import Figure
from dancoso.core.testing import login_verified
from dancoso.resolutions import services
from dancoso.resolutions.models import ManualFigure, Resolution


def test_officer_uploads_a_file(client, world, commune_officer, sample_bytes):
    login_verified(client, commune_officer)
    upload = SimpleUploadedFile("nq.yaml", sample_bytes, content_type="application/x-yaml")
    response = client.post(reverse("resolutions:import"), {"file": upload})
    resolution = Resolution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("resolutions:detail", args=[resolution.pk])


def test_refused_upload_lists_lines(client, world, commune_officer, sample_bytes):
    login_verified(client, commune_officer)
    bad = sample_bytes.replace(b"threshold: 100\n    amber", b"threshold: 150\n    amber")
    upload = SimpleUploadedFile("nq.yaml", bad)
    body = client.post(reverse("resolutions:import"), {"file": upload}).content.decode()
    assert "nq.yaml, dòng 26" in body and "từ 0 đến 100" in body
    assert not Resolution.objects.exists()


def test_hand_entry_and_target(client, world, commune_officer):
    login_verified(client, commune_officer)
    response = client.post(
        reverse("resolutions:new"),
        {
            "number": "01/2026/NQ-HĐND",
            "title": "Nghị quyết thử",
            "issued_on": "2026-01-05",
            "council_level": "commune",
            "council_name": "HĐND xã Cao Lộc",
            "effective_from": "2026-01-15",
            "implementer": "UBND xã",
            "supervisors": "Thường trực HĐND xã\nỦy ban MTTQ xã",
        },
    )
    resolution = Resolution.objects.get()
    assert response.status_code == 302 and resolution.supervisors[1] == "Ủy ban MTTQ xã"
    url = reverse("resolutions:add_target", args=[resolution.pk])
    bad = client.post(
        url,
        {
            "code": "T1",
            "text": "x",
            "source": "Điều 1",
            "threshold": "100",
            "indicator": "",
            "manual_reporter": "",
        },
    )
    assert "đúng một nguồn số liệu" in bad.content.decode()
    ok = client.post(
        url,
        {
            "code": "T1",
            "text": "x",
            "source": "Điều 1",
            "threshold": "100",
            "manual_reporter": "commune",
        },
    )
    assert ok.status_code == 302 and resolution.targets.count() == 1


def test_dashboard_shows_time_and_states(client, resolution, commune_officer, world, shares):
    shares["commune", world.commune.pk] = Figure(1, 2)
    login_verified(client, commune_officer)
    body = client.get(reverse("resolutions:dashboard", args=[resolution.pk]) + "?nam=2025")
    text = body.content.decode()
    assert "cập nhật lúc" in text and "Chưa đạt" in text and "báo cáo, không tính tự động" in text
    assert "<svg" in text


def test_delegate_reads_dashboard_but_cannot_write(client, resolution, council_delegate):
    login_verified(client, council_delegate)
    assert client.get(reverse("resolutions:dashboard", args=[resolution.pk])).status_code == 200
    detail = client.get(reverse("resolutions:detail", args=[resolution.pk])).content.decode()
    assert "Thêm mục tiêu" not in detail
    edit = client.get(reverse("resolutions:edit", args=[resolution.pk]))
    assert edit.status_code == 404
    report = client.post(
        reverse("resolutions:new_report", args=[resolution.pk]), {"year": 2025, "number": "1/BC"}
    )
    assert report.status_code == 404


@pytest.mark.parametrize("name", ["detail", "dashboard", "dashboard_xlsx", "edit"])
def test_other_commune_gets_404(client, resolution, officer_of_other_commune, name):
    login_verified(client, officer_of_other_commune)
    assert client.get(reverse(f"resolutions:{name}", args=[resolution.pk])).status_code == 404


def test_xlsx_download_neutralises_formulas(client, resolution, commune_officer):
    from openpyxl import load_workbook

    services.change_target(
        commune_officer,
        resolution.targets.get(code="T1"),
        on=date(2025, 10, 1),
        text="=cmd|' /C calc'!A0",
    )
    login_verified(client, commune_officer)
    response = client.get(reverse("resolutions:dashboard_xlsx", args=[resolution.pk]) + "?nam=2025")
    sheet = load_workbook(io.BytesIO(response.content))["Mục tiêu"]
    assert sheet["B2"].value.startswith("'=")


def test_village_head_reports_figure_through_the_form(client, resolution, village_head, world):
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, format="PNG")
    target = resolution.targets.get(code="T2")
    login_verified(client, village_head)
    url = reverse("resolutions:figures", args=[target.pk])
    resp = client.get(url)
    page = resp.content.decode()
    assert resp.status_code == 200, resp.status_code
    assert "Thôn Bản Lải" in page and "Thôn Nà Sla" not in page
    data = {
        "unit": f"village:{world.village.pk}",
        "period_start": "2025-10-01",
        "period_end": "2025-12-31",
        "numerator": "5",
        "denominator": "4",
    }
    assert "không thể lớn hơn mẫu số" in client.post(url, data).content.decode()
    data |= {"numerator": "3", "evidence": SimpleUploadedFile("a.png", png.getvalue())}
    assert client.post(url, data).status_code == 302
    figure = ManualFigure.objects.get()
    evidence = client.get(reverse("resolutions:evidence", args=["so-lieu", figure.pk]))
    assert evidence["Content-Disposition"].startswith("attachment")


def test_xss_in_free_text_is_escaped(client, resolution, commune_officer, world):
    payload = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
    services.update_resolution(commune_officer, resolution, title=payload, reporting=payload)
    services.change_target(
        commune_officer, resolution.targets.get(code="T1"), on=date(2025, 10, 1), text=payload
    )
    services.report_figure(
        commune_officer,
        resolution.targets.get(code="T2"),
        unit=world.village,
        period_start=date(2025, 10, 1),
        period_end=date(2025, 12, 31),
        numerator=1,
        denominator=1,
        note=payload,
    )
    login_verified(client, commune_officer)
    t2 = resolution.targets.get(code="T2")
    for url in [
        reverse("resolutions:detail", args=[resolution.pk]),
        reverse("resolutions:dashboard", args=[resolution.pk]) + "?nam=2025",
        reverse("resolutions:figures", args=[t2.pk]),
        reverse("resolutions:list"),
    ]:
        body = client.get(url).content.decode()
        assert "<script>alert(2)" not in body and "<img src=x" not in body, url


def test_plan_task_flow_through_pages(client, resolution, commune_officer, village_head, world):
    login_verified(client, commune_officer)
    client.post(
        reverse("resolutions:new_plan", args=[resolution.pk]),
        {"year": 2025, "number": "45/KH-UBND", "adopted_on": "2025-09-15"},
    )
    plan = resolution.plans.get()
    client.post(
        reverse("resolutions:plan", args=[plan.pk]),
        {
            "title": "Hội nghị phổ biến",
            "measure_item": "",
            "assignee": f"village:{world.village.pk}",
            "deadline": "2025-11-30",
        },
    )
    task = plan.tasks.get()
    client.logout()
    login_verified(client, village_head)
    assert "Hội nghị phổ biến" in client.get(reverse("resolutions:my_tasks")).content.decode()
    response = client.post(
        reverse("resolutions:task", args=[task.pk]), {"status": "done", "note": "Đã tổ chức"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done"


def test_measures_entered_by_hand(client, resolution, commune_officer):
    login_verified(client, commune_officer)
    group_url = reverse("resolutions:add_group", args=[resolution.pk])
    data = {"code": "M9", "title": "Nhóm giải pháp về chuyển đổi số", "source": "Điều 3, khoản 5"}
    assert client.post(group_url, data).status_code == 302
    group = resolution.measures.get(code="M9")
    t1 = resolution.targets.get(code="T1")
    item_url = reverse("resolutions:add_item", args=[resolution.pk])
    item = {
        "group": group.pk,
        "code": "M9.1",
        "text": "Mở chuyên mục",
        "source": "Điều 3, khoản 5, điểm a",
        "targets": [t1.pk],
    }
    client.post(item_url, item)
    assert [t.code for t in group.items.get().targets.all()] == ["T1"]
    duplicate = client.post(group_url, {"code": "M9", "title": "x", "source": "y"})
    assert duplicate.status_code == 200
    assert resolution.measures.filter(code="M9").count() == 1


def test_list_and_warm_dashboard_queries_do_not_grow(
    client, resolution, commune_officer, world, django_assert_max_num_queries
):
    from dancoso.places.models import Village
    from dancoso.resolutions import snapshots

    login_verified(client, commune_officer)
    url = reverse("resolutions:dashboard", args=[resolution.pk]) + "?nam=2025"
    snapshots.refresh(resolution, 2025)
    with django_assert_max_num_queries(14):
        client.get(reverse("resolutions:list"))
    with django_assert_max_num_queries(14):
        client.get(url)
    for i in range(20):
        Village.objects.create(commune=world.commune, name=f"Thôn mới {i}")
    snapshots.refresh(resolution, 2025)
    with django_assert_max_num_queries(14):
        assert "Thôn mới 19" in client.get(url).content.decode()
