"""Pure rules for the text people type into a consultation: comments are plain text, limited in
length, and the only markup we ever produce from them is a link to an http(s) address (no
ORM imports). Rendering escapes everything first, then turns bare addresses into links that
open nothing on our side (``rel="nofollow ugc noopener"``)."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COMMENT_MIN = 3
COMMENT_MAX = 3000
COMMENT_TOO_SHORT = "Ý kiến quá ngắn — hãy viết ít nhất {n} ký tự."
COMMENT_TOO_LONG = (
    "Ý kiến dài {length} ký tự, vượt quá {n} ký tự — hãy rút gọn hoặc chia thành nhiều ý kiến."
)
TOO_MANY_LINKS = "Ý kiến có {count} đường liên kết; tối đa {n} — hãy bớt liên kết."
MAX_LINKS = 5

URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"


class InvalidText(ValueError):
    """The text broke a rule below; ``message`` says what to fix (Vietnamese)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def clean_comment(text: str, *, minimum: int = COMMENT_MIN, maximum: int = COMMENT_MAX) -> str:
    """Normalise (NFC, no control characters except new lines, trimmed) and check a comment."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = text.strip()
    if len(text) < minimum:
        raise InvalidText(COMMENT_TOO_SHORT.format(n=minimum))
    if len(text) > maximum:
        raise InvalidText(COMMENT_TOO_LONG.format(length=len(text), n=maximum))
    links = len(URL.findall(text))
    if links > MAX_LINKS:
        raise InvalidText(TOO_MANY_LINKS.format(count=links, n=MAX_LINKS))
    return text


def _split_url(match: str) -> tuple[str, str]:
    url = match
    tail = ""
    while url and url[-1] in TRAILING:
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def render_text(text: str) -> SafeString:
    """Plain text as safe HTML: escaped, paragraphs kept as line breaks, http(s) addresses as
    links. Nothing the author typed can become a tag or an attribute."""
    out: list[str] = []
    position = 0
    for match in URL.finditer(text or ""):
        out.append(escape(text[position : match.start()]))
        url, tail = _split_url(match.group(0))
        safe = escape(url)
        out.append(f'<a href="{safe}" rel="nofollow ugc noopener noreferrer">{safe}</a>')
        out.append(escape(tail))
        position = match.end()
    out.append(escape((text or "")[position:]))
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - every part escaped above
