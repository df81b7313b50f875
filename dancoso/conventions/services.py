"""Every write to village conventions (Decree 61/2023/NĐ-CP).

The flow: ``create_convention`` (drafting team, Art. 8) → ``start_consultation`` (the draft
posted ≥ 30 days and consulted among the village's households, Art. 9 — a consultation of the
``consultation`` app) → ``open_vote`` once its synthesis is published → ``record_adoption``
(Art. 10; the hook the ``decisions`` capability calls with the household vote's figures) →
``submit_dossier`` (≤ 5 working days, Art. 11(2)) → ``recognise_convention`` or
``refuse_recognition`` (UBND xã, ≤ 5 working days, Art. 11(4)); the recognised text is
published with its yearly review date (18 November, Art. 15). Each service checks its
permission, the law, writes in one transaction and records one audit event.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from dancoso.audit.services import record
from dancoso.consultation import services as consultation_services
from dancoso.consultation.lifecycle import State as ConsultationState
from dancoso.consultation.models import Consultation
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.places.models import Village

from . import law
from .models import Convention

WRONG_STATE = "Hương ước, quy ước đang ở bước “{state}” — không thể {action}."
TITLE_REQUIRED = "Hãy nhập tên hương ước, quy ước."
TEAM_REQUIRED = "Hãy ghi ít nhất một thành viên Tổ soạn thảo (Điều 8 Nghị định 61/2023/NĐ-CP)."
NOT_PUBLISHED = (
    "Kết quả lấy ý kiến các hộ chưa được công khai — hoàn thành tổng hợp, tiếp thu, giải trình "
    "trước khi đưa ra biểu quyết."
)
REASON_REQUIRED = "Hãy ghi rõ lý do không công nhận (Điều 11 khoản 4 Nghị định 61/2023/NĐ-CP)."
NUMBER_REQUIRED = "Hãy ghi số quyết định công nhận của UBND xã."
BEFORE_VOTE = "Ngày {what} không được trước ngày biểu quyết ({voted})."


def _require(actor, permission: str, obj) -> None:
    if not actor.has_perm(f"conventions.{permission}", obj):
        raise PermissionDeniedError()


def _state(convention: Convention, allowed: set[str], action: str) -> None:
    if convention.state not in allowed:
        raise DomainError(
            "wrong_state", WRONG_STATE.format(state=convention.get_state_display(), action=action)
        )


def _audit(action: str, convention: Convention, *, actor, summary: dict) -> None:
    record(
        f"conventions.{action}",
        actor=actor,
        obj=convention,
        summary=summary,
        commune_code=convention.village.commune.code,
    )


def _locked(convention: Convention) -> Convention:
    return (
        Convention.objects.select_for_update(of=("self",))
        .select_related("village__commune", "consultation")
        .get(pk=convention.pk)
    )


@transaction.atomic
def create_convention(
    village: Village, *, actor, kind: str, title: str, drafting_team: list[str]
) -> Convention:
    """Thành lập Tổ soạn thảo and open a draft convention for a village (Art. 7–8). Who may:
    the village head or Front work committee head, or the commune's officers and leaders."""
    _require(actor, "manage_convention", village)
    team = [name.strip()[:150] for name in drafting_team if name and name.strip()]
    if not team:
        raise ValidationError({"drafting_team": TEAM_REQUIRED})
    if not (title or "").strip():
        raise ValidationError({"title": TITLE_REQUIRED})
    convention = Convention(
        village=village, kind=kind, title=title.strip(), drafting_team=team, created_by=actor
    )
    convention.full_clean()
    convention.save()
    _audit(
        "create_convention",
        convention,
        actor=actor,
        summary={"village": village.pk, "team": len(team)},
    )
    return convention


@transaction.atomic
def start_consultation(
    convention: Convention,
    *,
    actor,
    summary: str,
    sections: list[tuple[str, str]],
    opens_on: date,
    closes_on: date,
) -> Consultation:
    """Niêm yết và lấy ý kiến các hộ (Art. 9): a consultation of the village's households, at
    least 30 days. The actor must also be allowed to open consultations (a commune officer)."""
    _require(actor, "manage_convention", convention)
    convention = _locked(convention)
    _state(convention, {Convention.State.DRAFTING}, "lấy ý kiến")
    try:
        law.check_posting(opens_on, closes_on)
    except ValueError as exc:
        raise ValidationError({"closes_on": str(exc)}) from exc
    village = convention.village
    consultation = consultation_services.create_consultation(
        village.commune,
        actor=actor,
        villages=[village],
        title=f"Dự thảo {convention.title}",
        summary=summary,
        subject="khac",
        audience=Consultation.Audience.HOUSEHOLDS,
        plan_required=False,  # Decree 61 Art. 9 governs the posting, not Law Art. 28(1)
        forms=["hop", "phieu_ho", "hom_thu", "cong_thong_tin"],
        opens_on=opens_on,
        closes_on=closes_on,
    )
    consultation_services.set_sections(consultation, actor=actor, sections=sections)
    consultation = consultation_services.advance(consultation, "open", actor=actor, today=opens_on)
    convention.consultation = consultation
    convention.state = Convention.State.CONSULTING
    convention.save()
    _audit("start_consultation", convention, actor=actor, summary={"consultation": consultation.pk})
    return consultation


