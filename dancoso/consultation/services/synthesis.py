"""The synthesis (tổng hợp, tiếp thu, giải trình — Art. 28(3), Art. 55): opinions gathered in
groups, each group answered — accepted, partly accepted, or not accepted with the reason."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import law
from ..models import Consultation, Opinion, OpinionGroup
from .common import audit, locked, require, require_state

NO_OPINIONS = "Chọn ít nhất một ý kiến để trả lời."
OPINION_OF_OTHER = "Ý kiến #{number} không thuộc đợt lấy ý kiến này."
OPINION_HIDDEN = "Ý kiến #{number} đã bị ẩn — không cần trả lời."
TITLE_REQUIRED = "Hãy đặt tên cho nhóm ý kiến (ví dụ: “Về vị trí bãi tập kết rác”)."


def _opinions(consultation: Consultation, numbers: list[int]) -> list[Opinion]:
    if not numbers:
        raise ValidationError({"opinions": NO_OPINIONS})
    rows = {
        o.number: o
        for o in Opinion.objects.select_for_update().filter(
            consultation=consultation, number__in=numbers
        )
    }
    for number in numbers:
        if number not in rows:
            raise ValidationError({"opinions": OPINION_OF_OTHER.format(number=number)})
        if rows[number].is_hidden:
            raise ValidationError({"opinions": OPINION_HIDDEN.format(number=number)})
    return list(rows.values())


@transaction.atomic
def answer_opinions(
    consultation: Consultation, *, actor, numbers: list[int], title: str, verdict: str, answer: str
) -> OpinionGroup:
    """Trả lời một nhóm ý kiến: the chosen opinions (by number) join a new group with its
    verdict and answer; an opinion already answered moves to the new group. Organisers only,
    after the consultation closed."""
    require(actor, "answer_opinion", consultation)
    consultation = locked(consultation)
    require_state(consultation, "answer")
    try:
        verdict = law.check_answer(verdict, answer)
    except (law.Refused, ValueError) as exc:
        raise ValidationError(
            {"answer": getattr(exc, "message", law.EXPLANATION_REQUIRED)}
        ) from exc
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": TITLE_REQUIRED})
    opinions = _opinions(consultation, sorted(set(numbers)))
    group = OpinionGroup(
        consultation=consultation,
        title=title[:250],
        verdict=verdict.value,
        answer=answer.strip(),
        answered_by=actor,
    )
    group.full_clean()
    group.save()
    Opinion.objects.filter(pk__in=[o.pk for o in opinions]).update(group=group)
    OpinionGroup.objects.filter(consultation=consultation, opinions__isnull=True).exclude(
        pk=group.pk
    ).delete()
    audit(
        "answer_opinions",
        consultation,
        actor=actor,
        obj=group,
        summary={"verdict": verdict.value, "opinions": sorted(o.number for o in opinions)},
    )
    return group
