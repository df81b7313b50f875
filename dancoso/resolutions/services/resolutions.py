"""Entering a resolution: import from a file, or by hand; changing a target's terms with
history (Law 10/2022 Art. 85(2), 86(1))."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from dancoso.core import indicators
from dancoso.core.errors import DomainError

from .. import importing, law, queries, snapshots
from ..models import Level, MeasureGroup, MeasureItem, Resolution, Target, TargetRevision
from .common import audit, clean, refuse, require

DUPLICATE = (
    "Nghị quyết số {number} của {place} đã có trên nền tảng; "
    "hãy sửa nghị quyết đó thay vì nhập lại."
)
UNKNOWN_INDICATOR = "Chỉ số “{code}” chưa được đăng ký; hãy chọn một chỉ số có sẵn."
ONE_SOURCE = "Mỗi mục tiêu chọn đúng một nguồn số liệu: một chỉ số, hoặc số liệu báo cáo thủ công."
CHANGE_BEFORE = (
    "Kế hoạch đã bắt đầu: thay đổi mục tiêu phải ghi ngày áp dụng sau {since} (ngày các điều "
    "khoản hiện hành bắt đầu áp dụng)."
)
TERM_FIELDS = ("text", "source", "threshold", "amber_from", "due", "indicator", "manual_reporter")


def _check_terms(resolution: Resolution, terms: dict) -> None:
    """The law and registry checks every target's terms pass, from a file or a form."""
    refuse(
        "threshold", " ".join(law.threshold_problems(terms["threshold"], terms.get("amber_from")))
    )
    refuse(
        "due",
        law.due_problem(terms.get("due"), resolution.effective_from, resolution.effective_until),
    )
    if bool(terms.get("indicator")) == bool(terms.get("manual_reporter")):
        raise DomainError("source", ONE_SOURCE)
    if terms.get("indicator"):
        try:
            indicators.get(terms["indicator"])
        except indicators.UnknownIndicator:
            raise DomainError(
                "indicator", UNKNOWN_INDICATOR.format(code=terms["indicator"])
            ) from None


def _check_resolution(resolution: Resolution) -> None:
    refuse(
        "validity",
        " ".join(
            law.validity_problems(
                resolution.issued_on, resolution.effective_from, resolution.effective_until
            )
        ),
    )
    clash = Resolution.objects.filter(
        province=resolution.province, commune=resolution.commune, number=resolution.number
    ).exclude(pk=resolution.pk)
    if clash.exists():
        raise DomainError("duplicate", DUPLICATE, number=resolution.number, place=resolution.scope)


def _scope_fields(place) -> dict:
    level = Level.COMMUNE if type(place).__name__ == "Commune" else Level.PROVINCE
    return {"commune": place} if level == Level.COMMUNE else {"province": place}


@transaction.atomic
def create_resolution(actor, place, **fields) -> Resolution:
    """Enter a resolution by hand for ``place`` (a province or a commune); its managers only."""
    require(actor, "manage_resolution", place)
    resolution = Resolution(**_scope_fields(place), **fields)
    _check_resolution(resolution)
    clean(resolution)
    resolution.save()
    audit(
        "create_resolution",
        resolution,
        actor=actor,
        resolution=resolution,
        summary={"id": resolution.pk, "number": resolution.number},
    )
    return resolution


@transaction.atomic
def update_resolution(actor, resolution: Resolution, **fields) -> Resolution:
    """Correct a resolution's own fields (number, dates, council …); targets keep their terms."""
    require(actor, "manage_resolution", resolution)
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    changed = sorted(k for k, v in fields.items() if getattr(resolution, k) != v)
    for key, value in fields.items():
        setattr(resolution, key, value)
    _check_resolution(resolution)
    for target in resolution.targets.exclude(due=None):
        refuse(
            "due",
            law.due_problem(target.due, resolution.effective_from, resolution.effective_until),
        )
    clean(resolution)
    resolution.save()
    audit(
        "update_resolution",
        resolution,
        actor=actor,
        resolution=resolution,
        summary={"id": resolution.pk, "changed": changed},
    )
    return resolution


def _new_target(resolution: Resolution, position: int, **terms) -> Target:
    _check_terms(resolution, terms)
    target = Target(
        resolution=resolution, position=position, terms_since=resolution.effective_from, **terms
    )
    clean(target, exclude=["resolution"])
    return target


@transaction.atomic
def add_target(actor, resolution: Resolution, *, code: str, **terms) -> Target:
    """Add a target to a resolution by hand."""
    require(actor, "manage_resolution", resolution)
    if resolution.targets.filter(code=code).exists():
        raise DomainError("code", importing.DUPLICATE_CODE.format(code=code, first="—"))
    position = resolution.targets.count() + 1
    target = _new_target(resolution, position, code=code, **terms)
    target.save()
    audit(
        "add_target",
        target,
        actor=actor,
        resolution=resolution,
        summary={"id": target.pk, "code": code},
    )
    return target


def terms_of(target: Target) -> dict:
    """A target's current terms as JSON-safe values (what a revision stores)."""
    out = {}
    for name in TERM_FIELDS:
        value = getattr(target, name)
        out[name] = str(value) if isinstance(value, Decimal | date) else value
    return out


