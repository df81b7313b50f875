"""One check for every uploaded file (SECURITY.md test 20), whichever app receives it.

A file's type is read from its bytes (magic numbers, and for DOCX/XLSX the parts inside the
archive), never from its name or the browser's claim; each use (a disclosure, a resident's
report, a consultation draft) says which kinds it takes and how large they may be. SVG, HTML
and executables are refused; Office files with macros or that expand past a bound (zip bombs)
are refused; what is kept loses its metadata: photos are re-encoded from their pixels (EXIF
GPS position only on request), Office document properties are emptied, and a PDF loses its
document information, XMP, JavaScript, automatic actions and embedded files. The stored name
is made by the server; the shown name has no folders or markup; downloads get an ASCII name
with the extension of the real type. Pure apart from Pillow and pypdf; no database.
"""

import io
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from dancoso.core.text import fold

MB = 1024 * 1024
MAX_UNZIPPED = 100 * MB
MAX_ZIP_MEMBERS = 5000
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before its pixels are decoded


@dataclass(frozen=True)
class FileKind:
    """An accepted type: its extension, the content type it is served with, its name in
    messages and the name endings that may stand for it."""

    ext: str
    content_type: str
    label: str
    endings: tuple[str, ...]
    is_image: bool = False


PDF = FileKind("pdf", "application/pdf", "PDF", ("pdf",))
DOCX = FileKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "DOCX",
    ("docx",),
)
XLSX = FileKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", ("xlsx",)
)
PNG = FileKind("png", "image/png", "PNG", ("png",), is_image=True)
JPEG = FileKind("jpg", "image/jpeg", "JPEG", ("jpg", "jpeg", "jpe"), is_image=True)
DOCUMENTS = (PDF, DOCX, XLSX, PNG, JPEG)
IMAGES = (PNG, JPEG)
BY_EXT = {kind.ext: kind for kind in DOCUMENTS}
MACRO_ENDINGS = {"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm"}

BAD_TYPE = (
    "Tệp “{name}” không phải {kinds} (hệ thống kiểm tra nội dung tệp, không dựa vào tên). "
    "Hãy lưu lại đúng định dạng rồi tải lên."
)
WRONG_ENDING = (
    "Tệp “{name}” có đuôi .{ending} nhưng nội dung là {label}. Hãy đổi tên cho đúng loại tệp "
    "hoặc chọn đúng tệp."
)
SVG = (
    "Không nhận ảnh SVG “{name}” (loại ảnh này có thể chứa mã chạy được). Hãy lưu ảnh dưới "
    "dạng PNG hoặc JPEG rồi tải lên."
)
TOO_BIG = "Tệp “{name}” nặng {size} MB, vượt quá giới hạn {limit} MB. {advice}"
ZIP_BOMB = "Tệp “{name}” khi giải nén quá lớn hoặc hỏng. Hãy lưu lại tệp rồi tải lên."
MACROS = (
    "Tệp “{name}” có macro (VBA) — vì an toàn, hệ thống không nhận. Hãy lưu lại dưới dạng "
    "tài liệu không có macro (.docx hoặc .xlsx) rồi tải lên."
)
BROKEN_IMAGE = (
    "Ảnh “{name}” bị hỏng hoặc quá lớn để mở (tối đa {pixels} triệu điểm ảnh). Hãy lưu hoặc "
    "chụp lại ảnh."
)
BROKEN_PDF = "Tệp PDF “{name}” bị hỏng, không đọc được. Hãy xuất lại tệp PDF rồi tải lên."
LOCKED_PDF = "Tệp PDF “{name}” có mật khẩu. Hãy bỏ mật khẩu rồi tải lên."


