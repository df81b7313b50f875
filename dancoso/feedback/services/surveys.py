"""Writes of the annual satisfaction survey: build it (commune or province), open and close
it, take an answer online (a signed-in resident, once) or from a paper form (an officer, once
per form number). The database constraints settle races; each write leaves one audit event
whose summary holds ids only."""

from django.core.exceptions import ValidationError
from django.db import transaction

from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.places.models import Commune, Province

from .. import surveys as checks
from ..survey_models import Question, Survey, SurveyResponse
from .common import save_once

TITLE_REQUIRED = "Hãy đặt tên phiếu khảo sát."
BAD_YEAR = "Năm khảo sát không hợp lệ."
NOT_DRAFT = "Phiếu đã mở hoặc đã kết thúc: không sửa câu hỏi được nữa."
NOT_OPEN = "Phiếu khảo sát không nhận trả lời lúc này."
ALREADY_ANSWERED = "Bạn đã trả lời phiếu khảo sát này. Cảm ơn bạn!"
PAPER_TAKEN = "Phiếu giấy số {number} đã được nhập."
PAPER_NUMBER = "Hãy ghi số phiếu giấy (in trên phiếu)."


def _require(actor, permission: str, survey: Survey) -> None:
    if not actor.has_perm(f"feedback.{permission}", survey):
        raise PermissionDeniedError()


def _audit(action: str, survey: Survey, actor, summary: dict | None = None) -> None:
    code = survey.commune.code if survey.commune_id else None
    record(f"feedback.{action}", actor=actor, obj=survey, summary=summary or {}, commune_code=code)


def question_dicts(survey: Survey) -> list[dict]:
    """The questions as the pure checks read them."""
    return list(survey.questions.values("id", "kind", "text", "options", "required"))


@transaction.atomic
def create_survey(
    place: Commune | Province, *, actor, title: str, year: int, questions: str, intro: str = ""
) -> Survey:
    """Tạo phiếu khảo sát: a commune officer (for the commune) or a province officer (for the
    province) builds a survey from typed lines (``surveys.parse_questions``)."""
    commune = place if isinstance(place, Commune) else None
    province_id = place.province_id if commune else place.pk
    survey = Survey(
        commune=commune,
        province_id=province_id,
        title=" ".join((title or "").split())[:200],
        year=year,
        intro=str(intro or "")[:3000],
    )
    _require(actor, "manage_surveys", survey)
    if not survey.title:
        raise ValidationError({"title": TITLE_REQUIRED})
    if not 2020 <= int(year or 0) <= 2100:
        raise ValidationError({"year": BAD_YEAR})
    try:
        specs = checks.parse_questions(questions)
    except checks.InvalidSurvey as exc:
        raise ValidationError(exc.errors) from exc
    survey.full_clean(exclude=["commune", "province"])
    survey.save()
    Question.objects.bulk_create(
        [
            Question(
                survey=survey,
                position=n,
                kind=spec.kind,
                text=spec.text,
                options=spec.options,
                required=spec.kind in ("single", "scale"),
            )
            for n, spec in enumerate(specs, start=1)
        ]
    )
    _audit("create_survey", survey, actor, {"questions": len(specs)})
    return survey


def _set_status(survey: Survey, actor, status: str, allowed_from: str, action: str) -> Survey:
    survey = (
        Survey.objects.select_for_update(of=("self",)).select_related("commune").get(pk=survey.pk)
    )
    _require(actor, "manage_surveys", survey)
    if survey.status != allowed_from:
        raise DomainError("survey_status", NOT_DRAFT if allowed_from == "draft" else NOT_OPEN)
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    _audit(action, survey, actor)
    return survey


@transaction.atomic
def open_survey(survey: Survey, *, actor) -> Survey:
    """Mở khảo sát: residents may answer from now on."""
    return _set_status(survey, actor, Survey.Status.OPEN, Survey.Status.DRAFT, "open_survey")


@transaction.atomic
def close_survey(survey: Survey, *, actor) -> Survey:
    """Kết thúc khảo sát: no more answers; the results stay."""
    return _set_status(survey, actor, Survey.Status.CLOSED, Survey.Status.OPEN, "close_survey")


def _checked(survey: Survey, answers: dict) -> dict:
    if survey.status != Survey.Status.OPEN:
        raise DomainError("survey_not_open", NOT_OPEN)
    try:
        return checks.check_answers(question_dicts(survey), answers)
    except checks.InvalidSurvey as exc:
        raise ValidationError(exc.errors) from exc


@transaction.atomic
def answer_survey(survey: Survey, *, actor, answers: dict) -> SurveyResponse:
    """Trả lời khảo sát trực tuyến: a signed-in resident of the place answers once."""
    _require(actor, "answer_survey", survey)
    clean = _checked(survey, answers)
    response = SurveyResponse(
        survey=survey, channel=SurveyResponse.Channel.ONLINE, respondent=actor, answers=clean
    )
    save_once(response, "already_answered", ALREADY_ANSWERED)
    _audit("answer_survey", survey, actor, {"response": response.pk})
    return response


@transaction.atomic
def enter_paper_answers(
    survey: Survey, *, actor, paper_number: str, answers: dict
) -> SurveyResponse:
    """Nhập phiếu giấy: an officer types in one paper form, once per form number."""
    _require(actor, "manage_surveys", survey)
    number = " ".join(str(paper_number or "").split())[:30]
    if not number:
        raise ValidationError({"paper_number": PAPER_NUMBER})
    clean = _checked(survey, answers)
    response = SurveyResponse(
        survey=survey, channel=SurveyResponse.Channel.PAPER, paper_number=number, answers=clean
    )
    save_once(response, "paper_taken", PAPER_TAKEN, number=number)
    _audit("enter_paper_answers", survey, actor, {"response": response.pk})
    return response