@transaction.atomic
def change_target(actor, target: Target, *, on: date, **terms) -> Target:
    """Change a target's terms from ``on``. Once a plan has started, the terms in force until
    the day before are kept as a ``TargetRevision``, so every date still reads the target it
    had (issue 8: "what the target was on each date"); before that, the terms are corrected
    in place."""
    require(actor, "manage_resolution", target)
    target = Target.objects.select_for_update().select_related("resolution").get(pk=target.pk)
    resolution = target.resolution
    merged = {name: terms.get(name, getattr(target, name)) for name in TERM_FIELDS}
    _check_terms(resolution, merged)
    before = terms_of(target)
    changed = sorted(k for k in TERM_FIELDS if str(merged[k]) != str(getattr(target, k)))
    if not changed:
        return target
    revision = None
    if queries.plan_started(resolution, on):
        if on <= target.terms_since:
            raise DomainError(
                "change_date", CHANGE_BEFORE, since=target.terms_since.strftime("%d/%m/%Y")
            )
        revision = TargetRevision.objects.create(
            target=target,
            valid_from=target.terms_since,
            valid_until=on - timedelta(days=1),
            terms=before,
        )
        target.terms_since = on
    for name, value in merged.items():
        setattr(target, name, value)
    clean(target)
    target.save()
    snapshots.refresh_later(resolution.pk, on.year)
    audit(
        "change_target",
        target,
        actor=actor,
        resolution=resolution,
        summary={
            "id": target.pk,
            "changed": changed,
            "revision": getattr(revision, "pk", None),
            "from": on.isoformat(),
        },
    )
    return target


@transaction.atomic
def add_measure_group(actor, resolution: Resolution, **fields) -> MeasureGroup:
    """Add a measure group (nhóm giải pháp) by hand."""
    require(actor, "manage_resolution", resolution)
    group = MeasureGroup(resolution=resolution, position=resolution.measures.count() + 1, **fields)
    clean(group)
    group.save()
    audit(
        "add_measure_group",
        group,
        actor=actor,
        resolution=resolution,
        summary={"id": group.pk, "code": group.code},
    )
    return group


@transaction.atomic
def add_measure_item(actor, group: MeasureGroup, *, targets=(), **fields) -> MeasureItem:
    """Add an item to a measure group, linked to targets of the same resolution."""
    resolution = group.resolution
    require(actor, "manage_resolution", resolution)
    item = MeasureItem(group=group, position=group.items.count() + 1, **fields)
    clean(item)
    item.save()
    item.targets.set([t for t in targets if t.resolution_id == resolution.pk])
    audit(
        "add_measure_item",
        item,
        actor=actor,
        resolution=resolution,
        summary={"id": item.pk, "code": item.code},
    )
    return item


def _target_terms(entry: dict) -> dict:
    manual = entry.get("manual")
    return {
        "text": entry["text"],
        "source": entry["source"],
        "threshold": Decimal(str(entry["threshold"])),
        "amber_from": Decimal(str(entry["amber_from"]))
        if entry.get("amber_from") is not None
        else None,
        "due": entry.get("due"),
        "indicator": entry.get("indicator", ""),
        "manual_reporter": manual["reported_by"] if manual else "",
    }


@transaction.atomic
def import_resolution(actor, draft: importing.Draft, *, filename: str) -> Resolution:
    """Write a checked file: the resolution, its targets, measure groups and items, all or
    nothing, with one audit event naming the file and the codes it brought."""
    require(actor, "manage_resolution", draft.place)
    fields = dict(draft.fields)
    council = fields.pop("council")
    fields.pop("format"), fields.pop("scope_level")
    resolution = Resolution(
        **_scope_fields(draft.place),
        **fields,
        council_level=council["level"],
        council_name=council["name"],
        council_term=council.get("term", ""),
        council_session=council.get("session", ""),
    )
    _check_resolution(resolution)
    clean(resolution)
    resolution.save()
    targets = [
        _new_target(resolution, i, code=t["code"], **_target_terms(t))
        for i, t in enumerate(draft.targets, 1)
    ]
    Target.objects.bulk_create(targets)
    by_code = {t.code: t for t in resolution.targets.all()}
    for i, entry in enumerate(draft.measures, 1):
        group = MeasureGroup.objects.create(
            resolution=resolution,
            position=i,
            code=entry["code"],
            title=entry["title"],
            source=entry["source"],
        )
        for j, raw in enumerate(entry["items"], 1):
            item = MeasureItem.objects.create(
                group=group, position=j, code=raw["code"], text=raw["text"], source=raw["source"]
            )
            item.targets.set([by_code[c] for c in raw["targets"]])
    audit(
        "import_resolution",
        resolution,
        actor=actor,
        resolution=resolution,
        summary={
            "id": resolution.pk,
            "number": resolution.number,
            "file": filename,
            "targets": sorted(by_code),
            "measure_groups": len(draft.measures),
        },
    )
    return resolution


def import_file(actor, content: bytes, filename: str) -> Resolution:
    """Read, check and write a resolution file; ``importing.ImportRefused`` lists every
    problem with its line when the file is refused (nothing is written then)."""
    codes = [indicator.code for indicator in indicators.registered()]
    draft = importing.read(content, filename, indicator_codes=codes, find_place=queries.find_place)
    return import_resolution(actor, draft, filename=filename)
