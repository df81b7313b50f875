"""Reading and checking a household register file (CSV UTF-8 or XLSX), without the database.

One row per member, Vietnamese column names (``ma_ho``, ``thon``, ``dia_chi``, ``ho_ten``,
``ngay_sinh``, ``gioi_tinh``, ``so_dinh_danh``, ``so_dien_thoai``, ``quan_he``, ``dai_dien``),
matched without case or diacritics ("Mã hộ" is ``ma_ho``). Every row is checked and every
problem reported with its line number, in Vietnamese, so the officer fixes the file once
(DESIGN.md: imports are all-or-nothing with line-numbered errors). The checks that need the
database (a national ID used in another household) are in ``bulk.py``.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from .law import (
    InvalidValue,
    cross_check_national_id,
    fold,
    format_date,
    parse_birth_date,
    parse_national_id,
    parse_phone,
    shorten,
    tidy,
)

COLUMNS = ("ma_ho", "thon", "dia_chi", "ho_ten", "ngay_sinh", "gioi_tinh", "so_dinh_danh",
           "so_dien_thoai", "quan_he", "dai_dien")  # fmt: skip
REQUIRED_COLUMNS = ("ma_ho", "thon", "ho_ten", "quan_he")
ALIASES = {
    "ho_va_ten": "ho_ten", "dinh_danh": "so_dinh_danh", "so_cccd": "so_dinh_danh",
    "cccd": "so_dinh_danh", "ma_dinh_danh": "so_dinh_danh", "dien_thoai": "so_dien_thoai",
    "sdt": "so_dien_thoai", "quan_he_voi_chu_ho": "quan_he", "dai_dien_ho": "dai_dien",
    "thon_to": "thon", "thon/to": "thon", "thon/to_dan_pho": "thon",
}  # fmt: skip
MAX_ROWS = 50_000
HEAD_RELATION = "chu ho"
PROGRESS_EVERY = 500
# An XLSX is a zip: refuse one that would unpack to more than this many bytes per byte allowed.
MAX_UNPACK_RATIO = 10
EXAMPLE_ROWS = (
    ("HO-001", "Thôn Bản Lải", "Số 12, Thôn Bản Lải", "Hoàng Văn Minh", "01/05/1975", "Nam",
     "", "0912345678", "Chủ hộ", "x"),
    ("HO-001", "Thôn Bản Lải", "Số 12, Thôn Bản Lải", "Nông Thị Lan", "12/09/1978", "Nữ",
     "", "", "Vợ", ""),
)  # fmt: skip

FILE_TOO_BIG = "Tệp nặng {size} MB, vượt giới hạn {limit} MB — hãy chia thành nhiều tệp nhỏ hơn."
FILE_EMPTY = "Tệp không có dữ liệu — cần dòng tên cột và ít nhất một dòng thành viên."
FILE_WRONG_TYPE = (
    "Tệp “{name}” không đúng loại — chỉ nhận tệp CSV (mã UTF-8) hoặc Excel .xlsx. "
    "Hãy tải tệp mẫu và lưu đúng định dạng."
)
FILE_OLD_EXCEL = "Tệp Excel cũ (.xls) chưa được hỗ trợ — hãy mở bằng Excel và lưu thành .xlsx."
FILE_NOT_UTF8 = (
    "Tệp CSV không phải mã UTF-8 — trong Excel hãy chọn Lưu thành → “CSV UTF-8 (phân cách "
    "bằng dấu phẩy)”."
)
FILE_BROKEN_CSV = "Không đọc được tệp CSV — tệp bị hỏng hoặc có ô quá dài."
FILE_BROKEN_XLSX = "Không đọc được tệp Excel — tệp bị hỏng hoặc không phải .xlsx thật."
FILE_TOO_MANY_ROWS = "Tệp có hơn {limit} dòng dữ liệu — hãy chia thành nhiều tệp."
MISSING_COLUMNS = (
    "Thiếu cột bắt buộc: {columns} — dòng đầu tiên của tệp phải là tên cột (xem tệp mẫu)."
)
DUPLICATE_COLUMN = "Dòng {line}: cột {column} xuất hiện hai lần — hãy xóa một cột."


class ImportFileError(Exception):
    """The file as a whole cannot be read; ``messages`` say why (no line to point at)."""

    def __init__(self, *messages: str) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(messages))


@dataclass(frozen=True)
class Problem:
    """One line-numbered error; line 0 is the file as a whole."""

    line: int
    message: str

    def text(self) -> str:
        return f"Dòng {self.line}: {self.message}" if self.line else self.message


@dataclass
class Table:
    """The rows of a file: column name → index, and (line number, cells) for each data row."""

    columns: dict[str, int]
    rows: list[tuple[int, tuple]]


@dataclass
class MemberRow:
    """One member as read from one line, already normalised."""

    line: int
    code: str
    village_id: int | None
    village_text: str
    address: str
    full_name: str
    date_of_birth: date | None
    gender: str
    national_id: str | None
    phone: str
    relation: str
    is_head: bool
    is_representative: bool

    def identity(self) -> tuple[str, date | None]:
        """Name and date of birth, as compared for duplicates and for matching."""
        return fold(self.full_name), self.date_of_birth


@dataclass
class HouseholdPlan:
    """One household as the file wants it: its village, address and member list."""

    code: str
    village_id: int | None
    village_text: str
    first_line: int
    address: str = ""
    address_line: int = 0
    members: list[MemberRow] = field(default_factory=list)


# --- Reading the file -------------------------------------------------------------------------


def read_table(data: bytes, filename: str, *, max_bytes: int, max_rows: int = MAX_ROWS) -> Table:
    """Read a CSV (UTF-8, with or without BOM) or XLSX file into a ``Table``; raise
    ``ImportFileError`` for a file that is too big, empty, of the wrong type or without the
    required columns."""
    if len(data) > max_bytes:
        raise ImportFileError(
            FILE_TOO_BIG.format(size=megabytes(len(data)), limit=megabytes(max_bytes))
        )
    if not data.strip():
        raise ImportFileError(FILE_EMPTY)
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(FILE_OLD_EXCEL)
    if suffix == ".xlsx" and data.startswith(b"PK\x03\x04"):
        lines = _xlsx_lines(data, max_bytes * MAX_UNPACK_RATIO)
    elif suffix in {".csv", ".txt"} and not data.startswith(b"PK") and b"\x00" not in data:
        lines = _csv_lines(data)
    else:
        raise ImportFileError(FILE_WRONG_TYPE.format(name=shorten(filename, 80)))
    return _table(lines, max_rows)


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}".replace(".", ",")


def _csv_lines(data: bytes) -> Iterable[tuple[int, tuple]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(FILE_NOT_UTF8) from exc
    first_line = text[:4096].split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        yield from ((number, tuple(cells)) for number, cells in enumerate(reader, start=1))
    except csv.Error as exc:
        raise ImportFileError(FILE_BROKEN_CSV) from exc


def _xlsx_lines(data: bytes, max_unpacked: int) -> Iterable[tuple[int, tuple]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > max_unpacked:
            raise ImportFileError(FILE_BROKEN_XLSX)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        yield from ((number, tuple(cells)) for number, cells in enumerate(rows, start=1))
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise ImportFileError(FILE_BROKEN_XLSX) from exc


def _table(lines: Iterable[tuple[int, tuple]], max_rows: int) -> Table:
    columns: dict[str, int] | None = None
    rows: list[tuple[int, tuple]] = []
    for number, cells in lines:
        if not any(tidy(cell) for cell in cells):
            continue
        if columns is None:
            columns = map_header(number, cells)
        elif len(rows) >= max_rows:
            raise ImportFileError(FILE_TOO_MANY_ROWS.format(limit=_thousands(max_rows)))
        else:
            rows.append((number, cells))
    if columns is None or not rows:
        raise ImportFileError(FILE_EMPTY)
    return Table(columns, rows)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def column_key(cell) -> str:
    """The canonical name of a header cell: ``"Mã hộ"`` → ``ma_ho``."""
    key = fold(tidy(cell)).replace(" ", "_")
    return ALIASES.get(key, key)


def map_header(line: int, cells: tuple) -> dict[str, int]:
    """Column name → index for the known columns; unknown columns are ignored."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = column_key(cell)
        if key not in COLUMNS:
            continue
        if key in columns:
            raise ImportFileError(DUPLICATE_COLUMN.format(line=line, column=key))
        columns[key] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(MISSING_COLUMNS.format(columns=", ".join(missing)))
    return columns


