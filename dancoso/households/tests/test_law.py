"""The identifier rules, over their whole input space (hypothesis), without a database."""

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dancoso.households import law
from dancoso.households.law import InvalidValue

TODAY = date(2026, 6, 1)
provinces = st.sampled_from(sorted(law.PROVINCE_BIRTH_CODES))
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
randoms = st.integers(min_value=0, max_value=999_999)


def build_id(province: str, born: date, male: bool, serial: int) -> str:
    digit = (born.year - 1900) // 100 * 2 + (0 if male else 1)
    return f"{province}{digit}{born.year % 100:02d}{serial:06d}"


@given(provinces, births, st.booleans(), randoms)
def test_a_well_formed_number_is_accepted_and_agrees_with_its_owner(province, born, male, serial):
    number = build_id(province, born, male, serial)
    assert law.parse_national_id(number, today=TODAY) == number
    assert (
        law.cross_check_national_id(number, date_of_birth=born, gender="nam" if male else "nu")
        == []
    )


@given(provinces, births, st.booleans(), randoms)
def test_separators_typed_between_groups_are_dropped(province, born, male, serial):
    number = build_id(province, born, male, serial)
    typed = f"{number[:3]} {number[3:6]}.{number[6:9]}-{number[9:]}"
    assert law.parse_national_id(typed, today=TODAY) == number


@given(st.text(max_size=20) | st.text("0123456789 .-٠١", max_size=16))
def test_anything_but_twelve_digits_is_refused_with_the_rule(text):
    assume(not re.fullmatch(r"[0-9]{12}", re.sub(r"[\s.\-]", "", text)))
    with pytest.raises(InvalidValue) as refused:
        law.parse_national_id(text, today=TODAY)
    assert "không hợp lệ" in refused.value.message


def test_message_names_the_rule_and_shows_only_the_start_of_the_number():
    with pytest.raises(InvalidValue) as refused:
        law.parse_national_id("02018000022", today=TODAY)
    assert refused.value.message == law.ID_NOT_12_DIGITS.format(value="0201...")
    assert "02018000022" not in refused.value.message


@given(st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}"), randoms)
def test_only_the_official_province_codes_are_accepted(code, serial):
    number = f"{code}080{serial:06d}"
    if code in law.PROVINCE_BIRTH_CODES:
        assert law.parse_national_id(number, today=TODAY) == number
    else:
        with pytest.raises(InvalidValue) as refused:
            law.parse_national_id(number, today=TODAY)
        assert "mã tỉnh" in refused.value.message


def test_province_list_is_the_63_codes_between_001_and_096():
    assert len(law.PROVINCE_BIRTH_CODES) == 63
    assert min(law.PROVINCE_BIRTH_CODES) == "001" and max(law.PROVINCE_BIRTH_CODES) == "096"
    assert "003" not in law.PROVINCE_BIRTH_CODES and "020" in law.PROVINCE_BIRTH_CODES


@given(st.integers(min_value=4, max_value=9), st.integers(0, 99), randoms)
def test_a_birth_year_in_a_future_century_is_refused(digit, yy, serial):
    with pytest.raises(InvalidValue) as refused:
        law.parse_national_id(f"001{digit}{yy:02d}{serial:06d}", today=TODAY)
    assert "tương lai" in refused.value.message


def test_the_rest_of_this_century_is_refused_too():
    with pytest.raises(InvalidValue):
        law.parse_national_id("001227000001", today=TODAY)  # 2027
    assert law.parse_national_id("001226000001", today=TODAY) == "001226000001"


@given(provinces, births, births, st.booleans(), randoms)
def test_a_number_that_codes_another_year_does_not_match_the_date_of_birth(
    province, born, other, male, serial
):
    assume(born.year != other.year)
    number = build_id(province, other, male, serial)
    problems = law.cross_check_national_id(number, date_of_birth=born)
    assert len(problems) == 1
    assert "không khớp ngày sinh" in problems[0]


@given(provinces, births, st.booleans(), randoms)
def test_the_gender_digit_must_match_the_gender_column(province, born, male, serial):
    number = build_id(province, born, male, serial)
    problems = law.cross_check_national_id(number, gender="nu" if male else "nam")
    assert len(problems) == 1 and "giới tính" in problems[0]


def test_century_codes_follow_circular_59_2021():
    assert [law.century_start(d) for d in range(10)] == [
        1900,
        1900,
        2000,
        2000,
        2100,
        2100,
        2200,
        2200,
        2300,
        2300,
    ]
    assert [law.coded_gender(d) for d in (0, 1, 2, 3)] == ["nam", "nu", "nam", "nu"]


def test_mask_shows_only_the_last_three_digits():
    assert law.mask_national_id("020075000111") == "*********111"
    assert law.mask_national_id(None) == ""


# --- phones ---

prefixes = st.sampled_from(["03", "05", "07", "08", "09"])
tails = st.integers(min_value=0, max_value=99_999_999).map(lambda n: f"{n:08d}")