class FileRefused(ValueError):
    """An upload broke a rule above; ``message`` says what to fix (Vietnamese)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Use:
    """What one kind of upload may be: the kinds it takes, its size limit, and the advice
    that ends the too-large message (a resident with a phone is told something else than an
    office with a scanner)."""

    kinds: tuple[FileKind, ...]
    max_bytes: int
    advice: str = "Hãy nén hoặc chia nhỏ tệp."

    @property
    def labels(self) -> str:
        names = [kind.label for kind in self.kinds]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " hoặc " + names[-1]


@dataclass(frozen=True)
class CheckedFile:
    """What to store for an accepted upload: the cleaned bytes, the real kind, the name to
    show and a server-made storage name."""

    kind: FileKind
    display_name: str
    content: bytes
    stored_name: str

    @property
    def content_type(self) -> str:
        return self.kind.content_type


def safe_name(raw: str) -> str:
    """A file name safe to show: no folders, no control or markup characters, at most 100
    characters (the stored name is made by the server; this one is only displayed)."""
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


def megabytes(size: int) -> str:
    """A size in MB with a Vietnamese decimal comma ("5,0")."""
    return f"{size / MB:.1f}".replace(".", ",")


def check_size(size: int, raw_name: str, use: Use) -> None:
    """Refuse a file over the use's limit, saying both sizes (callable before reading it)."""
    if size > use.max_bytes:
        name = safe_name(raw_name)
        raise FileRefused(
            TOO_BIG.format(
                name=name, size=megabytes(size), limit=megabytes(use.max_bytes), advice=use.advice
            )
        )


def check(data: bytes, raw_name: str, use: Use, *, keep_location: bool = False) -> CheckedFile:
    """The file to store for an upload, or ``FileRefused`` saying what to fix: size, real
    type among the use's kinds, a name ending that agrees, then metadata removed."""
    name = safe_name(raw_name)
    check_size(len(data), name, use)
    kind = sniff(data, name)
    if kind not in use.kinds:
        raise FileRefused(BAD_TYPE.format(name=name, kinds=use.labels))
    ending = PurePath(name).suffix.lower().lstrip(".")
    if ending and ending not in kind.endings:
        raise FileRefused(WRONG_ENDING.format(name=name, ending=ending, label=kind.label))
    content = strip_metadata(kind, data, name, keep_location=keep_location)
    return CheckedFile(kind, name, content, f"{secrets.token_hex(16)}.{kind.ext}")


def sniff(data: bytes, name: str) -> FileKind:
    """The real type of ``data`` from its first bytes (for DOCX/XLSX, from the parts inside
    the archive, refusing macros and zip bombs); anything else is refused."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data, name)
    if b"<svg" in data[:4096].lower():
        raise FileRefused(SVG.format(name=name))
    raise FileRefused(BAD_TYPE.format(name=name, kinds=Use(DOCUMENTS, 0).labels))


def _office_kind(data: bytes, name: str) -> FileKind:
    if PurePath(name).suffix.lower().lstrip(".") in MACRO_ENDINGS:
        raise FileRefused(MACROS.format(name=name))
    with _open_zip(data, name) as archive:
        names = {member.filename for member in archive.infolist()}
        if "[Content_Types].xml" not in names:
            raise FileRefused(BAD_TYPE.format(name=name, kinds="DOCX hoặc XLSX"))
        types = _read_member(archive, archive.getinfo("[Content_Types].xml"), MB, name)
    macro_parts = ("vbaproject.bin", "xl/macrosheets/", "activex/")
    if b"macroEnabled" in types or any(p in n.lower() for n in names for p in macro_parts):
        raise FileRefused(MACROS.format(name=name))
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise FileRefused(BAD_TYPE.format(name=name, kinds="DOCX hoặc XLSX"))


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The archive, refused when its own listing already says it is a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise FileRefused(ZIP_BOMB.format(name=name)) from exc
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED:
        archive.close()
        raise FileRefused(ZIP_BOMB.format(name=name))
    return archive


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, name: str):
    """A member's bytes, refused past ``budget`` bytes whatever the listing declared."""
    out = bytearray()
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(64 * 1024):
                out += chunk
                if len(out) > budget:
                    raise FileRefused(ZIP_BOMB.format(name=name))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise FileRefused(ZIP_BOMB.format(name=name)) from exc
    return bytes(out)