# --- Checking the rows ------------------------------------------------------------------------

MISSING_VALUE = "thiếu {what} (cột {column})"
TOO_LONG = "{what} dài quá {limit} ký tự"
UNKNOWN_VILLAGE = "thôn '{value}' không có trong {commune} — các thôn của xã: {known}"
BAD_GENDER = "giới tính '{value}' không hợp lệ — ghi Nam, Nữ hoặc để trống"
BAD_REPRESENTATIVE = "cột dai_dien chỉ ghi 'x' (là đại diện hộ) hoặc để trống, không ghi '{value}'"
TWO_VILLAGES = (
    "hộ '{code}' ghi thôn '{value}' khác với dòng {first} ('{first_value}') — "
    "một hộ chỉ thuộc một thôn"
)
TWO_ADDRESSES = (
    "hộ '{code}' ghi địa chỉ khác với dòng {first} — mỗi hộ chỉ có một địa chỉ "
    "(có thể chỉ ghi ở dòng chủ hộ)"
)
NO_HEAD = "hộ '{code}' chưa có chủ hộ — ghi 'Chủ hộ' ở cột quan_he cho đúng một người"
TWO_HEADS = "hộ '{code}' đã có chủ hộ ở dòng {first} — mỗi hộ chỉ có đúng một chủ hộ"
DUPLICATE_PERSON = (
    "'{name}' ({born}) đã có ở dòng {first} của hộ '{code}' — mỗi người chỉ ghi một lần"
)
DUPLICATE_ID = "số định danh '{value}' đã có ở dòng {first} — mỗi người chỉ ghi một lần"
GENDERS = {"": "", "nam": "nam", "nu": "nu"}
LIMITS = {"ma_ho": 30, "ho_ten": 150, "dia_chi": 255, "quan_he": 50}
WHAT = {"ma_ho": "mã hộ", "thon": "tên thôn", "ho_ten": "họ và tên", "dia_chi": "địa chỉ",
        "quan_he": "quan hệ với chủ hộ"}  # fmt: skip


