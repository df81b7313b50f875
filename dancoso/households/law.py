"""Pure rules for the personal identifiers kept in the household register (no ORM imports).

Each rule cites where it comes from and since when it applies. Every function either returns
the normalised value or raises ``InvalidValue`` carrying a Vietnamese message (a constant
below, so tests and pages share the words). Messages never repeat a whole identifier: only its
first characters (``shorten``), because the error list is stored and shown (Law 91/2025/QH15,
data minimisation).
"""

import re
import unicodedata
from datetime import date, datetime

from dancoso.accounts.contact import normalise_phone
from dancoso.core.text import fold as fold_marks


class InvalidValue(ValueError):
    """A value broke one of the rules below; ``message`` says what to fix (Vietnamese)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


# --- Personal identification number (số định danh cá nhân, also the CCCD number) -------------

# Codes of the province or city where the birth was registered (mã tỉnh nơi đăng ký khai
# sinh), the 63 codes of the list annexed to Circular 07/2016/TT-BCA and kept by Circular
# 59/2021/TT-BCA. The 2025 province merger did not renumber identification numbers already
# issued, so the old list stays the reference.
PROVINCE_BIRTH_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

ID_NOT_12_DIGITS = "số định danh '{value}' không hợp lệ — phải gồm 12 chữ số"
ID_BAD_PROVINCE = (
    "số định danh '{value}' không hợp lệ — 3 chữ số đầu ({code}) không phải mã tỉnh nơi "
    "đăng ký khai sinh (001–096)"
)
ID_FUTURE_YEAR = (
    "số định danh '{value}' không hợp lệ — chữ số thứ 4 và 5–6 chỉ năm sinh {year}, ở tương lai"
)
ID_CENTURY_MISMATCH = (
    "số định danh '{value}' không khớp ngày sinh — chữ số thứ 4 ({digit}) chỉ người sinh "
    "năm {first}–{last}, nhưng ngày sinh ghi năm {year}"
)
ID_YEAR_MISMATCH = (
    "số định danh '{value}' không khớp ngày sinh — chữ số thứ 5–6 ({digits}) phải là hai "
    "số cuối của năm sinh {year}"
)
ID_GENDER_MISMATCH = (
    "số định danh '{value}' không khớp giới tính — chữ số thứ 4 ({digit}) chỉ giới tính "
    "{coded}, nhưng cột giới tính ghi {given}"
)


def shorten(value: str, keep: int = 4) -> str:
    """The first ``keep`` characters and an ellipsis: enough to find the cell, not the person."""
    value = str(value).strip()
    return value if len(value) <= keep else value[:keep] + "..."


def parse_national_id(raw: str, *, today: date) -> str:
    """Check a personal identification number (số định danh cá nhân) and return its 12 digits.

    Structure (Law on Identification 26/2023/QH15, Art. 12, in force from 01/07/2024; structure
    set by Decree 137/2015/NĐ-CP Art. 13, from 15/02/2016, kept by Decree 70/2024/NĐ-CP from
    01/07/2024; codes in Circular 59/2021/TT-BCA Art. 7, from 01/07/2021): 3 digits for the
    province where the birth was registered, 1 digit for century and gender, 2 digits for the
    year of birth, 6 random digits. Spaces, dots and dashes typed between digit groups are
    dropped. The coded year may not lie in the future.
    """
    value = re.sub(r"[\s.\-]", "", str(raw))
    if not re.fullmatch(r"[0-9]{12}", value):
        raise InvalidValue(ID_NOT_12_DIGITS.format(value=shorten(raw)))
    if value[:3] not in PROVINCE_BIRTH_CODES:
        raise InvalidValue(ID_BAD_PROVINCE.format(value=shorten(value), code=value[:3]))
    year = coded_birth_year(value)
    if year > today.year:
        raise InvalidValue(ID_FUTURE_YEAR.format(value=shorten(value), year=year))
    return value


def century_start(digit: int) -> int:
    """First year of the century coded by the 4th digit (Circular 59/2021/TT-BCA Art. 7):
    0–1 the 20th century (1900–1999), 2–3 the 21st, 4–5 the 22nd, 6–7 the 23rd, 8–9 the 24th."""
    return 1900 + (digit // 2) * 100


def coded_gender(digit: int) -> str:
    """Even codes are male (``"nam"``), odd codes female (``"nu"``), Circular 59/2021 Art. 7."""
    return "nam" if digit % 2 == 0 else "nu"


def coded_birth_year(national_id: str) -> int:
    """The year of birth a valid 12-digit number encodes (4th digit and digits 5–6)."""
    return century_start(int(national_id[3])) + int(national_id[4:6])


def cross_check_national_id(
    national_id: str, *, date_of_birth: date | None = None, gender: str = ""
) -> list[str]:
    """Messages for every disagreement between a valid number and the date of birth or the
    gender written beside it (Circular 59/2021/TT-BCA Art. 7). Empty when they agree or when
    the other value is missing."""
    problems = []
    digit = int(national_id[3])
    short = shorten(national_id)
    if date_of_birth is not None:
        first = century_start(digit)
        if not first <= date_of_birth.year <= first + 99:
            problems.append(
                ID_CENTURY_MISMATCH.format(
                    value=short, digit=digit, first=first, last=first + 99, year=date_of_birth.year
                )
            )
        elif int(national_id[4:6]) != date_of_birth.year % 100:
            problems.append(
                ID_YEAR_MISMATCH.format(
                    value=short, digits=national_id[4:6], year=date_of_birth.year
                )
            )
    if gender and gender != coded_gender(digit):
        names = {"nam": "Nam", "nu": "Nữ"}
        problems.append(
            ID_GENDER_MISMATCH.format(
                value=short, digit=digit, coded=names[coded_gender(digit)], given=names[gender]
            )
        )
    return problems


def mask_national_id(national_id: str | None) -> str:
    """Only the last 3 digits show (``*********123``), as in every list and page."""
    if not national_id:
        return ""
    return "*" * (len(national_id) - 3) + national_id[-3:]


# --- Mobile phone numbers ---------------------------------------------------------------------

PHONE_INVALID = (
    "số điện thoại '{value}' không hợp lệ — phải là số di động 10 chữ số bắt đầu bằng "
    "03, 05, 07, 08 hoặc 09 (có thể viết +84…)"
)


def parse_phone(raw: str) -> str:
    """Check a Vietnamese mobile number and return it as 10 digits starting with 0 (rules and
    sources in ``dancoso.accounts.contact``, which sign-in shares)."""
    value = normalise_phone(raw)
    if value is None:
        raise InvalidValue(PHONE_INVALID.format(value=shorten(raw)))
    return value


# --- Dates ------------------------------------------------------------------------------------

EARLIEST_BIRTH_YEAR = 1900
DATE_INVALID = "ngày '{value}' không hợp lệ — hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/09/1980"
DATE_IN_FUTURE = "ngày sinh {value} ở tương lai — hãy kiểm tra lại"
DATE_TOO_EARLY = "ngày sinh {value} trước năm 1900 — hãy kiểm tra lại"


def parse_date(raw: str) -> date:
    """Read a date written dd/mm/yyyy (the Vietnamese way; ``-`` and ``.`` also separate)."""
    text = str(raw).strip()
    match = re.fullmatch(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})", text)
    if not match:
        raise InvalidValue(DATE_INVALID.format(value=text[:20]))
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidValue(DATE_INVALID.format(value=text)) from exc


def check_birth_date(value: date, *, today: date) -> date:
    """A date of birth may not be in the future nor before 1900 (a typing error, not a
    person)."""
    if value > today:
        raise InvalidValue(DATE_IN_FUTURE.format(value=format_date(value)))
    if value.year < EARLIEST_BIRTH_YEAR:
        raise InvalidValue(DATE_TOO_EARLY.format(value=format_date(value)))
    return value


def parse_birth_date(raw, *, today: date) -> date:
    """``parse_date`` then ``check_birth_date``; spreadsheet date cells are taken as they are."""
    if isinstance(raw, datetime):
        raw = raw.date()
    value = raw if isinstance(raw, date) else parse_date(raw)
    return check_birth_date(value, today=today)


def format_date(value: date) -> str:
    """dd/mm/yyyy (DESIGN.md: dates shown the Vietnamese way)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


