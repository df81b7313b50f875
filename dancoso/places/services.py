"""Writes to the administrative map: loading the official map, villages and agencies."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError

from .models import Agency, Commune, Province, Village
from .official import official_communes, official_provinces

VILLAGE_NAME_TAKEN = "Xã đã có thôn/tổ dân phố tên “{name}”. Hãy chọn tên khác."
AGENCY_NAME_TAKEN = "Đã có cơ quan, đơn vị tên “{name}” ở cùng cấp. Hãy chọn tên khác."
AGENCY_WRONG_PROVINCE = "Xã được chọn không thuộc tỉnh của cơ quan, đơn vị."


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def load_places(*, actor) -> dict[str, LoadResult]:
    """Import or refresh the 34 provinces and 3,321 communes with their official codes.

    Idempotent: rows are matched by official code and written only when they differ, so a
    second run changes nothing and writes no audit event."""
    provinces = _sync(Province, official_provinces(), ("name", "kind", "codename", "former_names"))
    by_code = dict(Province.objects.values_list("code", "id"))
    communes = _sync(
        Commune,
        [_with_province_id(row, by_code) for row in official_communes()],
        ("name", "kind", "codename", "province_id"),
    )
    result = {"provinces": provinces, "communes": communes}
    if provinces.created or provinces.updated or communes.created or communes.updated:
        record(
            "places.load_places",
            actor=actor,
            obj=("places.map", "vn"),
            summary={name: vars(r) for name, r in result.items()},
        )
    return result


def _with_province_id(row: dict, province_ids: dict[int, int]) -> dict:
    row = dict(row)
    row["province_id"] = province_ids[row.pop("province_code")]
    return row


def _sync(model, rows: list[dict], fields: tuple[str, ...]) -> LoadResult:
    existing = {obj.code: obj for obj in model.objects.all()}
    to_create, to_update = [], []
    for row in rows:
        current = existing.get(row["code"])
        if current is None:
            to_create.append(model(**row))
        elif any(getattr(current, f) != row[f] for f in fields):
            for f in fields:
                setattr(current, f, row[f])
            to_update.append(current)
    model.objects.bulk_create(to_create, batch_size=1000)
    model.objects.bulk_update(to_update, fields, batch_size=1000)
    return LoadResult(len(to_create), len(to_update), len(rows) - len(to_create) - len(to_update))


@transaction.atomic
def create_village(commune: Commune, *, actor, name: str, kind: str) -> Village:
    """Thêm thôn, tổ dân phố: a commune officer adds a village to their commune."""
    if not actor.has_perm("places.add_village", commune):
        raise PermissionDeniedError()
    village = Village(commune=commune, name=" ".join(name.split()), kind=kind)
    village.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            village.save()
    except IntegrityError as exc:
        raise DomainError("village_name_taken", VILLAGE_NAME_TAKEN, name=village.name) from exc
    record(
        "places.create_village",
        actor=actor,
        obj=village,
        commune_code=commune.code,
        summary={"name": village.name, "kind": village.kind},
    )
    return village


@transaction.atomic
def rename_village(village: Village, *, actor, name: str) -> Village:
    """Đổi tên thôn: the old name is kept in ``former_names`` (documents cite it)."""
    if not actor.has_perm("places.change_village", village):
        raise PermissionDeniedError()
    village = Village.objects.select_for_update().get(pk=village.pk)
    old, new = village.name, " ".join(name.split())
    if old == new:
        return village
    village.name, village.former_names = new, [*village.former_names, old]
    village.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            village.save(update_fields=["name", "former_names", "updated_at"])
    except IntegrityError as exc:
        raise DomainError("village_name_taken", VILLAGE_NAME_TAKEN, name=new) from exc
    record(
        "places.rename_village",
        actor=actor,
        obj=village,
        commune_code=village.commune.code,
        summary={"from": old, "to": new},
    )
    return village


@transaction.atomic
def create_agency(
    *,
    actor,
    province: Province,
    commune: Commune | None,
    name: str,
    kind: str,
    staff_count: int = 0,
) -> Agency:
    """Thêm cơ quan, đơn vị: attached to a commune, or to the province when none is given."""
    place = commune or province
    if not actor.has_perm("places.add_agency", place):
        raise PermissionDeniedError()
    if commune is not None and commune.province_id != province.pk:
        raise DomainError("agency_wrong_province", AGENCY_WRONG_PROVINCE)
    agency = Agency(
        province=province,
        commune=commune,
        name=" ".join(name.split()),
        kind=kind,
        staff_count=staff_count,
    )
    agency.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError as exc:
        raise DomainError("agency_name_taken", AGENCY_NAME_TAKEN, name=agency.name) from exc
    record(
        "places.create_agency",
        actor=actor,
        obj=agency,
        commune_code=commune.code if commune else None,
        summary={"name": agency.name, "kind": kind, "staff_count": staff_count},
    )
    return agency