class VillageIndex:
    """Finds a village of the commune by name, without case or diacritics; the kind word may
    be left out ("Bản Lải" finds "Thôn Bản Lải") when that names only one village."""

    KINDS = ("thon", "ban", "ap", "to dan pho", "khu pho", "khom", "to", "khu", "xom")

    def __init__(self, villages: Iterable[tuple[int, str]], commune_name: str = "xã") -> None:
        villages = list(villages)
        self.labels = sorted(name for _, name in villages)
        self.names = {fold(name): vid for vid, name in villages}
        short: dict[str, set[int]] = {}
        for key, vid in self.names.items():
            for kind in self.KINDS:
                if key.startswith(kind + " "):
                    short.setdefault(key[len(kind) + 1 :], set()).add(vid)
        self.short = {key: ids.pop() for key, ids in short.items() if len(ids) == 1}
        self.commune_name = commune_name

    def find(self, text: str) -> int | None:
        key = fold(text)
        return self.names[key] if key in self.names else self.short.get(key)

    def known(self) -> str:
        if not self.labels:
            return "(xã chưa có thôn nào)"
        return ", ".join(self.labels[:15]) + (", …" if len(self.labels) > 15 else "")


def cell_text(value, column: str):
    """A cell as the text typed in it. Spreadsheets turn long numbers into numbers, dropping
    the leading 0 every ID and phone number has: put it back. Date cells stay dates."""
    if value is None:
        return ""
    if isinstance(value, (datetime, date)) and column == "ngay_sinh":
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if column == "so_dinh_danh":
            return f"{value:012d}"
        if column == "so_dien_thoai" and len(str(value)) == 9:
            return f"0{value}"
    return tidy(value)


def parse_row(
    line: int, cells: tuple, columns: dict[str, int], villages: VillageIndex, today: date
) -> tuple[MemberRow, list[Problem]]:
    """Read and check one member line; every problem of the line is returned."""
    values = {
        name: cell_text(cells[i] if i < len(cells) else None, name) for name, i in columns.items()
    }
    problems: list[str] = []
    for name in ("ma_ho", "thon", "ho_ten"):
        if not values[name]:
            problems.append(MISSING_VALUE.format(what=WHAT[name], column=name))
    for name, limit in LIMITS.items():
        if len(values.get(name) or "") > limit:
            problems.append(TOO_LONG.format(what=WHAT[name].capitalize(), limit=limit))
    village_id = villages.find(values["thon"]) if values["thon"] else None
    if values["thon"] and village_id is None:
        problems.append(
            UNKNOWN_VILLAGE.format(
                value=shorten(values["thon"], 60),
                commune=villages.commune_name,
                known=villages.known(),
            )
        )
    born = _checked(problems, parse_birth_date, values.get("ngay_sinh"), today=today)
    gender = GENDERS.get(fold(values.get("gioi_tinh", "")))
    if gender is None:
        problems.append(BAD_GENDER.format(value=shorten(values["gioi_tinh"], 20)))
    national_id = _checked(problems, parse_national_id, values.get("so_dinh_danh"), today=today)
    if national_id:
        problems.extend(
            cross_check_national_id(national_id, date_of_birth=born, gender=gender or "")
        )
    phone = _checked(problems, parse_phone, values.get("so_dien_thoai"))
    representative = fold(values.get("dai_dien", ""))
    if representative not in {"", "x"}:
        problems.append(BAD_REPRESENTATIVE.format(value=shorten(values["dai_dien"], 20)))
    row = MemberRow(
        line=line,
        code=values["ma_ho"],
        village_id=village_id,
        village_text=values["thon"],
        address=values.get("dia_chi", ""),
        full_name=values["ho_ten"],
        date_of_birth=born,
        gender=gender or "",
        national_id=national_id,
        phone=phone or "",
        relation=values["quan_he"],
        is_head=fold(values["quan_he"]) == HEAD_RELATION,
        is_representative=representative == "x",
    )
    return row, [Problem(line, text) for text in problems]


