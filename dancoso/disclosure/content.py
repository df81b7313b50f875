"""Checking what officials upload: the HTML body, sanitised to a safe subset with ``nh3``
(the Ammonia sanitiser), and attachments, checked by size and by their bytes (never the name
or the browser's claimed type), renamed by the server, with photo metadata removed.
No ORM import.
"""

import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import nh3

from dancoso.core.text import fold

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "a",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(value: str) -> str:
    """``value`` without control characters (NUL and the like; newlines and tabs kept):
    PostgreSQL refuses NUL in text and nobody means to type the others."""
    return CONTROL.sub("", str(value or ""))


def sanitise_html(raw: str) -> str:
    """The body kept to headings, paragraphs, lists, tables and links (http, https, mailto);
    scripts, styles, event handlers and ``javascript:`` URLs are removed."""
    return nh3.clean(
        strip_controls(raw),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def html_text(html: str) -> str:
    """The words of a sanitised body, without tags (for search and feeds)."""
    return re.sub(r"\s+", " ", nh3.clean(html or "", tags=set())).strip()


@dataclass(frozen=True)
class FileKind:
    """An accepted attachment type: extension and the content type it is served with."""

    ext: str
    content_type: str
    is_image: bool = False


PDF = FileKind("pdf", "application/pdf")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PNG = FileKind("png", "image/png", is_image=True)
JPEG = FileKind("jpg", "image/jpeg", is_image=True)

BAD_TYPE = (
    "Tệp “{name}” không phải PDF, DOCX, XLSX, PNG hoặc JPEG (hệ thống kiểm tra nội dung tệp, "
    "không dựa vào tên). Hãy lưu lại đúng định dạng rồi tải lên."
)
TOO_BIG = "Tệp “{name}” nặng {size} MB, quá giới hạn {limit} MB. Hãy nén hoặc chia nhỏ tệp."
ZIP_BOMB = "Tệp “{name}” khi giải nén quá lớn hoặc hỏng. Hãy lưu lại tệp rồi tải lên."
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000


class BadFile(ValueError):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def clean_name(raw: str) -> str:
    """A file name safe to show: no folders, no control or markup characters, at most 100
    characters (the stored name is made by the server, this one is only displayed)."""
    name = PurePath(str(raw or "").replace("\\", "/")).name
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if c.isalnum() or c in " ._-()")
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:100] or "tep"


def download_name(original: str, kind: FileKind) -> str:
    """An ASCII download name: the folded original stem and the extension of the real type."""
    stem = PurePath(original).stem
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:60] or "tep"
    return f"{ascii_stem}.{kind.ext}"


def _office_kind(data: bytes, name: str) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if len(members) > MAX_ZIP_MEMBERS or total > MAX_UNZIPPED:
                raise BadFile(ZIP_BOMB.format(name=name))
            names = {m.filename for m in members}
    except zipfile.BadZipFile as exc:
        raise BadFile(BAD_TYPE.format(name=name)) from exc
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    raise BadFile(BAD_TYPE.format(name=name))


def sniff(data: bytes, name: str) -> FileKind:
    """The real type of ``data`` from its first bytes (and, for DOCX/XLSX, the parts inside
    the archive); anything else is refused."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data, name)
    raise BadFile(BAD_TYPE.format(name=name))


def check_file(data: bytes, raw_name: str, *, max_bytes: int) -> tuple[FileKind, str, bytes]:
    """(kind, display name, bytes to store) for an upload, or ``BadFile`` saying what to fix.
    Photos lose their metadata (EXIF, GPS position, comments)."""
    name = clean_name(raw_name)
    if len(data) > max_bytes:
        raise BadFile(TOO_BIG.format(name=name, size=_mb(len(data)), limit=_mb(max_bytes)))
    kind = sniff(data, name)
    if kind is JPEG:
        data = strip_jpeg_metadata(data)
    elif kind is PNG:
        data = strip_png_metadata(data)
    elif kind in (DOCX, XLSX):
        data = strip_office_metadata(data)
    return kind, name, data


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def strip_jpeg_metadata(data: bytes) -> bytes:
    """A JPEG without its APP1–APP15 segments (EXIF, XMP, GPS) and comments; the picture
    data after the start-of-scan marker is copied unchanged. A malformed file is refused."""
    out = bytearray(data[:2])
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise BadFile(BAD_TYPE.format(name="ảnh"))
        marker = data[pos + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[pos:]
            return bytes(out)
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos : pos + 2 + length]
        if not (0xE1 <= marker <= 0xEF or marker == 0xFE):
            out += segment
        pos += 2 + length
    raise BadFile(BAD_TYPE.format(name="ảnh"))


_PNG_DROP = {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"}


def strip_png_metadata(data: bytes) -> bytes:
    """A PNG without its text, EXIF and time chunks."""
    out = bytearray(data[:8])
    pos = 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos : pos + 12 + length]
        if kind not in _PNG_DROP:
            out += chunk
        pos += 12 + length
        if kind == b"IEND":
            return bytes(out)
    raise BadFile(BAD_TYPE.format(name="ảnh"))


EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)


def strip_office_metadata(data: bytes) -> bytes:
    """A DOCX/XLSX whose document properties (author, last editor, company: ``docProps/core.xml``
    and ``docProps/app.xml``) are emptied; every other part is copied unchanged."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            body = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                body = EMPTY_CORE
            elif member.filename == "docProps/app.xml":
                body = body.split(b"<Properties", 1)[0] + (
                    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'extended-properties"/>'
                )
            target.writestr(member, body, compress_type=member.compress_type)
    return out.getvalue()
