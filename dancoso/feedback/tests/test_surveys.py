"""Annual satisfaction surveys: the pure parser, checks and tally (hypothesis), and the
services and pages — built by the commune, answered online once, entered from paper once per
form, results; a PostgreSQL race on one-answer-per-person (SECURITY.md test 2)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified
from dancoso.feedback import services, surveys
from dancoso.feedback.survey_models import SurveyResponse

LINES = """một | Bạn có hài lòng với bộ phận một cửa? | Có; Không
nhiều | Bạn biết thông tin của xã qua đâu? | Loa; Bảng tin; Trang thông tin; Zalo
thang | Chấm điểm thái độ phục vụ
tự do | Góp ý khác"""


def test_the_question_lines_are_parsed_and_bad_lines_named():
    specs = surveys.parse_questions(LINES)
    assert [s.kind for s in specs] == ["single", "multiple", "scale", "text"]
    assert specs[1].options == ["Loa", "Bảng tin", "Trang thông tin", "Zalo"]
    with pytest.raises(surveys.InvalidSurvey, match="Dòng 2"):
        surveys.parse_questions("thang | Điểm\nmột | Chỉ một lựa chọn | Có")
    with pytest.raises(surveys.InvalidSurvey, match="Dòng 1"):
        surveys.parse_questions("lạ | Câu hỏi")


QUESTIONS = [
    {"id": 1, "kind": "single", "text": "A", "options": ["x", "y"], "required": True},
    {"id": 2, "kind": "multiple", "text": "B", "options": ["p", "q", "r"], "required": False},
    {"id": 3, "kind": "scale", "text": "C", "options": [], "required": True},
]


@given(
    st.lists(
        st.tuples(st.integers(0, 1), st.sets(st.integers(0, 2)), st.integers(1, 5)), max_size=30
    )
)
def test_tally_counts_every_checked_answer(rows):
    answers = [
        surveys.check_answers(QUESTIONS, {"1": str(a), "2": [str(v) for v in b], "3": str(c)})
        for a, b, c in rows
    ]
    result = surveys.tally(QUESTIONS, answers)
    assert sum(n for _, n in result[0]["options"]) == len(rows)
    assert sum(n for _, n in result[1]["options"]) == sum(len(b) for _, b, _ in rows)
    if rows:
        assert result[2]["satisfied_share"] == sum(c >= 4 for *_, c in rows) / len(rows)


def test_bad_answers_are_refused_per_question():
    with pytest.raises(surveys.InvalidSurvey) as caught:
        surveys.check_answers(QUESTIONS, {"1": "7", "2": ["0", "9"], "3": "6"})
    assert set(caught.value.errors) == {"1", "2", "3"}
    with pytest.raises(surveys.InvalidSurvey) as caught:
        surveys.check_answers(QUESTIONS, {})
    assert set(caught.value.errors) == {"1", "3"}


@pytest.fixture
def survey(world, commune_officer):
    made = services.create_survey(
        world.commune, actor=commune_officer, title="Khảo sát 2026", year=2026, questions=LINES
    )
    return services.open_survey(made, actor=commune_officer)


def ids(survey):
    return [str(q.pk) for q in survey.questions.all()]


@pytest.mark.django_db
def test_a_resident_answers_once_and_paper_forms_once(survey, resident, commune_officer):
    one, many, scale, text = ids(survey)
    answers = {one: "0", many: ["1", "3"], scale: "5", text: "Nên mở cửa sáng thứ Bảy"}
    services.answer_survey(survey, actor=resident, answers=answers)
    with pytest.raises(DomainError, match="đã trả lời"):
        services.answer_survey(survey, actor=resident, answers=answers)
    services.enter_paper_answers(
        survey, actor=commune_officer, paper_number="P-001", answers={one: "1", scale: "2"}
    )
    with pytest.raises(DomainError, match="P-001"):
        services.enter_paper_answers(
            survey, actor=commune_officer, paper_number="P-001", answers={one: "1", scale: "2"}
        )
    with pytest.raises(ValidationError):
        services.enter_paper_answers(
            survey, actor=commune_officer, paper_number="P-002", answers={one: "1"}
        )
    assert SurveyResponse.objects.count() == 2


@pytest.mark.django_db
def test_only_residents_of_the_place_answer_and_only_officers_build(
    survey, world, officer_of_other_commune, resident, province_officer
):
    with pytest.raises(PermissionDeniedError):
        services.answer_survey(survey, actor=officer_of_other_commune, answers={})
    with pytest.raises(PermissionDeniedError):
        services.create_survey(world.commune, actor=resident, title="X", year=2026, questions=LINES)
    province_wide = services.create_survey(
        world.province,
        actor=province_officer,
        title="Khảo sát của tỉnh",
        year=2026,
        questions=LINES,
    )
    services.open_survey(province_wide, actor=province_officer)
    assert resident.has_perm("feedback.answer_survey", province_wide)


@pytest.mark.django_db
def test_survey_pages(survey, resident, commune_officer):
    page = Client()
    page.force_login(resident)
    one, many, scale, text = ids(survey)
    url = reverse("feedback:survey_answer", args=[survey.pk])
    assert "Bạn biết thông tin" in page.get(url).content.decode()
    done = page.post(url, {one: "0", many: ["0", "2"], scale: "4"}).content.decode()
    assert "Cảm ơn" in done
    again = page.post(url, {one: "0", scale: "4"}).content.decode()
    assert "đã trả lời" in again
    officer = login_verified(Client(), commune_officer)
    detail = officer.get(reverse("feedback:survey", args=[survey.pk])).content.decode()
    assert "100 %" in detail and "Bảng tin: 0" in detail and "Loa: 1" in detail
    assert Client().get(url).status_code == 302  # sign in first


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_answers_by_one_person_store_one():
    from dancoso.core.testing import build_world, grant, make_user

    world = build_world()
    officer, person = make_user("canbo_ks"), make_user("dan_ks")
    grant(officer, "commune_officer", world.commune)
    grant(person, "resident", world.village)
    made = services.create_survey(
        world.commune, actor=officer, title="KS", year=2026, questions="thang | Điểm"
    )
    made = services.open_survey(made, actor=officer)
    key = str(made.questions.get().pk)
    barrier, outcomes = threading.Barrier(20), []

    def run():
        try:
            barrier.wait()
            services.answer_survey(made, actor=person, answers={key: "5"})
            outcomes.append("stored")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("stored") == 1 and outcomes.count("already_answered") == 19


def test_odd_digits_are_refused_not_crashed():
    with pytest.raises(surveys.InvalidSurvey):
        surveys.check_answers(QUESTIONS, {"1": "²", "2": ["²"], "3": "²"})
