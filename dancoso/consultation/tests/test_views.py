"""Pages: public list and draft page (query counts pinned), commenting, supporting, the
organiser's workspace, the synthesis report, isolation and escaping."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dancoso.consultation import services
from dancoso.consultation.lifecycle import State
from dancoso.consultation.models import Consultation, Opinion
from dancoso.core.testing import login_verified

from .factories import (
    TODAY,
    docx_bytes,
    first_section,
    force_state,
    make_draft,
    make_open,
    png_bytes,
)

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _opinions(consultation, users, n):
    for i in range(n):
        services.post_opinion(
            consultation,
            actor=users[i % len(users)],
            text=f"Ý kiến số {i}.",
            section=first_section(consultation) if i % 2 else None,
        )


def test_public_list_costs_the_same_whatever_the_number(
    client, world, commune_officer, django_assert_num_queries
):
    for i in range(3):
        make_open(world.commune, commune_officer, title=f"Dự thảo {i}")
    make_draft(world.commune, commune_officer, title="Bản nháp bí mật")
    url = reverse("consultation:list", args=[world.commune.code])
    with django_assert_num_queries(3):
        response = client.get(url)
    page = response.content.decode()
    assert "Dự thảo 2" in page and "Bản nháp bí mật" not in page
    for i in range(3, 8):
        make_open(world.commune, commune_officer, title=f"Dự thảo {i}")
    with django_assert_num_queries(3):
        client.get(url)


def test_the_draft_page_counts_opinions_per_section_in_fixed_queries(
    client, open_consultation, resident, household_head, django_assert_num_queries
):
    _opinions(open_consultation, [resident, household_head], 4)
    url = reverse("consultation:detail", args=[open_consultation.pk])
    client.force_login(resident)
    with django_assert_num_queries(13) as captured:
        response = client.get(url)
    assert response.status_code == 200
    first = len(captured.captured_queries)
    _opinions(open_consultation, [resident, household_head], 10)
    with django_assert_num_queries(first):
        client.get(url)
    assert "(7 ý kiến)" in client.get(url).content.decode()


def test_a_draft_is_not_public(client, world, commune_officer):
    consultation = make_draft(world.commune, commune_officer)
    assert client.get(reverse("consultation:detail", args=[consultation.pk])).status_code == 404
    assert client.get(reverse("consultation:detail", args=[999_999])).status_code == 404


def test_a_resident_comments_and_the_text_is_escaped(client, open_consultation, resident):
    client.force_login(resident)
    section = first_section(open_consultation)
    response = client.post(
        reverse("consultation:post", args=[open_consultation.pk]),
        {"text": XSS + " https://example.org/a?b=1", "stance": "other", "section": section.pk},
    )
    assert response.status_code == 302
    page = client.get(
        reverse("consultation:detail", args=[open_consultation.pk]) + f"?phan={section.pk}"
    ).content.decode()
    assert "<script>alert" not in page and "onerror=alert" not in page.replace(
        "onerror=alert(1)&gt;", ""
    )
    assert "&lt;script&gt;" in page
    assert '<a href="https://example.org/a?b=1" rel="nofollow ugc noopener noreferrer">' in page


def test_a_bad_comment_is_shown_beside_the_form(client, open_consultation, resident):
    client.force_login(resident)
    response = client.post(
        reverse("consultation:post", args=[open_consultation.pk]),
        {
            "text": "x" * 2999
            + " https://a.b https://a.b https://a.b https://a.b https://a.b https://a.b",
            "stance": "other",
        },
    )
    assert response.status_code == 400
    assert not Opinion.objects.exists()


def test_support_and_follow(client, open_consultation, resident, household_head):
    opinion = services.post_opinion(
        open_consultation, actor=resident, text="Làm thêm rãnh thoát nước."
    )
    client.force_login(household_head)
    url = reverse("consultation:support", args=[open_consultation.pk, opinion.number])
    client.post(url)
    client.post(url)
    assert opinion.supports.count() == 1
    client.post(reverse("consultation:follow", args=[open_consultation.pk]), {"theo_doi": "1"})
    assert open_consultation.followers.count() == 1


def test_comments_are_rate_limited(client, open_consultation, resident, settings):
    from dancoso.consultation.views import common

    client.force_login(resident)
    url = reverse("consultation:post", args=[open_consultation.pk])
    statuses = [
        client.post(url, {"text": f"Ý kiến {i}", "stance": "other"}).status_code for i in range(22)
    ]
    assert statuses.count(302) == int(common.WRITE_RATE_PER_USER.split("/")[0])
    assert statuses[-1] == 429


def test_an_officer_runs_the_cycle_from_the_workspace(client, world, commune_officer, resident):
    login_verified(client, commune_officer)
    assert client.get(reverse("consultation_ws:list")).status_code == 200
    response = client.post(
        reverse("consultation_ws:create"),
        {
            "noi": f"xa-{world.commune.pk}",
            "title": "Dự thảo quy chế dân chủ xã",
            "summary": "Tóm tắt.",
            "subject": "quy_che_dan_chu",
            "audience": "residents",
            "channels": ["cong_thong_tin"],
            "opens_on": f"{TODAY:%d/%m/%Y}",
            "plan_sent_on": f"{TODAY:%d/%m/%Y}",
            "closes_on": f"{TODAY + timedelta(days=25):%d/%m/%Y}",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    client.post(
        reverse("consultation_ws:draft_text", args=[consultation.pk]),
        {"text": "# Điều 1. Phạm vi\nÁp dụng toàn xã.\n# Điều 2. Nguyên tắc\nCông khai."},
    )
    assert consultation.sections.count() == 2
    manage = client.get(reverse("consultation_ws:manage", args=[consultation.pk])).content.decode()
    assert "Công bố, bắt đầu lấy ý kiến" in manage
    client.post(reverse("consultation_ws:advance", args=[consultation.pk, "open"]))
    consultation.refresh_from_db()
    assert consultation.state == State.OPEN
    client.post(
        reverse("consultation_ws:offline", args=[consultation.pk]),
        {
            "text": "Ý kiến họp thôn.",
            "stance": "agree",
            "source": "meeting",
            "author_label": "Hội nghị thôn Bản Lải",
        },
    )
    services.post_opinion(consultation, actor=resident, text=XSS)
    client.post(
        reverse("consultation_ws:hide", args=[consultation.pk, 2]),
        {"reason": "ẩn do vi phạm quy tắc"},
    )
    force_state(consultation, State.CLOSED)
    client.post(
        reverse("consultation_ws:answer", args=[consultation.pk]),
        {"numbers": "1", "title": "Họp thôn", "verdict": "tiep_thu", "answer": "Đã bổ sung."},
    )
    client.post(
        reverse("consultation_ws:synthesis_text", args=[consultation.pk]),
        {"text": "Nhận 2 ý kiến; 1 bị ẩn.", "majority_reason": ""},
    )
    client.post(reverse("consultation_ws:advance", args=[consultation.pk, "synthesise"]))
    section = consultation.sections.get(position=1)
    client.post(
        reverse("consultation_ws:revise", args=[consultation.pk, section.pk]),
        {"text": "Áp dụng toàn xã và các thôn."},
    )
    client.post(reverse("consultation_ws:advance", args=[consultation.pk, "publish"]))
    consultation.refresh_from_db()
    assert consultation.state == State.PUBLISHED
    client.logout()
    report = client.get(reverse("consultation:synthesis", args=[consultation.pk])).content.decode()
    assert "Đã bổ sung." in report and "<ins>xã và các thôn.</ins>" in report
    assert "<script>alert" not in report


def test_docx_import_refusal_is_shown(client, world, commune_officer):
    login_verified(client, commune_officer)
    consultation = make_draft(world.commune, commune_officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("du-thao.docm", docx_bytes([("Heading1", "Điều 1")]))
    response = client.post(
        reverse("consultation_ws:import_docx", args=[consultation.pk]),
        {"file": upload},
        follow=True,
    )
    assert "macro" in response.content.decode()


def test_another_communes_officer_sees_nothing(
    client, world, open_consultation, officer_of_other_commune
):
    login_verified(client, officer_of_other_commune)
    assert (
        client.get(reverse("consultation_ws:manage", args=[open_consultation.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("consultation_ws:hide", args=[open_consultation.pk, 1]), {"reason": "x"}
    )
    assert response.status_code == 404


def test_my_opinions_show_the_answer_once_published(
    client, open_consultation, resident, commune_officer
):
    services.post_opinion(open_consultation, actor=resident, text="Giữ sân bóng.")
    consultation = force_state(open_consultation, State.CLOSED)
    services.answer_opinions(
        consultation,
        actor=commune_officer,
        numbers=[1],
        title="Sân bóng",
        verdict="tiep_thu",
        answer="Giữ nguyên sân bóng.",
    )
    client.force_login(resident)
    assert "Đang tổng hợp" in client.get(reverse("consultation:mine")).content.decode()
    force_state(consultation, State.PUBLISHED)
    assert "Giữ nguyên sân bóng." in client.get(reverse("consultation:mine")).content.decode()


def test_synthesis_is_hidden_before_publication(client, closed_consultation):
    assert (
        client.get(reverse("consultation:synthesis", args=[closed_consultation.pk])).status_code
        == 404
    )


def test_attachments_are_downloads(
    client, world, open_consultation, commune_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = services.add_attachment(
        open_consultation,
        actor=commune_officer,
        name="so-do.png",
        data=png_bytes(),
    )
    response = client.get(reverse("consultation:attachment", args=[open_consultation.pk, item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"


def test_the_synthesis_report_as_a_word_file(client, open_consultation, resident, commune_officer):
    import io

    import docx

    services.post_opinion(open_consultation, actor=resident, text="Giữ sân bóng.")
    services.post_opinion(open_consultation, actor=resident, text="Lời lẽ xấu.")
    services.moderate_opinion(open_consultation.opinions.get(number=2), actor=commune_officer)
    c = force_state(open_consultation, State.CLOSED)
    services.answer_opinions(
        c,
        actor=commune_officer,
        numbers=[1],
        title="Sân bóng",
        verdict="tiep_thu",
        answer="Giữ nguyên sân bóng.",
    )
    url = reverse("consultation:synthesis_docx", args=[c.pk])
    assert client.get(url).status_code == 404  # not yet published
    force_state(c, State.PUBLISHED)
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Giữ nguyên sân bóng." in text and "#1" in text and "ẩn do vi phạm quy tắc" in text
    assert "Lời lẽ xấu" not in text
    header = docx.Document(io.BytesIO(response.content)).tables[0].rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header  # the Decree 30/2020 frame
    page = client.get(reverse("consultation:synthesis", args=[c.pk])).content.decode()
    assert 'id="y-kien-2"><strong>#2</strong> <em>Ý kiến bị ẩn: ẩn do vi phạm quy tắc' in page
    assert "Lời lẽ xấu" not in page


def _pinned(client, url, django_assert_num_queries, grow):
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    grow()
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_workspace_and_own_lists_cost_the_same_whatever_their_length(
    client, world, commune_officer, resident, django_assert_num_queries
):
    make_open(world.commune, commune_officer)
    login_verified(client, commune_officer)
    _pinned(
        client,
        reverse("consultation_ws:list"),
        django_assert_num_queries,
        lambda: [make_open(world.commune, commune_officer) for _ in range(4)],
    )
    c = Consultation.objects.first()
    _opinions(c, [resident], 1)  # a first row, so the empty-page shortcut does not skew the pin
    _pinned(
        client,
        reverse("consultation_ws:manage", args=[c.pk]),
        django_assert_num_queries,
        lambda: _opinions(c, [resident], 6),
    )
    client.force_login(resident)
    _pinned(
        client,
        reverse("consultation:mine"),
        django_assert_num_queries,
        lambda: _opinions(c, [resident], 6),
    )


def test_the_officer_fixes_the_dates_the_checklist_refused(client, world, commune_officer):
    c = make_draft(world.commune, commune_officer, closes_on=TODAY + timedelta(days=19))
    login_verified(client, commune_officer)
    url = reverse("consultation_ws:edit", args=[c.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": c.title,
        "summary": c.summary,
        "subject": c.subject,
        "audience": c.audience,
        "channels": c.forms,
        "opens_on": f"{TODAY:%d/%m/%Y}",
    }
    short = client.post(url, data | {"closes_on": f"{TODAY + timedelta(days=5):%d/%m/%Y}"})
    assert short.status_code == 200 and "tối thiểu 20 ngày" in short.content.decode()
    client.post(url, data | {"closes_on": f"{TODAY + timedelta(days=40):%d/%m/%Y}"})
    c.refresh_from_db()
    assert c.closes_on == TODAY + timedelta(days=40)


def test_staff_find_their_agencys_consultations(
    client, agency, agency_head, agency_staff, resident
):
    c = make_open(
        agency,
        agency_head,
        subject="cq_ke_hoach",
        audience="staff",
        closes_on=TODAY + timedelta(days=10),
    )
    login_verified(client, agency_staff)
    assert c.title in client.get(reverse("consultation:mine")).content.decode()
    assert client.get(reverse("consultation:detail", args=[c.pk])).status_code == 200
    client.force_login(resident)
    assert c.title not in client.get(reverse("consultation:mine")).content.decode()
    assert client.get(reverse("consultation:detail", args=[c.pk])).status_code == 404
