"""Search as residents type: without diacritics, with a wrong tone mark, with one wrong, missing,
extra or swapped letter — on SQLite (FTS5) and PostgreSQL (stored tsvector), both with the
vocabulary's one-letter neighbours: the same expectations (hypothesis)."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dancoso.core.actors import SystemActor
from dancoso.core.text import fold
from dancoso.disclosure.search import match_expression, one_letter_away, search_disclosures, terms

SYSTEM = SystemActor("tests")
TITLES = (
    "Kế hoạch sử dụng đất năm 2026 của xã Cao Lộc",
    "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ nhà ở",
    "Quyết toán ngân sách xã năm 2025 đã được phê chuẩn",
    "Thông báo gọi công dân nhập ngũ đợt tháng hai",
    "Phương án bồi thường giải phóng mặt bằng đường liên thôn",
)
TONE_SWAP = str.maketrans("àáảãạằắẳẵặầấẩẫậ", "áàãảạắằẵẳặấầẫẩậ")


@pytest.fixture
def register(world, publish):
    return {t: publish(SYSTEM, title=t, category="xa-14") for t in TITLES}


def mutate(word: str, kind: str, at: int, letter: str) -> str:
    """``word`` with one edit of ``kind`` at position ``at``."""
    at %= len(word)
    if kind == "replace":
        return word[:at] + letter + word[at + 1 :]
    if kind == "delete":
        return word[:at] + word[at + 1 :]
    if kind == "insert":
        return word[:at] + letter + word[at:]
    at = min(at, len(word) - 2)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def test_one_letter_away_is_exactly_distance_one():
    near = one_letter_away("dat")
    assert {"dt", "da", "at", "adt", "dta", "dat1", "dxt", "dast"} <= near
    assert "dat" not in near and "dta" in near and "tad" not in near
    assert all(abs(len(w) - 3) <= 1 for w in near)


def test_every_tone_mark_and_d_fold_away(world, register):
    target = register[TITLES[0]]
    for query in ("ke hoach su dung dat", "KẾ HOẠCH SỬ DỤNG ĐẤT", "kè hoạch sứ dụng dất"):
        assert target in search_disclosures(query, commune=world.commune)
    for mark in "àáảãạ":  # each tone mark on the a of "đất", đ as d
        assert target in search_disclosures(f"ke hoach su dung d{mark}t", commune=world.commune)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    title=st.sampled_from(TITLES),
    which=st.integers(min_value=0, max_value=20),
    kind=st.sampled_from(["replace", "delete", "insert", "swap"]),
    at=st.integers(min_value=0, max_value=20),
    letter=st.sampled_from("abcdeghiklmnopqrstuvxy"),
    marks=st.sampled_from(["none", "kept", "wrong"]),
)
def test_one_wrong_letter_in_a_word_still_finds_it(
    world, register, title, which, kind, at, letter, marks
):
    words = title.split()
    long_words = [i for i, w in enumerate(words) if len(fold(w)) >= 4 and fold(w).isalpha()]
    index = long_words[which % len(long_words)]
    typed = mutate(fold(words[index]), kind, at, letter)
    assume(typed != fold(words[index]))
    # A typo that spells another word of the register is read as that word: the
    # test keeps to typos that are not themselves a word or the start of one there.
    vocabulary = {w for t in TITLES for w in terms(t)}
    assume(not any(w.startswith(typed) for w in vocabulary))
    shown = {"none": fold, "kept": str, "wrong": lambda w: w.translate(TONE_SWAP)}[marks]
    query = " ".join(typed if i == index else shown(w) for i, w in enumerate(words))
    found = list(search_disclosures(query, commune=world.commune))
    assert register[title] in found, (query, [d.title for d in found])


def test_a_typo_in_a_short_query_finds_it_and_nonsense_finds_nothing(world, register):
    expected = {"sqlite": '"ke"* AND ("hoach")', "postgresql": "ke:* & (hoach)"}
    assert match_expression(["ke", "hoahc"]) == expected[connection.vendor]
    assert [d.title for d in search_disclosures("phuong an boi thuogn")] == [TITLES[4]]
    assert list(search_disclosures("zzzzqq")) == []


def test_nonsense_and_hostile_queries_find_nothing_and_never_fail(world, register):
    for query in ('"', "*", "a OR b", "NEAR(x y)", "x' OR 1=1 --", "^dat", "\\", "%_%"):
        assert len(list(search_disclosures(query, commune=world.commune))) >= 0
