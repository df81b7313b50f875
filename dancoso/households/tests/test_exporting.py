"""The pure register writer: CSV and XLSX give the same cells, read back as written; ID numbers
always masked, phones only when asked, no cell a spreadsheet would run as a formula."""

import csv
import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dancoso.households import exporting, importing
from dancoso.households.exporting import Line, cells, neutralise, write

FORMULAS = ["=1+1", "+84912345678", "-2+3", "@SUM(A1:A2)", '=HYPERLINK("http://x.example")',
            "  =cmd|' /C calc'!A0", "\t=1", "\r=1", "=", "-"]  # fmt: skip
VIETNAMESE = ["Nguyễn Thị Ánh Tuyết", "Đặng Văn Đức", "Hoàng Thị Ngọc Bích", "Lò Văn Ún",
              "Thôn Khòn Khẻ", "Số 12, ngõ 3 – đường Bà Triệu", "Chủ hộ", "Con dâu"]  # fmt: skip
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
value = st.one_of(
    text,
    st.sampled_from(FORMULAS + VIETNAMESE),
    st.builds(lambda a, b: a + b, st.sampled_from(["=", "+", "-", "@", "\t", " ="]), text),
)
ids = st.one_of(st.none(), st.from_regex(r"0[0-9]{11}", fullmatch=True))
lines = st.builds(
    Line,
    code=st.sampled_from(["HO-001", "HO-002", "=HO-3", "HO-004"]),
    village=value,
    address=value,
    full_name=value,
    date_of_birth=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2026, 12, 31))),
    gender=st.sampled_from(["nam", "nu", ""]),
    national_id=ids,
    phone=st.sampled_from(["", "0912345678"]),
    relation=value,
    is_representative=st.booleans(),
)


def sorted_lines(items: list[Line]) -> list[Line]:
    return sorted(items, key=lambda line: line.code)


def line(**changes) -> Line:
    base = dict(code="HO-001", village="Thôn Bản Lải", address="Số 12", full_name="Hoàng Văn Minh",
                date_of_birth=date(1975, 5, 1), gender="nam", national_id="020075000111",
                phone="0912345678", relation="Chủ hộ", is_representative=True)  # fmt: skip
    return Line(**(base | changes))


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def read_xlsx(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row)  # no formula cell at all
    return [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]


def expected(items: list[Line], with_phones: bool) -> list[list[str]]:
    head = exporting.header(with_phones=with_phones)
    return [head] + [cells(item, with_phones=with_phones) for item in items]


@settings(max_examples=60, deadline=None)
@given(st.lists(lines, max_size=12), st.booleans())
def test_csv_and_xlsx_read_back_as_the_same_cells(items, with_phones):
    items = sorted_lines(items)
    as_csv = write(items, "csv", with_phones=with_phones)
    as_xlsx = write(items, "xlsx", with_phones=with_phones)
    assert read_csv(as_csv.content) == expected(items, with_phones)
    assert read_xlsx(as_xlsx.content) == expected(items, with_phones)
    assert as_csv.members == as_xlsx.members == len(items)
    assert as_csv.households == len({item.code for item in items})


@given(value)
def test_no_cell_starts_like_a_formula(raw):
    cell = neutralise(raw)
    assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t"))
    assert not cell.startswith("\t")
    assert cell == exporting.CONTROL.sub("", raw) or cell == "'" + exporting.CONTROL.sub("", raw)


@given(st.sampled_from(VIETNAMESE))
def test_ordinary_text_is_left_as_it_is(raw):
    assert neutralise(raw) == raw


@given(lines, st.booleans())
def test_national_ids_are_always_masked_and_phones_only_when_asked(item, with_phones):
    names = exporting.columns(with_phones=with_phones)
    row = dict(zip(names, cells(item, with_phones=with_phones), strict=True))
    if item.national_id:
        assert row["so_dinh_danh"] == "*********" + item.national_id[-3:]
    else:
        assert row["so_dinh_danh"] == ""
    assert ("so_dien_thoai" in row) is with_phones


def test_full_numbers_never_reach_either_file():
    for fmt in ("csv", "xlsx"):
        content = write([line()], fmt, with_phones=False).content
        text = content.decode("utf-8-sig") if fmt == "csv" else str(read_xlsx(content))
        assert "020075000111" not in text and "*********111" in text
        assert "0912345678" not in text
        assert "0912345678" in str(read_csv(write([line()], "csv", with_phones=True).content))


def test_header_is_vietnamese_and_the_import_reads_it_back():
    head = exporting.header(with_phones=True)
    assert head[:4] == ["Mã hộ", "Thôn", "Địa chỉ", "Họ tên"]
    assert list(importing.map_header(1, tuple(head))) == list(importing.COLUMNS)


def test_dates_gender_and_representative_are_written_the_vietnamese_way():
    row = cells(line(date_of_birth=date(1980, 9, 5), gender="nu", is_representative=False),
                with_phones=False)  # fmt: skip
    assert row[4:6] == ["05/09/1980", "Nữ"] and row[-1] == ""
    assert cells(line(), with_phones=False)[-1] == "x"


def test_counts_follow_household_codes():
    items = [line(), line(full_name="Nông Thị Lan"), line(code="HO-002")]
    written = write(items, "xlsx", with_phones=False)
    assert (written.households, written.members) == (2, 3)
    assert written.content_type == exporting.XLSX_TYPE
    assert written.content.startswith(b"PK\x03\x04")


def test_every_csv_cell_is_quoted_so_a_semicolon_cannot_open_a_new_cell():
    content = write([line(full_name="An;=HYPERLINK(1)")], "csv", with_phones=False).content
    text = content.decode("utf-8-sig")
    assert '"An;=HYPERLINK(1)"' in text and text.startswith('"Mã hộ","Thôn"')
