"""Folding Vietnamese text: every tone mark, every vowel mark, đ; same length (hypothesis)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dancoso.core.text import fold, words

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng
PLAIN = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}


def syllable_char(base: str, tone: str, upper: bool) -> str:
    char = unicodedata.normalize("NFC", base + tone)
    return char.upper() if upper else char


@given(st.sampled_from(BASES), st.sampled_from(TONES), st.booleans())
def test_every_vowel_with_every_tone_folds_to_its_plain_letter(base, tone, upper):
    assert fold(syllable_char(base, tone, upper)) == PLAIN.get(base, base)


@given(st.sampled_from(["đ", "Đ"]))
def test_d_with_stroke_folds_to_d(char):
    assert fold(char) == "d"


def test_the_brief_example_and_a_wrong_tone():
    assert fold("Kế hoạch sử dụng đất") == "ke hoach su dung dat"
    assert fold("kế hoạch sư dụng đât") == fold("Kế hoạch sử dụng đất")


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs", "P"])))
def test_folding_keeps_the_length_of_composed_text_and_is_idempotent(text):
    composed = unicodedata.normalize("NFC", text)
    folded = fold(composed)
    assert len(folded) == len(composed)
    assert fold(folded) == folded


@given(st.lists(st.sampled_from(["Đất", "đai", "ĐẤT", "nhà"]), max_size=20))
def test_query_words_are_distinct_folded_and_bounded(parts):
    found = words(" ".join(parts), limit=3)
    assert len(found) == len(set(found)) <= 3
    assert all(w == fold(w) for w in found)
