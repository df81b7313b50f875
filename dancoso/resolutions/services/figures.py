"""Hand-reported figures of targets that no indicator computes (Law 10/2022 Art. 86(1): the
committee reports results; the unit that holds the data reports it, with evidence)."""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dancoso.core.errors import DomainError

from .. import law, queries, snapshots
from ..files import checked_evidence
from ..models import ManualFigure, Reporter, Target
from .common import audit, clean, refuse, require

NOT_MANUAL = (
    "Mục tiêu {code} được tính tự động từ chỉ số “{indicator}”; không nhập số liệu thủ công."
)
WRONG_UNIT = "Mục tiêu {code} do {wanted} báo cáo; hãy chọn đúng loại đơn vị."
OUTSIDE_SCOPE = "Đơn vị “{unit}” không thuộc phạm vi của nghị quyết {number}."
UNIT_FIELD = {
    Reporter.VILLAGE: "village",
    Reporter.AGENCY: "agency",
    Reporter.COMMUNE: "commune",
}


def _unit_fields(target: Target, unit) -> dict:
    level = target.manual_reporter
    wanted_kind = {
        "village": "Village",
        "agency": "Agency",
        "commune": "Commune",
        "province": "Province",
    }[level]
    if type(unit).__name__ != wanted_kind:
        wanted = Reporter(level).label.lower()
        raise DomainError("unit", WRONG_UNIT.format(code=target.code, wanted=wanted))
    resolution = target.resolution
    if not queries.unit_in_scope(resolution, unit):
        raise DomainError("scope", OUTSIDE_SCOPE, unit=unit, number=resolution.number)
    fields = {"unit_level": level}
    if level in UNIT_FIELD:
        fields[UNIT_FIELD[level]] = unit
    if level == Reporter.VILLAGE or level == Reporter.AGENCY and unit.commune_id:
        fields["commune_id"] = unit.commune_id
    return fields


def _store_evidence(figure, evidence) -> None:
    """``evidence`` is ``(name, bytes)``: checked by magic bytes, re-encoded if a photo,
    stored under a server-made name (SECURITY.md test 20)."""
    if not evidence:
        return
    checked = checked_evidence(evidence)
    figure.evidence.save(checked.stored_name, ContentFile(checked.content), save=False)
    figure.evidence_name = checked.display_name


@transaction.atomic
def report_figure(
    actor,
    target: Target,
    *,
    unit,
    period_start: date,
    period_end: date,
    numerator: int,
    denominator: int,
    evidence: tuple[str, bytes] | None = None,
    note: str = "",
) -> ManualFigure:
    """Report a unit's figure for a hand-reported target: refused outside 0–100% (a numerator
    above its denominator) and for a period outside the resolution's validity."""
    require(actor, "report_figure", unit)
    target = Target.objects.select_related("resolution").get(pk=target.pk)
    resolution = target.resolution
    if not target.is_manual:
        raise DomainError(
            "not_manual", NOT_MANUAL.format(code=target.code, indicator=target.indicator)
        )
    refuse("figure", law.figure_problem(numerator, denominator))
    refuse(
        "period",
        law.period_problem(
            period_start, period_end, resolution.effective_from, resolution.effective_until
        ),
    )
    figure = ManualFigure(
        target=target,
        **_unit_fields(target, unit),
        period_start=period_start,
        period_end=period_end,
        numerator=numerator,
        denominator=denominator,
        note=note,
        reported_by=actor if getattr(actor, "pk", None) else None,
    )
    _store_evidence(figure, evidence)
    clean(figure, exclude=["evidence"])
    figure.save()
    snapshots.refresh_later(resolution.pk, period_end.year)
    audit(
        "report_figure",
        figure,
        actor=actor,
        resolution=resolution,
        summary={
            "id": figure.pk,
            "target": target.code,
            "unit_level": figure.unit_level,
            "evidence": bool(figure.evidence),
        },
    )
    return figure


@transaction.atomic
def audit_figure(actor, figure: ManualFigure) -> ManualFigure:
    """An officer of the resolution's place confirms that the evidence supports the figure."""
    require(actor, "audit_figure", figure)
    figure = (
        ManualFigure.objects.select_for_update()
        .select_related("target__resolution")
        .get(pk=figure.pk)
    )
    figure.audited_by = actor
    figure.audited_at = timezone.now()
    figure.save(update_fields=["audited_by", "audited_at", "updated_at"])
    audit(
        "audit_figure",
        figure,
        actor=actor,
        resolution=figure.target.resolution,
        summary={"id": figure.pk},
    )
    return figure
