"""Checking uploaded photos and files: real type by magic bytes, size, server-made names, and
photos re-encoded without metadata (EXIF location kept only when the sender asks).

Pure apart from Pillow; no database. SECURITY.md test 20: wrong types, SVG, oversized files and
``../`` names are refused or neutralised.
"""

import io
import secrets
import unicodedata
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before decoding
TYPES = {  # magic bytes → (content type, extension)
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"%PDF-": ("application/pdf", "pdf"),
}
TOO_BIG = "Tệp “{name}” lớn quá 5 MB. Hãy chụp lại ảnh nhỏ hơn hoặc gửi tệp khác."
BAD_TYPE = "Tệp “{name}” không phải ảnh JPEG, PNG hay tệp PDF. Hãy gửi đúng loại tệp."
BROKEN_IMAGE = "Ảnh “{name}” bị hỏng hoặc quá lớn để mở. Hãy chụp lại."
TOO_MANY = "Chỉ gửi được tối đa 5 tệp mỗi lần."


class RejectedFile(ValueError):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    stored_name: str
    display_name: str


def display_name(name: str) -> str:
    """A file name safe to show: no folders, no control characters, at most 100 characters."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:100] or "tep"


def sniff(head: bytes) -> tuple[str, str] | None:
    """The (content type, extension) of a file from its first bytes, or None."""
    return next((kind for magic, kind in TYPES.items() if head.startswith(magic)), None)


def check_upload(name: str, content: bytes, *, keep_location: bool = False) -> CheckedFile:
    """Check one upload and return what to store; photos are re-encoded, which drops every
    metadata block (EXIF, XMP, comments) except, on request, the GPS position."""
    shown = display_name(name)
    if len(content) > MAX_BYTES:
        raise RejectedFile(TOO_BIG.format(name=shown))
    kind = sniff(content[:16])
    if kind is None:
        raise RejectedFile(BAD_TYPE.format(name=shown))
    content_type, extension = kind
    if content_type.startswith("image/"):
        content = _clean_image(content, extension, shown, keep_location)
    return CheckedFile(content, content_type, f"{secrets.token_hex(16)}.{extension}", shown)


def _clean_image(content: bytes, extension: str, shown: str, keep_location: bool) -> bytes:
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise RejectedFile(BROKEN_IMAGE.format(name=shown))
            image.load()
            gps = image.getexif().get_ifd(0x8825) if keep_location else None
            # A new image from the pixels alone carries none of the original's metadata.
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P":
                clean.putpalette(image.getpalette())
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise RejectedFile(BROKEN_IMAGE.format(name=shown)) from exc
    out = io.BytesIO()
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x8825] = gps
        options["exif"] = exif
    clean.save(out, format="JPEG" if extension == "jpg" else "PNG", **options)
    return out.getvalue()
