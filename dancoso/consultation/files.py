"""Reading uploaded files without the database: what a consultation takes as attachments and
as a Word draft (checked by ``dancoso.core.files``: real type by its bytes, macros, zip bombs,
size, metadata), and a draft imported from DOCX (python-docx) and split into sections.

The split starts a new section at every heading (a Word "Heading"/"Title" style, or a
paragraph opening with Chương, Mục, Điều, Phần followed by a number); where it cannot go on,
the message names the paragraph.
"""

import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from dancoso.core.files import DOCUMENTS, DOCX, MB, FileRefused, Use, check, safe_name

ATTACHMENTS = Use(DOCUMENTS, 10 * MB)
DRAFTS = Use((DOCX,), 5 * MB)
MAX_SECTIONS = 500
HEADING_MAX = 300

DOCX_ONLY = "Chỉ nhập dự thảo từ tệp .docx (Word) — lưu tệp dưới dạng .docx rồi tải lên lại."
NOT_A_DOCX = "Tệp không đọc được như một tài liệu Word (.docx) — có thể tệp bị hỏng."
NO_HEADINGS = (
    "Không chia được dự thảo thành các phần: đã đọc hết {count} đoạn mà không thấy đề mục "
    "nào (kiểu Heading của Word, hoặc đoạn bắt đầu bằng “Chương …”, “Mục …”, “Điều …”, "
    "“Phần …”). Hãy đặt đề mục rồi tải lên lại, hoặc nhập từng phần bằng tay."
)
HEADING_TOO_LONG = (
    "Dừng ở đoạn {n}: đề mục dài {length} ký tự (tối đa {limit}) — có thể đây là đoạn văn "
    "bị đặt nhầm kiểu Heading."
)
TOO_MANY_SECTIONS = "Dừng ở đoạn {n}: dự thảo có quá {limit} phần — hãy gộp bớt đề mục."
EMPTY = "Tệp không có nội dung chữ nào."
PREAMBLE = "Phần mở đầu"

HEADING_TEXT = re.compile(r"^(Chương|Mục|Điều|Phần)\s+([0-9]+|[IVXLC]+)\b", re.IGNORECASE)


@dataclass
class DraftSection:
    """One section read from a draft: its heading and its paragraphs."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _is_heading(paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Heading") or style == "Title":
        return True
    return bool(HEADING_TEXT.match(paragraph.text.strip()))


def read_docx_draft(name: str, data: bytes) -> list[DraftSection]:
    """Split a Word draft into sections at its headings (see the module docstring)."""
    if PurePath(safe_name(name)).suffix.lower() not in {".docx", ".docm"}:
        raise FileRefused(DOCX_ONLY)
    data = check(data, name, DRAFTS).content
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise FileRefused(NOT_A_DOCX) from exc
    return split_paragraphs(document.paragraphs)


def split_paragraphs(paragraphs) -> list[DraftSection]:
    """Sections from python-docx paragraphs (anything with ``.text`` and ``.style.name``)."""
    sections: list[DraftSection] = []
    count = 0
    for n, paragraph in enumerate(paragraphs, start=1):
        text = paragraph.text.strip()
        if not text:
            continue
        count += 1
        if _is_heading(paragraph):
            if len(text) > HEADING_MAX:
                raise FileRefused(HEADING_TOO_LONG.format(n=n, length=len(text), limit=HEADING_MAX))
            if len(sections) >= MAX_SECTIONS:
                raise FileRefused(TOO_MANY_SECTIONS.format(n=n, limit=MAX_SECTIONS))
            sections.append(DraftSection(text))
        elif sections:
            sections[-1].paragraphs.append(text)
        else:
            sections.append(DraftSection(PREAMBLE, [text]))
    if not count:
        raise FileRefused(EMPTY)
    if all(s.heading == PREAMBLE for s in sections):
        raise FileRefused(NO_HEADINGS.format(count=count))
    return sections


@dataclass
class _Line:
    text: str
    style: None = None


def split_text(text: str) -> list[DraftSection]:
    """Sections from a typed draft: every line opening with Chương, Mục, Điều or Phần and a
    number (or with ``#``) starts a section; blank lines separate paragraphs."""
    lines = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        lines.append(_Heading(line.lstrip("# ").strip()) if line.startswith("#") else _Line(line))
    return split_paragraphs(lines)


@dataclass
class _Heading:
    text: str

    @property
    def style(self):
        return _HeadingStyle()


class _HeadingStyle:
    name = "Heading 1"
