"""Suspension and repeal of a recognised convention (đình chỉ thi hành, bãi bỏ — Decree
61/2023/NĐ-CP Art. 12 and 14), in part or whole, by UBND xã.

A suspension answers a written complaint or a review finding within 3 working days, states its
reasons and a deadline to redo or amend the text; a repeal follows within 5 working days. Each
decision is kept as a ``ConventionMeasure`` (the convention's history, shown on its public
page); a decision on the whole text moves the convention to "suspended" or "repealed", one on
some parts leaves it in force for the rest. A late decision is recorded with its lateness, not
refused: the deadline binds the commune, not the community.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from . import law
from .models import ComplaintAnswer, Convention, ConventionMeasure
from .services import _audit, _locked, _require, _state

REASONS_REQUIRED = "Hãy ghi rõ lý do của quyết định (ít nhất một câu)."
NUMBER_REQUIRED = "Hãy ghi số quyết định của UBND xã (ví dụ: 12/QĐ-UBND)."
ALLOWED_FROM = {
    law.SUSPEND: {Convention.State.RECOGNISED},
    law.REPEAL: {Convention.State.RECOGNISED, Convention.State.SUSPENDED},
}
UNFOUNDED_FROM = {Convention.State.RECOGNISED, Convention.State.SUSPENDED}
ANSWER_NUMBER_REQUIRED = "Hãy ghi số văn bản trả lời của UBND xã (ví dụ: 25/UBND-VP)."
WHOLE_STATE = {law.SUSPEND: Convention.State.SUSPENDED, law.REPEAL: Convention.State.REPEALED}


def _history(convention: Convention) -> tuple[tuple[law.Suspension, ...], tuple[str, ...]]:
    rows = list(convention.measures.all())
    suspensions = tuple(
        law.Suspension(m.extent, tuple(m.parts), m.redo_by)
        for m in rows
        if m.measure == law.SUSPEND
    )
    repealed = tuple(p for m in rows if m.measure == law.REPEAL for p in m.parts)
    return suspensions, repealed


def _decide(convention: Convention, measure: str, *, actor, data: dict) -> ConventionMeasure:
    permission = "suspend_convention" if measure == law.SUSPEND else "repeal_convention"
    _require(actor, permission, convention)
    convention = _locked(convention)
    _state(convention, ALLOWED_FROM[measure], law.MEASURE_LABELS[measure].lower())
    errors = {}
    if len((data["reasons"] or "").strip()) < 10:
        errors["reasons"] = REASONS_REQUIRED
    if not (data["number"] or "").strip():
        errors["number"] = NUMBER_REQUIRED
    suspensions, repealed = _history(convention)
    try:
        ground, parts = law.check_measure(
            measure,
            data["ground"],
            list(data["parts"] or []),
            received_on=data["received_on"],
            decided_on=data["decided_on"],
            redo_by=data.get("redo_by"),
            suspensions=suspensions,
            repealed=repealed,
        )
    except ValueError as exc:
        errors.setdefault("ground", str(exc))
    if errors:
        raise ValidationError(errors)
    row = ConventionMeasure(
        convention=convention,
        measure=measure,
        extent=ground.extent,
        parts=list(parts),
        ground=ground.code,
        reasons=data["reasons"].strip(),
        trigger=data["trigger"],
        received_on=data["received_on"],
        due_on=law.measure_due(measure, data["received_on"]),
        decided_on=data["decided_on"],
        number=data["number"].strip()[:60],
        redo_by=data.get("redo_by") if measure == law.SUSPEND else None,
        decided_by=actor,
    )
    row.full_clean()
    row.save()
    if ground.extent == law.WHOLE:
        convention.state = WHOLE_STATE[measure]
        convention.save()
    _audit(
        f"{permission}",
        convention,
        actor=actor,
        summary={
            "measure": row.pk,
            "extent": ground.extent,
            "ground": ground.code,
            "parts": len(parts),
            "late": row.is_late,
        },
    )
    return row


def _data(ground, reasons, trigger, received_on, decided_on, number, parts) -> dict:
    return {
        "ground": ground,
        "reasons": reasons,
        "trigger": trigger,
        "received_on": received_on,
        "decided_on": decided_on,
        "number": number,
        "parts": list(parts),
    }


@transaction.atomic
def suspend_convention(
    convention: Convention,
    *,
    actor,
    ground: str,
    reasons: str,
    trigger: str,
    received_on: date,
    decided_on: date,
    number: str,
    redo_by: date,
    parts: list[str] = (),
) -> ConventionMeasure:
    """Đình chỉ thi hành (Art. 12): the whole text when its procedure was not followed, or the
    named parts whose content breaks the decree's purposes and principles, with the deadline to
    redo or amend it. UBND xã only."""
    data = _data(ground, reasons, trigger, received_on, decided_on, number, parts)
    return _decide(convention, law.SUSPEND, actor=actor, data=data | {"redo_by": redo_by})


@transaction.atomic
def repeal_convention(
    convention: Convention,
    *,
    actor,
    ground: str,
    reasons: str,
    trigger: str,
    received_on: date,
    decided_on: date,
    number: str,
    parts: list[str] = (),
) -> ConventionMeasure:
    """Bãi bỏ (Art. 14): the whole text (unlawful, a whole suspension not redone in time, the
    adoption rate not met) or the suspended parts not amended in time. UBND xã only."""
    data = _data(ground, reasons, trigger, received_on, decided_on, number, parts)
    return _decide(convention, law.REPEAL, actor=actor, data=data)


@transaction.atomic
def answer_unfounded(
    convention: Convention,
    *,
    actor,
    complainant: str,
    complaint: str,
    reasons: str,
    received_on: date,
    answered_on: date,
    number: str,
) -> ComplaintAnswer:
    """Trả lời kiến nghị không có căn cứ (Art. 12(2)): the other answer UBND xã may give a
    complaint instead of suspending — in writing, with the reasons; the convention does not
    change. UBND xã only (whoever may suspend it), while the convention is in force or
    suspended."""
    _require(actor, "suspend_convention", convention)
    convention = _locked(convention)
    _state(convention, UNFOUNDED_FROM, "trả lời kiến nghị")
    errors = law.check_unfounded(
        complainant=complainant,
        complaint=complaint,
        reasons=reasons,
        received_on=received_on,
        answered_on=answered_on,
    )
    if not (number or "").strip():
        errors["number"] = ANSWER_NUMBER_REQUIRED
    if errors:
        raise ValidationError(errors)
    row = ComplaintAnswer(
        convention=convention,
        complainant=complainant.strip()[:200],
        complaint=complaint.strip(),
        reasons=reasons.strip(),
        received_on=received_on,
        due_on=law.unfounded_due(received_on),
        answered_on=answered_on,
        number=number.strip()[:60],
        answered_by=actor,
    )
    row.full_clean()
    row.save()
    _audit(
        "answer_unfounded",
        convention,
        actor=actor,
        summary={"answer": row.pk, "late": row.is_late},
    )
    return row