# --- Text -------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Text compared without case, diacritics or extra spaces: ``"Mã  Hộ"`` → ``"ma ho"``.

    Used for column names, village names and duplicate names; đ/Đ fold to d (the one folding
    of ``core.text``, spaces collapsed)."""
    return " ".join(fold_marks(str(text)).split())


def tidy(text) -> str:
    """A cell as clean text: NFC-normalised (files made on a Mac are NFD), spaces collapsed."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


# --- Exports of the register ------------------------------------------------------------------

# Personal data is processed only for a specific, clear purpose and within the scope it needs
# (Law 91/2025/QH15 on Personal Data Protection, Art. 3, in force from 01/01/2026; detailed by
# Decree 356/2025/NĐ-CP). An export of the register therefore states its purpose from this list,
# national ID numbers leave masked, and phone numbers only when asked for.
EXPORT_RULES_FROM = date(2026, 1, 1)
EXPORT_PURPOSES: dict[str, str] = {
    "hop_cong_dong": "Họp cộng đồng dân cư",
    "gui_truong_thon": "Gửi trưởng thôn",
    "doi_soat": "Đối soát sổ hộ",
    "khac": "Khác",
}
OTHER_PURPOSE = "khac"
PURPOSE_TEXT_MAX = 200
PURPOSE_REQUIRED = "Hãy chọn mục đích xuất sổ hộ."
PURPOSE_TEXT_REQUIRED = "Đã chọn mục đích “Khác”: hãy ghi rõ dùng danh sách để làm gì."
PURPOSE_TEXT_TOO_LONG = "Mục đích dài quá {limit} ký tự — hãy ghi ngắn gọn."
PURPOSE_HAS_NUMBER = (
    "Mục đích không được chứa số định danh hay số điện thoại — chỉ ghi việc cần dùng danh sách."
)


def check_export_purpose(purpose: str, text: str = "") -> tuple[str, str]:
    """The purpose of an export (a key of ``EXPORT_PURPOSES``) and, for "khác", its tidied
    description, which is kept in the audit log: so it may not hold a run of 9 or more digits
    (an ID or phone number). Law 91/2025/QH15 Art. 3, from ``EXPORT_RULES_FROM``."""
    if purpose not in EXPORT_PURPOSES:
        raise InvalidValue(PURPOSE_REQUIRED)
    if purpose != OTHER_PURPOSE:
        return purpose, ""
    text = tidy(text)
    if not text:
        raise InvalidValue(PURPOSE_TEXT_REQUIRED)
    if len(text) > PURPOSE_TEXT_MAX:
        raise InvalidValue(PURPOSE_TEXT_TOO_LONG.format(limit=PURPOSE_TEXT_MAX))
    if re.search(r"[0-9](?:[\s.\-]?[0-9]){8}", text):
        raise InvalidValue(PURPOSE_HAS_NUMBER)
    return purpose, text
