"""A non-tracking challenge for bursts of public submissions: after a few submissions from one
address in a short time, the form asks a small sum written in words. No third party, no
cookie, nothing about the visitor stored: the question travels in a signed, expiring token,
and a used token is remembered (by its hash, in the cache) only until it expires."""

import hashlib
import secrets

from django.core import signing
from django.core.cache import cache

SALT = "dancoso.feedback.challenge"
MAX_AGE = 600  # seconds a question stays valid
# Checked before counting the submission in hand: "2/10m" lets 3 through in 10 minutes from one
# address, and asks the question from the 4th on.
BURST_RATE = "2/10m"
WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
WRONG = "Câu trả lời chưa đúng hoặc đã quá 10 phút. Hãy trả lời câu hỏi mới bên dưới."


def new_question() -> tuple[str, str]:
    """A question ("Ba cộng năm bằng mấy?") and its signed token."""
    a, b = secrets.randbelow(10) + 1, secrets.randbelow(10) + 1
    question = f"{WORDS[a].capitalize()} cộng {WORDS[b]} bằng mấy? (viết bằng chữ số)"
    token = signing.dumps({"s": a + b, "n": secrets.token_hex(8)}, salt=SALT, compress=True)
    return question, token


def passes(token: str, answer: str) -> bool:
    """Whether ``answer`` solves the question of ``token``, which must be fresh and unused."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    if str(answer or "").strip() != str(data.get("s")):
        return False
    used = "fb-ch-" + hashlib.sha256(token.encode()).hexdigest()
    return cache.add(used, 1, timeout=MAX_AGE)  # False when replayed
