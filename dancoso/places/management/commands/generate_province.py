"""``manage.py generate_province``: a synthetic province for benchmarks (see bench/ and
docs/benchmarks.md).

    manage.py generate_province --households 1000000 --communes 150 --villages 4000 \\
        [--province-code 99] [--seed 2026]

Creates "Tỉnh Thử nghiệm" (code 97, 98 or 99 — codes no real province uses) with its communes,
villages, households, one current residence per household and 1–6 members each, then prints
totals and the rate. Rows are written with bulk statements, never a save per row: on PostgreSQL
with ``COPY`` (psycopg 3 ``cursor.copy``), elsewhere with ``bulk_create``.

Synthetic, never real persons:
- names are drawn at random from lists of common family, middle and given names;
- national ID numbers have the valid 12-digit structure (Circular 59/2021/TT-BCA Art. 7:
  century/gender digit and year of birth agree with the member's row) but start with
  ``097``/``098``/``099``, which is no birth-registration province code (official codes run
  001–096), so none can be a real person's; the register import rejects them for that reason;
- no phone numbers (a random mobile number could be someone's).

Audit: one commune transaction writes the commune, its villages, households, residences and
members, and one ``places.generate_synthetic`` event on that commune's chain summarising them
(the rows are not audited one by one: they are synthetic bulk data, flagged as such in the
event). Creating the province writes one event on the global chain.

Layering: this command sits in ``places`` but writes the household register tables, so it
reaches those models through ``apps.get_model`` (like a data migration) instead of importing
the higher ``households`` layer.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from dancoso.audit.services import record
from dancoso.core.actors import SystemActor
from dancoso.places.models import Commune, Province, Village

ACTION = "places.generate_synthetic"
SYNTHETIC_CODES = (97, 98, 99)  # no province and no birth-registration code uses them
SYSTEM = SystemActor("generate_province")
TODAY = date(2026, 1, 1)  # fixed, so a seed always gives the same people

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Nông", "Hà", "Mai",
          "Trịnh", "Đoàn", "Lâm", "Tạ", "Cao", "Chu", "Triệu", "La", "Vi"]  # fmt: skip
MIDDLE = {
    "nam": ["Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Công", "Xuân", "Ngọc"],
    "nu": ["Thị", "Thị", "Thu", "Ngọc", "Hồng", "Thanh", "Kim", "Minh", "Phương"],
}
GIVEN = {
    "nam": ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long",
            "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt",
            "Vinh", "Hiếu", "Phúc", "Tài", "Thành", "Hoàng", "Kiên", "Lâm", "Nghĩa", "Tâm"],
    "nu": ["Anh", "Dung", "Giang", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan", "Linh",
           "Loan", "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thu",
           "Trang", "Tuyết", "Vân", "Yến", "Ngọc", "Hà", "Chi", "Nga", "Thủy", "Xuân"],
}  # fmt: skip
VILLAGE_KINDS = [("Thôn", "thon"), ("Thôn", "thon"), ("Bản", "ban"), ("Tổ dân phố", "to_dan_pho")]
HOUSEHOLD_SIZES = [1, 2, 3, 4, 5, 6]
SIZE_WEIGHTS = [12, 20, 25, 23, 13, 7]  # mean ≈ 3.3 persons, near the national average

HOUSEHOLD_COLUMNS = ("id", "created_at", "updated_at", "commune_id", "village_id", "code",
                     "address", "is_active")  # fmt: skip
RESIDENCE_COLUMNS = ("household_id", "village_id", "started_on", "ended_on")
MEMBER_COLUMNS = ("created_at", "updated_at", "household_id", "full_name", "date_of_birth",
                  "gender", "national_id", "phone", "relation", "is_head",
                  "is_representative")  # fmt: skip


def split(total: int, parts: int) -> list[int]:
    """``total`` spread as evenly as possible over ``parts`` (the first ones get the rest)."""
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


@dataclass
class NationalIds:
    """Unique synthetic 12-digit numbers: ``0PP`` (a code no province uses), the
    century/gender digit, two year digits, and six digits that a counter per (digit, year)
    drives through a bijection of 0–999,999 (so they look scattered but never repeat)."""

    prefix: str
    counters: dict = field(default_factory=dict)

    def next(self, born: date, gender: str) -> str:
        digit = (born.year - 1900) // 100 * 2 + (0 if gender == "nam" else 1)
        key = (digit, born.year % 100)
        n = self.counters.get(key, 0)
        if n >= 1_000_000:
            raise CommandError("Hết số định danh giả cho một năm sinh: hãy giảm số hộ.")
        self.counters[key] = n + 1
        return f"{self.prefix}{digit}{born.year % 100:02d}{(n * 7919 + 104729) % 1_000_000:06d}"


@dataclass
class Totals:
    communes: int = 0
    villages: int = 0
    households: int = 0
    residences: int = 0
    members: int = 0

    @property
    def rows(self) -> int:
        return self.communes + self.villages + self.households + self.residences + self.members


def born(rng: random.Random, age_from: int, age_to: int) -> date:
    return TODAY - timedelta(days=rng.randint(age_from * 365, age_to * 365 + 364))


def person(rng: random.Random, family: str, gender: str) -> str:
    return f"{family} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def household_people(rng: random.Random) -> list[tuple[str, str, str, date]]:
    """(relation, full name, gender, date of birth) of one household, the head first."""
    family = rng.choice(FAMILY)
    head_gender = "nam" if rng.random() < 0.75 else "nu"
    head_born = born(rng, 22, 80)
    head_age = TODAY.year - head_born.year
    people = [("Chủ hộ", person(rng, family, head_gender), head_gender, head_born)]
    size = rng.choices(HOUSEHOLD_SIZES, SIZE_WEIGHTS)[0]
    if size >= 2:
        gender = "nu" if head_gender == "nam" else "nam"
        spouse = person(rng, rng.choice(FAMILY), gender)
        dob = born(rng, max(18, head_age - 8), min(95, head_age + 5))
        people.append(("Vợ" if gender == "nu" else "Chồng", spouse, gender, dob))
    if size == 6 and head_age <= 60:
        gender = rng.choice(("nam", "nu"))
        people.append(("Bố" if gender == "nam" else "Mẹ", person(rng, family, gender), gender,
                       born(rng, head_age + 20, min(100, head_age + 35))))  # fmt: skip
    oldest_child = max(0, min(40, head_age - 18))
    while len(people) < size:
        gender = rng.choice(("nam", "nu"))
        people.append(("Con", person(rng, family, gender), gender, born(rng, 0, oldest_child)))
    return people


class Command(BaseCommand):
    help = (
        "Sinh một tỉnh giả lập (Tỉnh Thử nghiệm) với xã, thôn, hộ, nơi cư trú và thành viên để "
        "đo hiệu năng. Dữ liệu tổng hợp, không có người thật."
    )

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=1_000_000)
        parser.add_argument("--communes", type=int, default=150)
        parser.add_argument("--villages", type=int, default=4000)
        parser.add_argument("--province-code", type=int, default=99, choices=SYNTHETIC_CODES)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, households, communes, villages, province_code, seed, **options):
        self._check(households, communes, villages, province_code)
        self.seed, self.ids = seed, NationalIds(prefix=f"0{province_code}")
        self.copy = connection.vendor == "postgresql"
        self.models = {name: apps.get_model("households", name)
                       for name in ("Household", "Residence", "Member")}  # fmt: skip
        province = self._province(province_code, households, communes, villages)
        totals, started = Totals(), time.perf_counter()
        per_commune = split(villages, communes)
        per_village = split(households, villages)
        first = 0
        for index, count in enumerate(per_commune, start=1):
            self._commune(province, index, per_village[first : first + count], totals)
            first += count
            self._progress(index, communes, totals, started)
        self._analyze()
        self._report(totals, time.perf_counter() - started)

    def _check(self, households: int, communes: int, villages: int, province_code: int) -> None:
        if province_code not in SYNTHETIC_CODES:  # call_command() skips argparse's choices
            raise CommandError("Mã tỉnh giả lập phải là 97, 98 hoặc 99 (không trùng tỉnh thật).")
        if households < 1 or communes < 1:
            raise CommandError("Số hộ và số xã phải từ 1 trở lên.")
        if not communes <= 9999:
            raise CommandError("Số xã tối đa là 9.999 (mã xã giả = mã tỉnh × 10.000 + số thứ tự).")
        if not communes <= villages <= communes * 999:
            raise CommandError("Số thôn phải từ số xã đến 999 lần số xã (mỗi xã ít nhất 1 thôn).")

    @transaction.atomic
    def _province(self, code: int, households: int, communes: int, villages: int) -> Province:
        """The synthetic province, created if absent; refused if it already has communes (the
        generator adds a province once; use another ``--province-code`` or a fresh database)."""
        name = "Tỉnh Thử nghiệm" if code == 99 else f"Tỉnh Thử nghiệm {code}"
        province, created = Province.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": Province.Kind.PROVINCE,
                "codename": f"tinh_thu_nghiem_{code}",
            },  # fmt: skip
        )
        if province.communes.exists():
            raise CommandError(
                f"Tỉnh mã {code} ({province.name}) đã có xã: không sinh thêm. Hãy dùng "
                "--province-code khác hoặc một cơ sở dữ liệu mới."
            )
        if created:
            record(ACTION, actor=SYSTEM, obj=province, summary={
                "synthetic": True, "seed": self.seed, "communes": communes,
                "villages": villages, "households": households})  # fmt: skip
        self.stdout.write(f"{province.name} (mã {code}): sinh {communes} xã, {villages} thôn, "
                          f"{households} hộ — dữ liệu giả lập, không có người thật.")  # fmt: skip
        return province

    @transaction.atomic
    def _commune(self, province: Province, index: int, households: list[int], totals: Totals):
        """One commune in one transaction: the commune, its villages and register, and one
        audit event summarising them on the commune's chain."""
        rng = random.Random(f"{self.seed}:{province.code}:{index}")
        commune = Commune.objects.create(
            code=province.code * 10_000 + index, name=f"Xã Thử nghiệm {index:03d}",
            kind=Commune.Kind.WARD if index % 10 == 0 else Commune.Kind.COMMUNE,
            codename=f"xa_thu_nghiem_{index:03d}", province=province)  # fmt: skip
        villages = Village.objects.bulk_create([
            Village(commune=commune, name=f"{VILLAGE_KINDS[n % 4][0]} {n:02d}",
                    kind=VILLAGE_KINDS[n % 4][1])
            for n in range(1, len(households) + 1)])  # fmt: skip
        rows = self._register(rng, commune, villages, households)
        self._write(rows)
        summary = {"synthetic": True, "seed": self.seed, "villages": len(villages),
                   "households": len(rows["Household"]), "residences": len(rows["Residence"]),
                   "members": len(rows["Member"])}  # fmt: skip
        record(ACTION, actor=SYSTEM, obj=commune, commune_code=commune.code, summary=summary)
        totals.communes += 1
        totals.villages += len(villages)
        totals.households += summary["households"]
        totals.residences += summary["residences"]
        totals.members += summary["members"]

    def _register(self, rng, commune, villages, households: list[int]) -> dict[str, list]:
        """Row tuples (in the ``*_COLUMNS`` order) of the commune's households, residences and
        members, with household ids reserved from the table's sequence."""
        now = timezone.now()
        ids = iter(self._reserve_ids(sum(households)))
        rows: dict[str, list] = {"Household": [], "Residence": [], "Member": []}
        serial = 0
        for village, count in zip(villages, households, strict=True):
            for _ in range(count):
                serial += 1
                pk = next(ids)
                address = f"Số {rng.randint(1, 300)}, {village.name}"
                rows["Household"].append(
                    (pk, now, now, commune.pk, village.pk, f"HGD-{serial:06d}", address, True)
                )
                started = TODAY - timedelta(days=rng.randint(0, 25 * 365))
                rows["Residence"].append((pk, village.pk, started, None))
                rows["Member"].extend(self._members(rng, pk, now))
        return rows

    def _members(self, rng: random.Random, household_id: int, now) -> list[tuple]:
        return [
            (now, now, household_id, name, dob, gender, self.ids.next(dob, gender), "",
             relation, relation == "Chủ hộ", relation == "Chủ hộ")
            for relation, name, gender, dob in household_people(rng)
        ]  # fmt: skip

    def _reserve_ids(self, count: int) -> list[int]:
        """``count`` unused household ids: from the sequence on PostgreSQL (safe beside other
        writers), after the largest id on SQLite (its write lock is held since BEGIN)."""
        table = self.models["Household"]._meta.db_table
        if self.copy:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                    "FROM generate_series(1, %s)", [table, count])  # fmt: skip
                return [row[0] for row in cursor.fetchall()]
        start = (self.models["Household"].objects.aggregate(top=Max("id"))["top"] or 0) + 1
        return list(range(start, start + count))

    def _write(self, rows: dict[str, list]) -> None:
        columns = {"Household": HOUSEHOLD_COLUMNS, "Residence": RESIDENCE_COLUMNS,
                   "Member": MEMBER_COLUMNS}  # fmt: skip
        for name in ("Household", "Residence", "Member"):
            model = self.models[name]
            if self.copy:
                _copy(model, columns[name], rows[name])
            else:
                model.objects.bulk_create(
                    [model(**dict(zip(columns[name], row, strict=True))) for row in rows[name]],
                    batch_size=500,
                )

    def _analyze(self) -> None:
        """Fresh planner statistics, so the first pages after a bulk load use the indexes, and
        (outside a transaction) a vacuum that sets the visibility map, so counts read the
        index alone — what autovacuum would reach later on a live server."""
        if not self.copy:
            return
        tables = [m._meta.db_table for m in (*self.models.values(), Village, Commune)]
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{verb} " + ", ".join(connection.ops.quote_name(t) for t in tables))

    def _progress(self, index: int, communes: int, totals: Totals, started: float) -> None:
        if index % 10 and index != communes:
            return
        elapsed = time.perf_counter() - started
        self.stdout.write(f"  xã {index}/{communes}: {totals.households:,} hộ, "
                          f"{totals.members:,} thành viên, {elapsed:,.0f} giây, "
                          f"{totals.rows / elapsed:,.0f} dòng/giây")  # fmt: skip

    def _report(self, totals: Totals, elapsed: float) -> None:
        method = "COPY (PostgreSQL)" if self.copy else "bulk_create"
        self.stdout.write(self.style.SUCCESS(
            f"Xong trong {elapsed:,.1f} giây bằng {method}: {totals.communes:,} xã, "
            f"{totals.villages:,} thôn, {totals.households:,} hộ, {totals.residences:,} nơi cư "
            f"trú, {totals.members:,} thành viên = {totals.rows:,} dòng; "
            f"{totals.rows / elapsed:,.0f} dòng/giây, {totals.households / elapsed:,.0f} hộ/giây."
        ))  # fmt: skip
        self.stdout.write(f"Nhật ký kiểm toán: {totals.communes} sự kiện “{ACTION}” (một mỗi xã); "
                          "từng dòng giả lập không có sự kiện riêng.")  # fmt: skip


def _copy(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Stream ``rows`` into ``model``'s table with PostgreSQL ``COPY … FROM STDIN``."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
