"""Reading and checking register files, without the database: every invalid case gives its
line-numbered Vietnamese message."""

import unicodedata
import zipfile
from datetime import date
from io import BytesIO

import pytest

from dancoso.households import importing, law
from dancoso.households.importing import ImportFileError, VillageIndex

from .factories import csv_bytes, national_id, row, xlsx_bytes

TODAY = date(2026, 6, 1)
VILLAGES = VillageIndex([(1, "Thôn Bản Lải"), (2, "Thôn Nà Sla")], "Xã Cao Lộc")
MB = 1_048_576


def check(data: bytes, name: str = "so-ho.csv"):
    table = importing.read_table(data, name, max_bytes=MB)
    plans, problems = importing.validate(table, VILLAGES, today=TODAY)
    return plans, [p.text() for p in problems]


def file_error(data: bytes, name: str = "so-ho.csv", **kwargs) -> list[str]:
    with pytest.raises(ImportFileError) as refused:
        importing.read_table(data, name, max_bytes=kwargs.pop("max_bytes", MB), **kwargs)
    return refused.value.messages


def test_the_template_file_is_valid_and_has_two_example_rows():
    data = importing.template_csv()
    assert data.startswith("\ufeff".encode())
    plans, problems = check(data)
    assert problems == []
    assert [len(plan.members) for plan in plans.values()] == [2]


def test_headers_match_without_case_or_diacritics_and_rows_are_normalised():
    header = [
        "Mã hộ",
        "THÔN",
        "Địa chỉ",
        "Họ tên",
        "Ngày sinh",
        "Giới tính",
        "Số định danh",
        "Số điện thoại",
        "Quan hệ",
        "Đại diện",
    ]
    nid = national_id(900001, born=date(1975, 5, 1))
    data = csv_bytes(
        [
            row(
                village="bản lải",
                nid=f" {nid} ",
                phone="+84 912 345 678",
                born="1/5/1975",
                relation="chủ hộ",
                rep="X",
            )
        ],
        columns=header,
    )
    plans, problems = check(data)
    assert problems == []
    member = plans["HO-1"].members[0]
    assert (plans["HO-1"].village_id, member.national_id, member.phone) == (1, nid, "0912345678")
    assert (member.is_head, member.is_representative, member.gender) == (True, True, "nam")
    assert member.date_of_birth == date(1975, 5, 1)


def test_a_bom_and_semicolons_are_accepted():
    plans, problems = check(csv_bytes([row()], bom=True, delimiter=";"))
    assert problems == [] and list(plans) == ["HO-1"]


def test_an_xlsx_file_is_read_with_numbers_and_dates_as_typed_in_excel():
    nid = national_id(900002, born=date(1980, 1, 1))
    cells = [
        "HO-1",
        "Thôn Nà Sla",
        "",
        "Lò Văn Ba",
        date(1980, 1, 1),
        "Nam",
        int(nid),
        912345678,
        "Chủ hộ",
        "x",
    ]
    plans, problems = check(xlsx_bytes([cells]), "so-ho.xlsx")
    assert problems == []
    member = plans["HO-1"].members[0]
    assert (member.national_id, member.phone, member.date_of_birth) == (
        nid,
        "0912345678",
        date(1980, 1, 1),
    )


def test_every_row_error_is_reported_with_its_line_number():
    data = csv_bytes([
        row(nid="0201800002"),                                         # line 2
        row(code="HO-2", village="Thôn Không Có", name=""),            # line 3
        row(code="HO-3", born="31/02/1990", phone="0212345678"),       # line 4
        row(code="HO-4", born="01/01/2099", gender="khác", rep="có"),  # line 5
        row(code="HO-5", born="01/01/1899"),                           # line 6
    ])  # fmt: skip
    _plans, problems = check(data)
    assert problems == [
        "Dòng 2: số định danh '0201...' không hợp lệ — phải gồm 12 chữ số",
        "Dòng 3: thiếu họ và tên (cột ho_ten)",
        "Dòng 3: thôn 'Thôn Không Có' không có trong Xã Cao Lộc — các thôn của xã: "
        "Thôn Bản Lải, Thôn Nà Sla",
        "Dòng 4: ngày '31/02/1990' không hợp lệ — hãy ghi theo dạng ngày/tháng/năm, ví dụ "
        "05/09/1980",
        "Dòng 4: " + law.PHONE_INVALID.format(value="0212..."),
        "Dòng 5: ngày sinh 01/01/2099 ở tương lai — hãy kiểm tra lại",
        "Dòng 5: giới tính 'khác' không hợp lệ — ghi Nam, Nữ hoặc để trống",
        "Dòng 5: cột dai_dien chỉ ghi 'x' (là đại diện hộ) hoặc để trống, không ghi 'có'",
        "Dòng 6: ngày sinh 01/01/1899 trước năm 1900 — hãy kiểm tra lại",
    ]


def test_an_id_that_does_not_match_the_date_of_birth_is_reported():
    nid = national_id(900003, born=date(1990, 1, 1))
    _plans, problems = check(csv_bytes([row(born="01/01/1985", nid=nid)]))
    assert problems == [
        "Dòng 2: " + law.ID_YEAR_MISMATCH.format(value="0200...", digits="90", year=1985)
    ]


def test_an_unknown_province_code_is_reported():
    _plans, problems = check(csv_bytes([row(nid="003080000001")]))
    assert problems == ["Dòng 2: " + law.ID_BAD_PROVINCE.format(value="0030...", code="003")]


def test_the_same_id_twice_in_the_file_is_a_duplicate():
    nid = national_id(900004)
    data = csv_bytes([row(nid=nid), row(code="HO-2", name="Người Khác", nid=nid)])
    _plans, problems = check(data)
    assert problems == ["Dòng 3: số định danh '0200...' đã có ở dòng 2 — mỗi người chỉ ghi một lần"]


