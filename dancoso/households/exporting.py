"""Writing the household register to a CSV or XLSX file, without the database.

One row per member, households in the order given (the service sends them in code order), the
columns of the import format (``importing.COLUMNS``) under a Vietnamese header that the import
reads back ("Mã hộ" is ``ma_ho``). What leaves the platform is kept minimal (Law 91/2025/QH15
Art. 3, ``law.EXPORT_RULES_FROM``): national ID numbers always masked, phone numbers only when
asked for. Every cell that a spreadsheet would read as a formula is neutralised (OWASP "CSV
injection"), in CSV and XLSX alike, and dates are written dd/mm/yyyy.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .importing import COLUMNS
from .law import format_date, mask_national_id

HEADERS = {
    "ma_ho": "Mã hộ", "thon": "Thôn", "dia_chi": "Địa chỉ", "ho_ten": "Họ tên",
    "ngay_sinh": "Ngày sinh", "gioi_tinh": "Giới tính", "so_dinh_danh": "Số định danh",
    "so_dien_thoai": "Số điện thoại", "quan_he": "Quan hệ", "dai_dien": "Đại diện",
}  # fmt: skip
GENDERS = {"nam": "Nam", "nu": "Nữ"}
# Characters a spreadsheet takes as the start of a formula (OWASP CSV injection), also after
# leading spaces; a leading tab is neutralised too (OWASP's list).
FORMULA_START = ("=", "+", "-", "@")
INVISIBLE_START = ("\t",)
# Control characters that XLSX (XML) cannot hold and no register value needs; a carriage return
# is dropped too, as XML would turn it into a line feed.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
COLUMN_WIDTHS = {"ma_ho": 12, "thon": 20, "dia_chi": 30, "ho_ten": 26, "ngay_sinh": 12,
                 "gioi_tinh": 9, "so_dinh_danh": 15, "so_dien_thoai": 14, "quan_he": 12,
                 "dai_dien": 9}  # fmt: skip


@dataclass(frozen=True)
class Line:
    """One member as the database holds it, with their household's code, village and address."""

    code: str
    village: str
    address: str
    full_name: str
    date_of_birth: date | None
    gender: str
    national_id: str | None
    phone: str
    relation: str
    is_representative: bool


@dataclass(frozen=True)
class Written:
    """A finished file and what it holds (the counts go to the audit event)."""

    content: bytes
    content_type: str
    households: int
    members: int


def columns(*, with_phones: bool) -> tuple[str, ...]:
    """The exported columns: the import format, without the phone column unless asked for."""
    return tuple(c for c in COLUMNS if with_phones or c != "so_dien_thoai")


def neutralise(value: str) -> str:
    """A cell as text no spreadsheet evaluates: control characters dropped, and a leading
    apostrophe before a value that starts (after any spaces) with a formula character."""
    value = CONTROL.sub("", value)
    if value.lstrip().startswith(FORMULA_START) or value.startswith(INVISIBLE_START):
        return "'" + value
    return value


def cells(line: Line, *, with_phones: bool) -> list[str]:
    """The cells of one member's row, as written to the file."""
    values = {
        "ma_ho": line.code,
        "thon": line.village,
        "dia_chi": line.address,
        "ho_ten": line.full_name,
        "ngay_sinh": format_date(line.date_of_birth) if line.date_of_birth else "",
        "gioi_tinh": GENDERS.get(line.gender, ""),
        "so_dinh_danh": mask_national_id(line.national_id),
        "so_dien_thoai": line.phone,
        "quan_he": line.relation,
        "dai_dien": "x" if line.is_representative else "",
    }
    return [neutralise(values[c] or "") for c in columns(with_phones=with_phones)]


def header(*, with_phones: bool) -> list[str]:
    return [HEADERS[c] for c in columns(with_phones=with_phones)]


class _Tally:
    """Counts members and households (a new code starts a new household) while rows stream."""

    def __init__(self) -> None:
        self.members = 0
        self.households = 0
        self._last: str | None = None

    def rows(self, lines: Iterable[Line], with_phones: bool) -> Iterable[list[str]]:
        for line in lines:
            self.members += 1
            if line.code != self._last:
                self.households += 1
                self._last = line.code
            yield cells(line, with_phones=with_phones)


def write(lines: Iterable[Line], fmt: str, *, with_phones: bool, title: str = "Sổ hộ") -> Written:
    """The register file in ``fmt`` (``"csv"`` or ``"xlsx"``); ``lines`` are read once."""
    tally = _Tally()
    rows = tally.rows(lines, with_phones)
    if fmt == "csv":
        content = _csv(header(with_phones=with_phones), rows)
    elif fmt == "xlsx":
        content = _xlsx(header(with_phones=with_phones), rows, title, with_phones)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return Written(content, FORMATS[fmt], tally.households, tally.members)


def _csv(head: list[str], rows: Iterable[list[str]]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Vietnamese letters correctly. Every cell is
    quoted (OWASP): where Excel splits on ";" (list separator of the locale), a ";" inside a
    cell cannot start a new, unneutralised cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(head)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(head: list[str], rows: Iterable[list[str]], title: str, with_phones: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sổ hộ")
    for index, column in enumerate(columns(with_phones=with_phones), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS[column]
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
