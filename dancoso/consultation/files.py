"""Reading uploaded files without the database: attachment types by their magic bytes, and a
draft imported from DOCX (python-docx) and split into sections.

A DOCX is a ZIP archive: we refuse macro-enabled documents (.docm, a ``vbaProject.bin`` part or
a macro-enabled content type), archives that expand past a bound (zip bombs), and files over
the size limit, each with a message that says what to do. The split starts a new section at
every heading (a Word "Heading"/"Title" style, or a paragraph opening with Chương, Mục, Điều,
Phần followed by a number); where it cannot go on, the message names the paragraph.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

MB = 1024 * 1024
ATTACHMENT_MAX = 10 * MB
DOCX_MAX = 5 * MB
DOCX_MAX_EXPANDED = 50 * MB
MAX_SECTIONS = 500
HEADING_MAX = 300

TOO_BIG = "Tệp nặng {size} MB, vượt quá giới hạn {limit} MB — hãy nén hoặc tách tệp."
WRONG_TYPE = (
    "Tệp '{name}' không phải PDF, DOCX, XLSX, PNG hoặc JPEG (nội dung tệp không khớp) — "
    "hãy lưu lại đúng định dạng."
)
DOCX_ONLY = "Chỉ nhập dự thảo từ tệp .docx (Word) — lưu tệp dưới dạng .docx rồi tải lên lại."
MACROS = (
    "Tệp có macro (VBA) — vì an toàn, hệ thống không nhận. Hãy lưu lại dưới dạng "
    "“Tài liệu Word (.docx)” không có macro rồi tải lên lại."
)
NOT_A_DOCX = "Tệp không đọc được như một tài liệu Word (.docx) — có thể tệp bị hỏng."
EXPANDS_TOO_MUCH = "Tệp giải nén ra quá lớn (trên {limit} MB) — hệ thống không nhận."
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
MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "zip": (b"PK\x03\x04",),
}


class FileRefused(ValueError):
    """The file broke a rule above; ``message`` says what to fix (Vietnamese)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class DraftSection:
    """One section read from a draft: its heading and its paragraphs."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def megabytes(size: int) -> str:
    """A size in MB with a Vietnamese decimal comma ("5,0")."""
    return f"{size / MB:.1f}".replace(".", ",")


def safe_name(name: str) -> str:
    """The last path component of an uploaded name, without directories or control chars."""
    base = PurePath(str(name).replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return base[-150:] or "tep"


def check_size(size: int, limit: int) -> None:
    """Refuse a file larger than ``limit`` bytes, saying both sizes."""
    if size > limit:
        raise FileRefused(TOO_BIG.format(size=megabytes(size), limit=megabytes(limit)))


def _zip_kind(data: bytes) -> str:
    """ "docx" or "xlsx" for an Office archive without macros; refuses anything else."""
    archive = _open_zip(data)
    names = set(archive.namelist())
    types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise FileRefused(MACROS)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise FileRefused(NOT_A_DOCX)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FileRefused(NOT_A_DOCX) from exc
    if sum(info.file_size for info in archive.infolist()) > DOCX_MAX_EXPANDED:
        raise FileRefused(EXPANDS_TOO_MUCH.format(limit=DOCX_MAX_EXPANDED // MB))
    return archive


def attachment_kind(name: str, data: bytes) -> str:
    """The real type of an attachment (pdf, docx, xlsx, png, jpg), from its first bytes; the
    name's extension must agree. Anything else — SVG, HTML, executables — is refused."""
    check_size(len(data), ATTACHMENT_MAX)
    name = safe_name(name)
    suffix = PurePath(name).suffix.lower().lstrip(".")
    suffix = "jpg" if suffix == "jpeg" else suffix
    kind = next((k for k, heads in MAGIC.items() if data.startswith(heads)), None)
    if kind == "zip":
        if suffix in {"docm", "xlsm"}:
            raise FileRefused(MACROS)
        kind = _zip_kind(data)
    if kind is None or kind != suffix:
        raise FileRefused(WRONG_TYPE.format(name=name))
    return kind


IMAGE_BROKEN = (
    "Ảnh '{name}' bị hỏng hoặc quá lớn (tối đa {pixels} triệu điểm ảnh) — hãy lưu lại ảnh."
)
MAX_PIXELS = 25_000_000


def without_metadata(kind: str, name: str, data: bytes) -> bytes:
    """A PNG or JPEG re-encoded from its pixels only, so EXIF (GPS position, camera, author)
    and other metadata are dropped; other kinds are returned as they are. Images larger than
    ``MAX_PIXELS`` (decompression bombs) are refused."""
    if kind not in {"png", "jpg"}:
        return data
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise FileRefused(
                    IMAGE_BROKEN.format(name=safe_name(name), pixels=MAX_PIXELS // 10**6)
                )
            image.load()
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P" and image.getpalette():
                clean.putpalette(image.getpalette())
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise FileRefused(
            IMAGE_BROKEN.format(name=safe_name(name), pixels=MAX_PIXELS // 10**6)
        ) from exc
    out = io.BytesIO()
    clean.save(out, format="PNG" if kind == "png" else "JPEG", quality=90)
    return out.getvalue()


def _is_heading(paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Heading") or style == "Title":
        return True
    return bool(HEADING_TEXT.match(paragraph.text.strip()))


def read_docx_draft(name: str, data: bytes) -> list[DraftSection]:
    """Split a Word draft into sections at its headings (see the module docstring)."""
    if PurePath(safe_name(name)).suffix.lower() == ".docm":
        raise FileRefused(MACROS)
    if PurePath(safe_name(name)).suffix.lower() != ".docx":
        raise FileRefused(DOCX_ONLY)
    check_size(len(data), DOCX_MAX)
    if not data.startswith(MAGIC["zip"]) or _zip_kind(data) != "docx":
        raise FileRefused(NOT_A_DOCX)
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
