"""Folding Vietnamese text for search, so "ke hoach su dung dat" finds "Kế hoạch sử dụng đất".

``fold`` lower-cases, removes every tone mark and vowel mark (à á ả ã ạ, ă â ê ô ơ ư) and maps
đ/Đ to d, one character in for one character out: the folded text has the same length as the
original, so a match found in the folded text marks the same span of the original
(highlighting). No domain knowledge; every app that searches uses it.
"""

import re
import unicodedata
from functools import lru_cache

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ı": "i"}
WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded: lower case, no marks, đ → d; a character that would not stay one
    character (ligatures, ß) is kept lower-cased when that is one character, else as is."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    base = base.lower()
    if len(base) == 1:
        return base
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold(text: str) -> str:
    """``text`` without marks, lower case, đ → d, same length (NFC input expected; other
    input is composed to NFC first, which may shorten it)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(fold_char(c) for c in text)


def words(text: str, limit: int = 12) -> list[str]:
    """The distinct folded words of a query, in order, at most ``limit``."""
    seen: list[str] = []
    for word in WORD.findall(fold(text)):
        if word not in seen:
            seen.append(word)
    return seen[:limit]
