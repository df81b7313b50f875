"""Every refusal of the importer names the file, the line and what to fix (no database)."""

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dancoso.resolutions import importing

SAMPLE = Path(__file__).with_name("sample.yaml").read_text(encoding="utf-8")
CODES = ["resolutions_test.share"]
PLACE = object()


def find_place(level, code):
    if (level, code) == ("commune", 6193):
        return PLACE, ["Xã Cao Lộc", "Xã Hợp Thành"]
    return None


def read(text: str, name="nq.yaml"):
    return importing.read(text.encode("utf-8"), name, indicator_codes=CODES, find_place=find_place)


def refused(text: str) -> importing.ImportRefused:
    with pytest.raises(importing.ImportRefused) as info:
        read(text)
    return info.value


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_sample_reads():
    draft = read(SAMPLE)
    assert draft.place is PLACE
    assert [t["code"] for t in draft.targets] == ["T1", "T2"]
    assert draft.measures[0]["items"][1]["targets"] == ["T2"]


def test_json_with_the_same_keys_reads_too():
    data = yaml.safe_load(SAMPLE)
    text = json.dumps(data, default=str, ensure_ascii=False, indent=2)
    assert read(text, "nq.json").fields["number"] == "12/2025/NQ-HĐND"


def test_json_refusal_has_its_line():
    data = yaml.safe_load(SAMPLE)
    data["targets"][0]["threshold"] = 120
    text = json.dumps(data, default=str, ensure_ascii=False, indent=2)
    error = refused(text)
    assert error.problems[0][0] == line_of(text, '"threshold": 120')


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        ("    indicator: resolutions_test.share\n", "", "- code: T1", "chưa có nguồn số liệu"),
        ("indicator: resolutions_test.share", "indicator: khong.co", "khong.co",
         "chưa được đăng ký"),
        ("    threshold: 100\n    amber_from: 90", "    threshold: 101\n    amber_from: 90",
         "threshold: 101", "từ 0 đến 100"),
        ("amber_from: 90", "amber_from: 100", "amber_from: 100", "thấp hơn mức đạt"),
        ("due: 2025-12-31", "due: 2025-01-31", "due: 2025-01-31", "ngoài thời gian hiệu lực"),
        ("effective_until: null", "effective_until: 2025-01-01", "effective_until",
         "phải sau ngày có hiệu lực"),
        ("  - code: T2", "  - code: T1", "  - code: T1\n    text: \"100% người", "đã dùng ở dòng"),
        ("targets: [T2]", "targets: [T9]", "targets: [T9]", "không có trong “targets”"),
        ("place_code: 6193", "place_code: 9999", "place_code", "Không có xã"),
        ("place_name: \"Xã Cao Lộc\"", "place_name: \"Xã Ba Sơn\"", "place_name", "không phải"),
        ("    threshold: 100\n    manual", "    treshold: 100\n    manual", "treshold",
         "gõ nhầm"),
        ("format: dancoso-resolution/1", "format: dancoso-resolution/2", "format:", "format"),
        ("issued_on: 2025-08-20", "issued_on: 20/08/2025", "issued_on", "YYYY-MM-DD"),
        ("  level: commune\n  name", "  level: district\n  name", "level: district",
         "province | commune"),
        ("      unit: percent", "      unit: households", "unit: households", "unit: percent"),
        ("  - code: M1\n", "  - code: \"M 1\"\n", "code: \"M 1\"", "không hợp lệ"),
        ("implementer: \"Ủy ban nhân dân xã\"\n", "", "format:", "implementer"),
    ],
)  # fmt: skip
def test_every_refusal_names_file_line_and_fix(old, new, needle, expected):
    assert old in SAMPLE
    text = SAMPLE.replace(old, new, 1)
    error = refused(text)
    matching = [(line, m) for line, m in error.problems if expected in m]
    assert matching, error.messages
    wanted_line = line_of(text, needle)
    assert matching[0][0] == wanted_line
    assert error.messages[0].startswith("nq.yaml, dòng ")


def test_both_indicator_and_manual_refused():
    text = SAMPLE.replace(
        "    indicator: resolutions_test.share\n",
        "    indicator: resolutions_test.share\n    manual:\n      reported_by: village\n"
        "      unit: percent\n",
    )
    assert "chỉ chọn một nguồn" in str(refused(text))


def test_duplicate_key_refused():
    text = SAMPLE.replace('source: "Tệp thử nghiệm"', "source: a\nsource: b")
    error = refused(text)
    assert "xuất hiện hai lần" in str(error)
    assert error.problems[0][0] == line_of(text, "source: b")


def test_syntax_error_names_the_line():
    text = SAMPLE.replace('title: "Nghị', 'title: ["Nghị', 1)
    assert "không đọc được" in str(refused(text))


def test_aliases_refused():
    text = SAMPLE.replace('source: "Tệp thử nghiệm"', 'source: &s "x"\nreporting2: *s')
    assert "tham chiếu" in str(refused(text))


def test_not_utf8_and_too_big_refused():
    with pytest.raises(importing.ImportRefused, match="UTF-8"):
        importing.read(b"\xff\xfe\x00", "x.yaml", indicator_codes=CODES, find_place=find_place)
    big = b"#" * (importing.MAX_BYTES + 1)
    with pytest.raises(importing.ImportRefused, match="1 MB"):
        importing.read(big, "x.yaml", indicator_codes=CODES, find_place=find_place)


def test_all_problems_reported_at_once():
    text = SAMPLE.replace("threshold: 100\n    amber", "threshold: -1\n    amber").replace(
        "targets: [T2]", "targets: [T7]"
    )
    assert len(refused(text).problems) >= 2


def test_former_place_name_accepted_without_marks():
    assert read(SAMPLE.replace('Xã Cao Lộc"\neffective', 'xa hop thanh"\neffective'))


@given(st.one_of(st.floats(allow_nan=True), st.integers(-500, 500), st.text(max_size=5)))
def test_any_threshold_is_read_or_refused_never_crashes(value):
    text = SAMPLE.replace(
        "threshold: 100\n    manual", f"threshold: {json.dumps(value)}\n    manual"
    )
    try:
        draft = read(text)
    except importing.ImportRefused as error:
        assert all(line >= 1 for line, _ in error.problems)
    else:
        assert 0 <= float(draft.targets[1]["threshold"]) <= 100


@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    try:
        read(text)
    except importing.ImportRefused as error:
        assert error.messages