def strip_metadata(kind: FileKind, data: bytes, name: str, *, keep_location: bool = False):
    """``data`` without the metadata its kind can carry (see the module docstring)."""
    if kind.is_image:
        return _clean_image(kind, data, name, keep_location)
    if kind is PDF:
        return _clean_pdf(data, name)
    return _clean_office(data, name)


def _clean_image(kind: FileKind, data: bytes, name: str, keep_location: bool) -> bytes:
    """A photo re-encoded from its pixels alone, turned upright first (the EXIF orientation
    goes with the rest of the metadata); only the GPS block survives, and only on request."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    refused = FileRefused(BROKEN_IMAGE.format(name=name, pixels=MAX_PIXELS // 10**6))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != ("PNG" if kind is PNG else "JPEG"):
                raise refused
            if image.width * image.height > MAX_PIXELS:
                raise refused
            gps = image.getexif().get_ifd(0x8825) if keep_location else None
            upright = ImageOps.exif_transpose(image)
            if upright.mode == "P":
                upright = upright.convert("RGBA")
            clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise refused from exc
    options: dict = {"quality": 90} if kind is JPEG else {}
    if gps:
        exif = Image.Exif()
        exif[0x8825] = gps
        options["exif"] = exif
    out = io.BytesIO()
    clean.save(out, format="JPEG" if kind is JPEG else "PNG", **options)
    return out.getvalue()


EMPTY_PARTS = {
    "docProps/core.xml": b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
    b'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>',
    "docProps/app.xml": b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/extended-properties"/>',
    "docProps/custom.xml": b'<Properties xmlns="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/custom-properties"/>',
}
XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _clean_office(data: bytes, name: str) -> bytes:
    """A DOCX/XLSX whose document properties (author, last editor, company, custom fields)
    are emptied; every other part is copied, and the whole is decompressed within
    ``MAX_UNZIPPED`` bytes, so an archive that lies about its sizes is still stopped."""
    out = io.BytesIO()
    budget = MAX_UNZIPPED
    with _open_zip(data, name) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            body = _read_member(source, member, budget, name)
            budget -= len(body)
            if member.filename in EMPTY_PARTS:
                body = XML_HEAD + EMPTY_PARTS[member.filename]
            target.writestr(member, body, compress_type=member.compress_type)
    return out.getvalue()


PDF_DROP = {"/Metadata", "/OpenAction", "/AA", "/JavaScript", "/JS", "/EmbeddedFiles", "/EF"}
PDF_DROP |= {"/PieceInfo", "/XFA"}
PDF_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}


def _clean_pdf(data: bytes, name: str) -> bytes:
    """The PDF rewritten without document information (author, producer, dates), XMP
    streams, JavaScript, automatic actions, launch/submit actions and embedded files, on
    every object it holds; pages, text, fonts, links and bookmarks are kept."""
    from pypdf import PdfReader, PdfWriter

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileRefused(LOCKED_PDF.format(name=name))
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        kept = _scrub_pdf(writer.root_object.indirect_reference)
        # Whatever the scrub cut off (the old document information, scripts, attachments) is
        # no longer reachable; pypdf would still write it, so it is dropped here.
        writer._objects = [obj if n in kept else None for n, obj in enumerate(writer._objects, 1)]
        out = io.BytesIO()
        writer.write(out)
    except FileRefused:
        raise
    except Exception as exc:  # pypdf raises many types (and recursion) for a broken file
        raise FileRefused(BROKEN_PDF.format(name=name)) from exc
    return out.getvalue()


def _scrub_pdf(root) -> set[int]:
    """Walk every object reachable from the catalogue (a stack, not recursion: outline and
    page trees can be long), drop the keys and actions listed above, and return the numbers
    of the objects still reachable."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack, seen = [root], set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key in list(item.keys()):
                value = item.raw_get(key)
                target = value.get_object() if isinstance(value, IndirectObject) else value
                dangerous = isinstance(target, DictionaryObject) and target.get("/S") in PDF_ACTIONS
                if key in PDF_DROP or dangerous:
                    del item[key]
                else:
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return seen
