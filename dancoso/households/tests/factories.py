"""Test data for the household register: valid ID numbers, register files as CSV or XLSX,
and import jobs run the way the background task runs them."""

import csv
import io
from datetime import date

from django.core.files.base import ContentFile

from dancoso.households.importing import COLUMNS
from dancoso.households.models import ImportJob
from dancoso.households.services import import_households


def national_id(
    serial: int, *, born: date | None = None, male: bool = True, province: str = "020"
) -> str:
    """A valid 12-digit number consistent with ``born`` and the gender (never a real one:
    tests use serials from 900000 up)."""
    born = born or date(1980, 1, 1)
    digit = (born.year - 1900) // 100 * 2 + (0 if male else 1)
    return f"{province}{digit}{born.year % 100:02d}{serial:06d}"


def row(
    code="HO-1",
    village="Thôn Bản Lải",
    name="Nguyễn Văn An",
    born="01/01/1980",
    gender="Nam",
    nid="",
    phone="",
    relation="Chủ hộ",
    rep="x",
    address="",
) -> dict:
    return {
        "ma_ho": code,
        "thon": village,
        "dia_chi": address,
        "ho_ten": name,
        "ngay_sinh": born,
        "gioi_tinh": gender,
        "so_dinh_danh": nid,
        "so_dien_thoai": phone,
        "quan_he": relation,
        "dai_dien": rep,
    }


def csv_bytes(
    rows: list[dict], *, columns=COLUMNS, bom: bool = False, delimiter: str = ","
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(columns)
    for item in rows:
        writer.writerow([item.get(column, "") for column in COLUMNS])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[list], header=COLUMNS) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for cells in rows:
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_job(commune, user, data: bytes, name: str = "so-ho.csv") -> ImportJob:
    job = ImportJob(commune=commune, uploaded_by=user, original_name=name)
    job.file.save(name, ContentFile(data), save=False)
    job.save()
    return job


def run_import(commune, user, data: bytes, name: str = "so-ho.csv") -> ImportJob:
    job = make_job(commune, user, data, name)
    import_households(job.pk)
    job.refresh_from_db()
    return job


def messages(job: ImportJob) -> list[str]:
    return [error["message"] for error in job.errors]


def big_register(
    households: int, village_names: list[str], *, start: int = 900_000, per_household: int = 4
) -> bytes:
    """A register of ``households`` × ``per_household`` rows, every member with an ID."""
    rows = []
    serial = start
    for number in range(households):
        village = village_names[number % len(village_names)]
        for index in range(per_household):
            serial += 1
            born = date(1950 + (serial % 60), 1 + serial % 12, 1 + serial % 28)
            male = index != 1
            rows.append(row(
                code=f"HO-{number:05d}", village=village, name=f"Người {number} {index}",
                born=born.strftime("%d/%m/%Y"), gender="Nam" if male else "Nữ",
                nid=national_id(serial, born=born, male=male),
                relation="Chủ hộ" if index == 0 else "Con", rep="x" if index == 0 else "",
                address=f"Số {number}",
            ))  # fmt: skip
    return csv_bytes(rows)
