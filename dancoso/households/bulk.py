"""The database side of a register import: the checks that need the database, and the write
of a whole checked file in one transaction with bulk statements (a 10,000-row file in seconds,
never a save per row).

Called only by ``services.import_households``, which checks the permission first.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from dancoso.audit.services import Entry, record_many
from dancoso.places.models import Commune

from .importing import HouseholdPlan, MemberRow, Problem
from .law import fold, shorten
from .models import Household, ImportJob, Member, Residence

CHUNK = 900  # below SQLite's limit on query parameters
MEMBER_FIELDS = ("household_id", "full_name", "date_of_birth", "gender", "national_id", "phone",
                 "relation", "is_head", "is_representative")  # fmt: skip
ID_IN_OTHER_HOUSEHOLD = (
    "số định danh '{value}' đã thuộc một người của hộ khác không có trong tệp{where} — hãy "
    "xóa người đó khỏi hộ cũ trước, hoặc đưa cả hộ cũ vào tệp"
)
CONCURRENT_CHANGE = (
    "Sổ hộ vừa được thay đổi cùng lúc (một số định danh hoặc mã hộ vừa được dùng) — không có "
    "gì được ghi. Hãy tải tệp lên lại."
)


class ConflictError(Exception):
    """Someone changed the register between the checks and the write; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("import conflict")