def test_the_same_name_and_birth_date_twice_in_a_household_is_a_duplicate():
    data = csv_bytes([row(), row(name="nguyễn văn an", relation="Con", rep="")])
    _plans, problems = check(data)
    assert problems == [
        "Dòng 3: 'nguyễn văn an' (sinh 01/01/1980) đã có ở dòng 2 của hộ "
        "'HO-1' — mỗi người chỉ ghi một lần"
    ]


def test_the_same_person_in_two_households_is_not_a_name_duplicate():
    _plans, problems = check(csv_bytes([row(), row(code="HO-2")]))
    assert problems == []


def test_each_household_needs_exactly_one_head():
    data = csv_bytes([
        row(code="HO-1", relation="Vợ", rep=""),
        row(code="HO-2"), row(code="HO-2", name="Lê Văn Hai", relation="Chủ hộ"),
    ])  # fmt: skip
    _plans, problems = check(data)
    assert problems == [
        "Dòng 2: hộ 'HO-1' chưa có chủ hộ — ghi 'Chủ hộ' ở cột quan_he cho đúng một người",
        "Dòng 4: hộ 'HO-2' đã có chủ hộ ở dòng 3 — mỗi hộ chỉ có đúng một chủ hộ",
    ]


def test_a_household_listed_in_two_villages_is_reported():
    data = csv_bytes([row(), row(village="Thôn Nà Sla", name="Lê Thị Ba", relation="Vợ", rep="")])
    _plans, problems = check(data)
    assert problems == [
        "Dòng 3: hộ 'HO-1' ghi thôn 'Thôn Nà Sla' khác với dòng 2 "
        "('Thôn Bản Lải') — một hộ chỉ thuộc một thôn"
    ]


def test_a_missing_household_code_is_reported():
    _plans, problems = check(csv_bytes([row(code="")]))
    assert problems == ["Dòng 2: thiếu mã hộ (cột ma_ho)"]


def test_missing_required_columns_are_named():
    data = b"ma_ho,ho_ten\nHO-1,An\n"
    assert file_error(data) == [importing.MISSING_COLUMNS.format(columns="thon, quan_he")]


@pytest.mark.parametrize("data", [b"", b"  \n", b"ma_ho,thon,ho_ten,quan_he\n"])
def test_an_empty_file_is_refused(data):
    assert file_error(data) == [importing.FILE_EMPTY]


@pytest.mark.parametrize("name, data", [
    ("so-ho.pdf", b"%PDF-1.4"),
    ("so-ho.csv", b"PK\x03\x04 zip pretending to be csv"),
    ("so-ho.xlsx", b"ma_ho,thon\n"),
    ("so-ho.csv", b"ma_ho\x00thon"),
    ("../../etc/passwd", b"root:x:0:0"),
])  # fmt: skip
def test_a_file_of_the_wrong_type_is_refused(name, data):
    [message] = file_error(data, name)
    assert message.startswith("Tệp “") and "không đúng loại" in message


def test_an_old_excel_file_is_refused_with_advice():
    assert file_error(b"\xd0\xcf\x11\xe0", "so-ho.xls") == [importing.FILE_OLD_EXCEL]


def test_a_csv_not_in_utf8_is_refused_with_advice():
    text = "ma_ho,thon,ho_ten,quan_he\nHO-1,Bản Lải,An,Chủ hộ\n"
    data = unicodedata.normalize("NFD", text).encode("cp1258", errors="replace")  # Windows
    assert file_error(data) == [importing.FILE_NOT_UTF8]


def test_a_broken_xlsx_is_refused():
    assert file_error(b"PK\x03\x04garbage", "so-ho.xlsx") == [importing.FILE_BROKEN_XLSX]


def test_a_zip_bomb_is_refused_before_unpacking():
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * MB))
    assert file_error(out.getvalue(), "so-ho.xlsx") == [importing.FILE_BROKEN_XLSX]


def test_a_file_too_big_is_refused():
    assert file_error(b"x" * 2048, max_bytes=1024) == [
        importing.FILE_TOO_BIG.format(size="0,0", limit="0,0")
    ]


def test_too_many_rows_are_refused():
    data = csv_bytes([row(code=f"HO-{n}") for n in range(6)])
    assert file_error(data, max_rows=5) == [importing.FILE_TOO_MANY_ROWS.format(limit="5")]


def test_blank_lines_are_skipped_but_keep_line_numbers():
    data = (
        csv_bytes([row()])
        + b",,,,,,,,,\n"
        + csv_bytes([row(code="HO-2", nid="1")])[len(",".join(importing.COLUMNS)) + 2 :]
    )
    _plans, problems = check(data)
    assert problems == ["Dòng 4: số định danh '1' không hợp lệ — phải gồm 12 chữ số"]


def test_a_village_may_be_named_without_its_kind_when_unambiguous():
    index = VillageIndex([(1, "Thôn Bản Lải"), (2, "Bản Lải"), (3, "Tổ dân phố 5")])
    assert index.find("BẢN LẢI") == 2
    assert index.find("thon ban lai") == 1
    assert index.find("5") == 3
    assert index.find("Nà Sla") is None


def test_progress_is_reported_every_500_rows():
    data = csv_bytes([row(code=f"HO-{n}") for n in range(1200)])
    table = importing.read_table(data, "a.csv", max_bytes=MB)
    seen = []
    importing.validate(table, VILLAGES, today=TODAY, progress=seen.append)
    assert seen == [500, 1000]


def test_a_village_with_id_zero_is_still_found():
    assert VillageIndex([(0, "Thôn A")]).find("thôn a") == 0