@transaction.atomic
def open_vote(convention: Convention, *, actor) -> Convention:
    """The revised draft goes to the households' decision once the consultation's synthesis is
    published (Art. 9(3) then Art. 10)."""
    _require(actor, "manage_convention", convention)
    convention = _locked(convention)
    _state(convention, {Convention.State.CONSULTING}, "đưa ra biểu quyết")
    if convention.consultation.state != ConsultationState.PUBLISHED:
        raise DomainError("not_published", NOT_PUBLISHED)
    convention.state = Convention.State.VOTING
    convention.save()
    _audit("open_vote", convention, actor=actor, summary={})
    return convention


@transaction.atomic
def record_adoption(
    convention: Convention,
    *,
    actor,
    method: str,
    voted_on: date,
    total_households: int,
    attending: int,
    agreeing: int,
    meeting_attending: int | None = None,
    decision_ref: str = "",
) -> Convention:
    """Ghi kết quả biểu quyết của các hộ (Art. 10) with its figures: adopted when more than
    50 % of ALL households agree. The ``decisions`` capability calls this with the result of
    its household vote (``decision_ref`` names that decision); an officer may also record the
    minutes of a meeting held on paper."""
    _require(actor, "manage_convention", convention)
    convention = _locked(convention)
    _state(convention, {Convention.State.VOTING}, "ghi kết quả biểu quyết")
    try:
        result = law.adoption(
            method=method,
            total=total_households,
            attending=attending,
            agreeing=agreeing,
            meeting_attending=meeting_attending,
        )
    except ValueError as exc:
        raise ValidationError({"agreeing": str(exc)}) from exc
    _store_vote(
        convention,
        method,
        voted_on,
        (total_households, attending, agreeing),
        meeting_attending,
        decision_ref,
        result.adopted,
    )
    convention.full_clean()
    convention.save()
    _audit(
        "record_adoption",
        convention,
        actor=actor,
        summary={
            "adopted": result.adopted,
            "method": method,
            "total": total_households,
            "attending": attending,
            "agreeing": agreeing,
        },
    )
    return convention


def _store_vote(convention, method, voted_on, figures, meeting_attending, decision_ref, adopted):
    convention.vote_method = method
    convention.voted_on = voted_on
    convention.total_households, convention.attending, convention.agreeing = figures
    convention.meeting_attending = meeting_attending
    convention.decision_ref = (decision_ref or "")[:100]
    convention.state = Convention.State.ADOPTED if adopted else Convention.State.NOT_ADOPTED
    convention.dossier_due_on = law.dossier_due(voted_on) if adopted else None


@transaction.atomic
def submit_dossier(convention: Convention, *, actor, submitted_on: date) -> Convention:
    """Gửi hồ sơ đề nghị công nhận to UBND xã (Art. 11(2)); the recognition deadline runs from
    the complete dossier (Art. 11(4))."""
    _require(actor, "manage_convention", convention)
    convention = _locked(convention)
    _state(convention, {Convention.State.ADOPTED}, "gửi hồ sơ")
    if submitted_on < convention.voted_on:
        raise ValidationError(
            {
                "submitted_on": BEFORE_VOTE.format(
                    what="gửi hồ sơ", voted=f"{convention.voted_on:%d/%m/%Y}"
                )
            }
        )
    convention.submitted_on = submitted_on
    convention.recognition_due_on = law.recognition_due(submitted_on)
    convention.state = Convention.State.SUBMITTED
    convention.save()
    _audit(
        "submit_dossier",
        convention,
        actor=actor,
        summary={"late": submitted_on > convention.dossier_due_on},
    )
    return convention


def _final_text(convention: Convention) -> str:
    sections = (
        convention.consultation.sections.order_by("position") if convention.consultation_id else []
    )
    return "\n\n".join(
        f"{s.heading}\n{s.revised_body if s.is_revised else s.body}" for s in sections
    )


@transaction.atomic
def recognise_convention(
    convention: Convention, *, actor, decided_on: date, number: str
) -> Convention:
    """Công nhận (Art. 11(4)): in force from the decision; the text returned to the village
    within 2 working days (Art. 18(1)); reviewed every 18 November (Art. 15(2)). UBND xã only."""
    _require(actor, "recognise_convention", convention)
    convention = _locked(convention)
    _state(convention, {Convention.State.SUBMITTED}, "công nhận")
    if not (number or "").strip():
        raise ValidationError({"number": NUMBER_REQUIRED})
    if decided_on < convention.submitted_on:
        raise ValidationError(
            {
                "decided_on": BEFORE_VOTE.format(
                    what="công nhận", voted=f"{convention.submitted_on:%d/%m/%Y}"
                )
            }
        )
    convention.recognised_on = decided_on
    convention.recognition_number = number.strip()[:60]
    convention.return_due_on = law.return_due(decided_on)
    convention.review_on = law.next_review(decided_on)
    convention.text = _final_text(convention)
    convention.state = Convention.State.RECOGNISED
    convention.save()
    _audit(
        "recognise_convention",
        convention,
        actor=actor,
        summary={"late": decided_on > convention.recognition_due_on},
    )
    return convention


@transaction.atomic
def refuse_recognition(convention: Convention, *, actor, reason: str) -> Convention:
    """Không công nhận, in writing with the reasons (Art. 11(4)). UBND xã only."""
    _require(actor, "recognise_convention", convention)
    convention = _locked(convention)
    _state(convention, {Convention.State.SUBMITTED}, "từ chối công nhận")
    if len((reason or "").strip()) < 10:
        raise ValidationError({"reason": REASON_REQUIRED})
    convention.refusal_reason = reason.strip()
    convention.state = Convention.State.REFUSED
    convention.save()
    _audit("refuse_recognition", convention, actor=actor, summary={})
    return convention