def chunks(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def database_problems(plans: dict[str, HouseholdPlan], commune: Commune) -> list[Problem]:
    """A national ID in the file that already belongs to a member of a household that is not
    in the file (in this commune or another) — writing it would take the person away from a
    household nobody asked to change."""
    rows = {row.national_id: row for plan in plans.values() for row in plan.members
            if row.national_id}  # fmt: skip
    problems = []
    for batch in chunks(rows):
        taken = Member.objects.filter(national_id__in=batch).values_list(
            "national_id", "household__commune_id", "household__code"
        )
        for national_id, commune_id, code in taken:
            if commune_id == commune.pk and code in plans:
                continue
            where = f" (hộ '{code}')" if commune_id == commune.pk else ""
            row = rows[national_id]
            problems.append(
                Problem(
                    row.line, ID_IN_OTHER_HOUSEHOLD.format(value=shorten(national_id), where=where)
                )
            )
    return problems


@dataclass
class Outcome:
    """What the write did to one household, for its audit event and the job's result."""

    household: Household
    action: str = ""
    summary: dict = field(default_factory=dict)


def write_plans(
    plans: dict[str, HouseholdPlan], *, commune: Commune, actor, job: ImportJob, role: str = ""
) -> dict:
    """Write every planned household in one transaction; return counts for the job page.
    Raises ``ConflictError`` (nothing written) if a unique rule is broken by a concurrent
    change."""
    try:
        with transaction.atomic():
            return _write(plans, commune=commune, actor=actor, job=job, role=role)
    except IntegrityError as exc:
        raise ConflictError([Problem(0, CONCURRENT_CHANGE)]) from exc


def _write(plans, *, commune, actor, job, role) -> dict:
    today, now = timezone.localdate(), timezone.now()
    existing = _existing_households(commune, plans)
    outcomes = {code: Outcome(existing[code]) if code in existing else
                Outcome(Household(commune=commune, village_id=plan.village_id, code=code,
                                  address=plan.address), "create_household")
                for code, plan in plans.items()}  # fmt: skip
    _write_households(plans, outcomes, today=today, now=now)
    _write_members(plans, outcomes, now=now)
    entries = [Entry(f"households.{o.action}", actor, o.household,
                     {"source": "import", "job": job.pk, "code": o.household.code, **o.summary},
                     role) for o in outcomes.values() if o.action]  # fmt: skip
    result = _result(outcomes)
    entries.append(Entry("households.import_households", actor, job, result, role))
    record_many(entries, commune.code)
    return result


def _existing_households(commune: Commune, plans: dict) -> dict[str, Household]:
    found = {}
    for batch in chunks(plans):
        rows = Household.objects.select_for_update().filter(commune=commune, code__in=batch)
        found.update({household.code: household for household in rows})
    return found


def _write_households(plans, outcomes, *, today, now) -> None:
    """Create new households, move those whose village changed (closing the open residence and
    opening a new one), and update changed addresses."""
    new = [o.household for o in outcomes.values() if o.action == "create_household"]
    Household.objects.bulk_create(new, batch_size=500)
    residences = [Residence(household=h, village_id=h.village_id, started_on=today) for h in new]
    moved, changed = [], []
    for code, outcome in outcomes.items():
        household, plan = outcome.household, plans[code]
        if outcome.action == "create_household":
            continue
        if household.village_id != plan.village_id:
            outcome.action = "move_household"
            outcome.summary.update(from_village=household.village_id, to_village=plan.village_id)
            household.village_id = plan.village_id
            moved.append(household)
            residences.append(
                Residence(household=household, village_id=plan.village_id, started_on=today)
            )
        if plan.address != household.address:
            household.address = plan.address
            outcome.action = outcome.action or "update_household"
            outcome.summary["changed"] = ["address"]
        if outcome.action:
            household.updated_at = now
            changed.append(household)
    for batch in chunks(h.pk for h in moved):
        Residence.objects.filter(household_id__in=batch, ended_on__isnull=True).update(
            ended_on=today
        )
    Residence.objects.bulk_create(residences, batch_size=500)
    Household.objects.bulk_update(changed, ["village_id", "address", "updated_at"], batch_size=500)


def _write_members(plans, outcomes, *, now) -> None:
    """Replace each household's members by the file's list, keeping matched members' rows (and
    so their ids and account links): match by national ID anywhere among the file's
    households, then by name and date of birth within the household."""
    households = {code: o.household for code, o in outcomes.items()}
    by_pk = {o.household.pk: o for o in outcomes.values()}
    current = _current_members(o.household.pk for o in outcomes.values()
                               if o.action != "create_household")  # fmt: skip
    matches = _match(plans, current, households)
    added, updated = [], []
    for code, plan in plans.items():
        for row in plan.members:
            member = matches.get(row.line)
            wanted = _member_values(row, households[code].pk)
            if member is None:
                added.append(Member(**wanted))
                _count(outcomes[code], "members_added")
            elif any(getattr(member, name) != value for name, value in wanted.items()):
                updated.append((member, wanted))
                _count(outcomes[code], "members_updated")
                if member.household_id != wanted["household_id"]:
                    _count(by_pk[member.household_id], "members_moved_out")
    kept = {m.pk for m in matches.values()}
    removed = [m for members in current.values() for m in members if m.pk not in kept]
    for member in removed:
        _count(by_pk[member.household_id], "members_removed")
    _apply_members(added, updated, removed, now=now)


def _current_members(household_ids: Iterable[int]) -> dict[int, list[Member]]:
    current: dict[int, list[Member]] = defaultdict(list)
    for batch in chunks(household_ids):
        for member in Member.objects.filter(household_id__in=batch).order_by("pk"):
            current[member.household_id].append(member)
    return current


def _match(plans, current, households: dict[str, Household]) -> dict[int, Member]:
    """File line → existing member it updates."""
    by_id = {m.national_id: m for members in current.values() for m in members if m.national_id}
    matches: dict[int, Member] = {}
    taken: set[int] = set()
    for plan in plans.values():
        for row in plan.members:
            member = by_id.get(row.national_id) if row.national_id else None
            if member is not None:
                matches[row.line] = member
                taken.add(member.pk)
    for code, plan in plans.items():
        pool = _pool(current.get(households[code].pk, []))
        for row in plan.members:
            if row.line in matches:
                continue
            member = next((m for m in pool.get(row.identity(), []) if m.pk not in taken), None)
            if member is not None:
                matches[row.line] = member
                taken.add(member.pk)
    return matches


def _pool(members: list[Member]) -> dict[tuple, list[Member]]:
    pool: dict[tuple, list[Member]] = defaultdict(list)
    for member in members:
        pool[(fold(member.full_name), member.date_of_birth)].append(member)
    return pool


def _member_values(row: MemberRow, household_id: int) -> dict:
    return {
        "household_id": household_id, "full_name": row.full_name,
        "date_of_birth": row.date_of_birth, "gender": row.gender,
        "national_id": row.national_id, "phone": row.phone, "relation": row.relation,
        "is_head": row.is_head, "is_representative": row.is_representative,
    }  # fmt: skip


def _count(outcome: Outcome, key: str) -> None:
    outcome.summary[key] = outcome.summary.get(key, 0) + 1
    outcome.action = outcome.action or "update_household"


def _apply_members(added, updated, removed, *, now) -> None:
    """Write member changes in an order that never breaks a unique rule halfway: delete, clear
    the national IDs and head marks that move, update, then insert."""
    for batch in chunks(m.pk for m in removed):
        Member.objects.filter(pk__in=batch).delete()
    moving = [m.pk for m, wanted in updated
              if (m.national_id, m.is_head, m.household_id)
              != (wanted["national_id"], wanted["is_head"], wanted["household_id"])]  # fmt: skip
    for batch in chunks(moving):
        Member.objects.filter(pk__in=batch).update(national_id=None, is_head=False)
    for member, wanted in updated:
        for name, value in wanted.items():
            setattr(member, name, value)
        member.updated_at = now
    Member.objects.bulk_update(
        [m for m, _ in updated], [*MEMBER_FIELDS, "updated_at"], batch_size=500
    )
    Member.objects.bulk_create(added, batch_size=500)


def _result(outcomes: dict[str, Outcome]) -> dict:
    counts = defaultdict(int)
    for outcome in outcomes.values():
        counts[outcome.action or "unchanged"] += 1
        for key in ("members_added", "members_updated", "members_removed"):
            counts[key] += outcome.summary.get(key, 0)
    return {
        "households": len(outcomes),
        "created": counts["create_household"], "moved": counts["move_household"],
        "updated": counts["update_household"], "unchanged": counts["unchanged"],
        "members_added": counts["members_added"], "members_updated": counts["members_updated"],
        "members_removed": counts["members_removed"],
    }  # fmt: skip