def _checked(problems: list[str], parse: Callable, value, **kwargs):
    """``parse(value)`` for a filled cell, ``None`` for an empty one; a failure is noted."""
    if value in (None, ""):
        return None
    try:
        return parse(value, **kwargs)
    except InvalidValue as exc:
        problems.append(exc.message)
        return None


def group_households(rows: list[MemberRow]) -> tuple[dict[str, HouseholdPlan], list[Problem]]:
    """Gather member rows into households and check what spans lines: one village and one
    address per household, exactly one head, no person twice."""
    plans: dict[str, HouseholdPlan] = {}
    problems: list[Problem] = []
    id_lines: dict[str, int] = {}
    for row in rows:
        if row.national_id:
            if row.national_id in id_lines:
                problems.append(
                    Problem(
                        row.line,
                        DUPLICATE_ID.format(
                            value=shorten(row.national_id), first=id_lines[row.national_id]
                        ),
                    )
                )
            else:
                id_lines[row.national_id] = row.line
        if not row.code:
            continue
        plan = plans.get(row.code)
        if plan is None:
            plan = plans[row.code] = HouseholdPlan(
                row.code, row.village_id, row.village_text, row.line
            )
        elif row.village_text and fold(row.village_text) != fold(plan.village_text):
            problems.append(
                Problem(
                    row.line,
                    TWO_VILLAGES.format(
                        code=row.code,
                        value=row.village_text,
                        first=plan.first_line,
                        first_value=plan.village_text,
                    ),
                )
            )
        problems.extend(_add_address(plan, row))
        plan.members.append(row)
    for plan in plans.values():
        problems.extend(_household_problems(plan))
    return plans, problems


def _add_address(plan: HouseholdPlan, row: MemberRow) -> list[Problem]:
    if not row.address:
        return []
    if not plan.address:
        plan.address, plan.address_line = row.address, row.line
        return []
    if fold(row.address) != fold(plan.address):
        return [Problem(row.line, TWO_ADDRESSES.format(code=plan.code, first=plan.address_line))]
    return []


def _household_problems(plan: HouseholdPlan) -> list[Problem]:
    problems = []
    heads = [row for row in plan.members if row.is_head]
    if not heads:
        problems.append(Problem(plan.first_line, NO_HEAD.format(code=plan.code)))
    for extra in heads[1:]:
        problems.append(Problem(extra.line, TWO_HEADS.format(code=plan.code, first=heads[0].line)))
    seen: dict[tuple, int] = {}
    for row in plan.members:
        key = row.identity()
        if key in seen:
            born = (
                f"sinh {format_date(row.date_of_birth)}"
                if row.date_of_birth
                else "không ghi ngày sinh"
            )
            problems.append(
                Problem(
                    row.line,
                    DUPLICATE_PERSON.format(
                        name=shorten(row.full_name, 60), born=born, first=seen[key], code=plan.code
                    ),
                )
            )
        else:
            seen[key] = row.line
    return problems


def validate(
    table: Table,
    villages: VillageIndex,
    *,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, HouseholdPlan], list[Problem]]:
    """Check every row of ``table``; return the households to write and all problems, sorted
    by line. ``progress(rows_done)`` is called every ``PROGRESS_EVERY`` rows."""
    rows, problems = [], []
    for done, (line, cells) in enumerate(table.rows, start=1):
        row, row_problems = parse_row(line, cells, table.columns, villages, today)
        rows.append(row)
        problems.extend(row_problems)
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
    plans, household_problems = group_households(rows)
    problems.extend(household_problems)
    problems.sort(key=lambda problem: problem.line)
    return plans, problems


def template_csv() -> bytes:
    """The downloadable template ``mau-nhap-ho.csv``: the header and two example rows, UTF-8
    with a BOM so that Excel opens the Vietnamese letters correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(EXAMPLE_ROWS)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
