"""The demo household register, written as the CSV a commune officer would import."""

import csv
import io
import random
from datetime import date, timedelta

from .names import FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE

HEADERS = [
    "ma_ho",
    "thon",
    "dia_chi",
    "ho_ten",
    "ngay_sinh",
    "gioi_tinh",
    "so_dinh_danh",
    "so_dien_thoai",
    "quan_he",
    "dai_dien",
]


def person(rng: random.Random, family: str, male: bool) -> str:
    middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
    given = rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
    return f"{family} {middle} {given}"


def birthday(rng: random.Random, age_from: int, age_to: int) -> date:
    today = date(2026, 1, 1)
    return today - timedelta(days=rng.randint(age_from * 365, age_to * 365))


def household_rows(rng: random.Random, code: str, village: str) -> list[list[str]]:
    family = rng.choice(FAMILY)
    head_male = rng.random() < 0.8
    rows = []
    members = [("Chủ hộ", head_male, birthday(rng, 28, 75))]
    if rng.random() < 0.85:
        members.append(("Vợ" if head_male else "Chồng", not head_male, birthday(rng, 25, 70)))
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
        members.append(("Con", rng.random() < 0.5, birthday(rng, 1, 24)))
    address = f"Số {rng.randint(1, 200)}, {village}"
    for relation, male, born in members:
        name = person(rng, family if relation in ("Chủ hộ", "Con") else rng.choice(FAMILY), male)
        rows.append(
            [
                code,
                village,
                address,
                name,
                born.strftime("%d/%m/%Y"),
                "Nam" if male else "Nữ",
                "",  # no national ID numbers in the demo: none may be a real person's
                f"09{rng.randint(10_000_000, 99_999_999)}" if relation == "Chủ hộ" else "",
                relation,
                "x" if relation == "Chủ hộ" else "",
            ]
        )
    return rows


def register_csv(villages: list[str], households: int, seed: int = 2026) -> bytes:
    """A UTF-8 CSV register of about ``households`` households spread over ``villages``."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for serial in range(1, households + 1):
        village = villages[serial % len(villages)]
        writer.writerows(household_rows(rng, f"CL-{serial:04d}", village))
    return out.getvalue().encode("utf-8")
