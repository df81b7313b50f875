"""Removing personal data from a text before it is published: phone numbers, e-mail
addresses, identity numbers and the names given (the sender's). Pure, no database."""

import re

PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ID_NUMBER = re.compile(r"(?<!\d)\d{9}(?:\d{3})?(?!\d)")
HIDDEN = "[đã ẩn]"


def redact(text: str, names: tuple[str, ...] = ()) -> str:
    """``text`` with phone numbers, e-mail addresses, 9- or 12-digit identity numbers and
    every name in ``names`` (case-insensitive) replaced by ``[đã ẩn]`` (Law 91/2025/QH15:
    minimal personal data)."""
    for name in sorted(
        {n.strip() for n in names if n and len(n.strip()) >= 3}, key=len, reverse=True
    ):
        text = re.sub(re.escape(name), HIDDEN, text, flags=re.IGNORECASE)
    text = EMAIL.sub(HIDDEN, text)
    text = PHONE.sub(HIDDEN, text)
    return ID_NUMBER.sub(HIDDEN, text)