@given(prefixes, tails)
def test_mobile_numbers_are_accepted_in_local_and_international_form(prefix, tail):
    local = prefix + tail
    assert law.parse_phone(local) == local
    assert law.parse_phone("+84" + local[1:]) == local
    assert law.parse_phone("84" + local[1:]) == local
    assert law.parse_phone(f"{local[:4]} {local[4:7]}.{local[7:]}") == local


@given(st.sampled_from(["00", "01", "02", "04", "06"]), tails)
def test_other_prefixes_are_not_mobile_numbers(prefix, tail):
    with pytest.raises(InvalidValue) as refused:
        law.parse_phone(prefix + tail)
    assert "03, 05, 07, 08 hoặc 09" in refused.value.message


@given(prefixes, st.integers(0, 10**12).map(str))
def test_a_wrong_length_is_refused(prefix, tail):
    assume(len(prefix + tail) != 10)
    with pytest.raises(InvalidValue):
        law.parse_phone(prefix + tail)


def test_an_old_eleven_digit_number_is_refused():
    with pytest.raises(InvalidValue):
        law.parse_phone("01689123456")


# --- dates ---


@given(births)
def test_a_birth_date_written_dd_mm_yyyy_reads_back(born):
    assert law.parse_birth_date(law.format_date(born), today=TODAY) == born


@given(st.dates(min_value=date(2026, 6, 2), max_value=date(2100, 1, 1)))
def test_a_birth_date_in_the_future_is_refused(born):
    with pytest.raises(InvalidValue) as refused:
        law.parse_birth_date(law.format_date(born), today=TODAY)
    assert "tương lai" in refused.value.message


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(1899, 12, 31)))
def test_a_birth_date_before_1900_is_refused(born):
    with pytest.raises(InvalidValue) as refused:
        law.parse_birth_date(law.format_date(born), today=TODAY)
    assert "1900" in refused.value.message


@pytest.mark.parametrize("text", ["31/02/1990", "1990-01-02", "1/1/90", "hôm qua", "13/13/2000"])
def test_impossible_or_badly_written_dates_are_refused(text):
    with pytest.raises(InvalidValue) as refused:
        law.parse_date(text)
    assert "ngày/tháng/năm" in refused.value.message


@given(st.text(max_size=30))
def test_date_parsing_never_crashes(text):
    try:
        assert isinstance(law.parse_date(text), date)
    except InvalidValue as exc:
        assert exc.message.startswith("ngày '")


# --- text folding ---


@given(st.text(max_size=40))
def test_fold_is_stable_and_ignores_spacing(text):
    assert law.fold(law.fold(text)) == law.fold(text)
    assert law.fold(f"  {text}  ") == law.fold(text)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ", max_size=40))
def test_fold_ignores_case_of_vietnamese_text(text):
    assert law.fold(text.upper()) == law.fold(text)


def test_fold_ignores_vietnamese_diacritics():
    assert law.fold("Mã  Hộ") == "ma ho" == law.fold("MA HO")
    assert law.fold("Số định danh") == law.fold("so dinh danh")
    assert law.fold("Đại diện") == "dai dien"


# --- export purposes (Law 91/2025/QH15 Art. 3) ---

words = st.text(st.characters(blacklist_categories=("Cs", "Nd")), min_size=1, max_size=60)


@given(st.sampled_from([k for k in law.EXPORT_PURPOSES if k != law.OTHER_PURPOSE]), st.text())
def test_a_listed_purpose_needs_no_text_and_keeps_none(purpose, text):
    assert law.check_export_purpose(purpose, text) == (purpose, "")


@given(words)
def test_another_purpose_keeps_its_tidied_text(text):
    assume(law.tidy(text))
    assert law.check_export_purpose("khac", text) == ("khac", law.tidy(text))


@given(words, st.from_regex(r"0[0-9]{2}([ .\-]?[0-9]){7,10}", fullmatch=True), words)
def test_another_purpose_may_not_carry_an_id_or_phone_number(before, number, after):
    with pytest.raises(InvalidValue) as refused:
        law.check_export_purpose("khac", f"{before} {number} {after}")
    assert refused.value.message in {law.PURPOSE_HAS_NUMBER, law.PURPOSE_TEXT_TOO_LONG.format(
        limit=law.PURPOSE_TEXT_MAX)}  # fmt: skip


@pytest.mark.parametrize(
    ("purpose", "text", "message"),
    [("", "", law.PURPOSE_REQUIRED), ("ban_du_lieu", "", law.PURPOSE_REQUIRED),
     ("khac", "   ", law.PURPOSE_TEXT_REQUIRED),
     ("khac", "x" * 201, law.PURPOSE_TEXT_TOO_LONG.format(limit=200))],
)  # fmt: skip
def test_a_missing_or_unknown_purpose_is_refused(purpose, text, message):
    with pytest.raises(InvalidValue) as refused:
        law.check_export_purpose(purpose, text)
    assert refused.value.message == message


def test_years_and_short_numbers_are_fine_in_a_purpose():
    assert law.check_export_purpose("khac", "Rà soát hộ nghèo năm 2026, đợt 2")[1]
