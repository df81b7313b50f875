"""``feedback_summary(commune, period)``: what the resolution indicators read — volume by
kind, channel, village, on-time share, satisfaction from answers, desks and surveys — in a
fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dancoso.core.testing import login_verified
from dancoso.feedback import services
from dancoso.feedback.models import Case
from dancoso.feedback.queries import feedback_summary

from .factories import report

pytestmark = pytest.mark.django_db


def test_the_summary_counts_what_happened(
    world, commune_officer, resident, django_assert_num_queries
):
    late = report(world.commune, village=world.village)
    Case.objects.filter(pk=late.pk).update(received_on=timezone.localdate() - timedelta(days=40))
    late.refresh_from_db()
    services.answer_case(late, actor=commune_officer, answer="Muộn")
    quick = services.answer_case(report(world.commune), actor=commune_officer, answer="Ngay")
    services.rate_answer(quick, satisfied=True)
    first, second = report(world.commune), report(world.commune)
    services.merge_case(second, actor=commune_officer, into=first)
    desk = services.create_desk(world.commune, actor=commune_officer, name="Quầy 1")
    services.rate_desk(desk, visit_code="A-001", reception_score=5, procedure_score=4)
    services.rate_desk(desk, visit_code="A-002", reception_score=2, procedure_score=4)
    survey = services.open_survey(
        services.create_survey(
            world.commune,
            actor=commune_officer,
            title="KS",
            year=timezone.localdate().year,
            questions="thang | Điểm",
        ),
        actor=commune_officer,
    )
    services.answer_survey(survey, actor=resident, answers={str(survey.questions.get().pk): "5"})
    today = timezone.localdate()
    with django_assert_num_queries(9):
        summary = feedback_summary(world.commune, (date(today.year - 1, 1, 1), today))
    assert (summary.total, summary.answered, summary.on_time) == (3, 2, 1)
    assert summary.on_time_rate == 0.5 and summary.satisfaction_rate == 1.0
    assert summary.by_kind == {"phan_anh": 3} and summary.by_village["Thôn Bản Lải"] == 1
    assert summary.desk_ratings == 2 and summary.desk_satisfaction_rate == 0.5
    assert summary.survey_responses == 1 and summary.survey_satisfaction == 1.0
    empty = feedback_summary(world.other_commune, (today, today))
    assert empty.total == 0 and empty.on_time_rate is None


def test_the_dashboard_page(world, commune_officer, officer_of_other_commune):
    report(world.commune)
    page = login_verified(Client(), commune_officer).get(reverse("feedback:dashboard"))
    assert page.status_code == 200 and "Phản ánh" in page.content.decode()
    other = login_verified(Client(), officer_of_other_commune).get(
        reverse("feedback:dashboard") + f"?xa={world.commune.code}"
    )
    assert "Xã Cao Lộc" not in other.content.decode()
