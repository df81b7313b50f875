"""Fixtures of the disclosure tests: an agency of Xã Cao Lộc with its head and a member of
staff, a clean media folder, sample files and a ``publish`` helper with legal defaults."""

import io
import struct
import zipfile
import zlib

import pytest

from dancoso.core.testing import _official, grant, make_user


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_BYTES = _pdf()


def png_bytes(with_text: bool = False) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", ihdr)]
    if with_text:
        parts.append(chunk(b"tEXt", b"GPS\x0021.85,106.76"))
    parts += [chunk(b"IDAT", zlib.compress(b"\x00\x00")), chunk(b"IEND", b"")]
    return b"".join(parts)


def jpeg_with_exif() -> bytes:
    """A real JPEG whose EXIF carries a GPS position and a description naming it."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010E] = "GPS-21.85-106.76"
    exif[0x8825] = {1: "N", 2: (21.0, 51.0, 0.0), 3: "E", 4: (106.0, 45.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 30)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def office_bytes(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANCOSO_SITE_URL = "https://cong.example.vn"
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    return settings.MEDIA_ROOT


@pytest.fixture
def agency(world):
    from dancoso.places.models import Agency

    return Agency.objects.create(
        name="Trạm Y tế xã Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
        staff_count=12,
    )


@pytest.fixture
def agency_head(agency):
    from dancoso.accounts.roles import Role

    return _official("truongtram", Role.AGENCY_HEAD, agency, full_name="Lăng Văn Hải")


@pytest.fixture
def agency_staff(agency):
    from dancoso.accounts.roles import Role

    return _official("yta", Role.AGENCY_STAFF, agency, email="yta@example.vn")


@pytest.fixture
def follower(world):
    from dancoso.accounts.roles import Role

    user = make_user("theodoi", email="theodoi@example.vn", full_name="Mã Văn Tài")
    grant(user, Role.RESIDENT, world.village)
    return user


BUDGET = {
    "category": "xa-02",
    "title": "Dự toán ngân sách xã Cao Lộc năm 2027",
    "summary": "Dự toán thu, chi ngân sách xã đã được HĐND xã quyết định.",
    "body": "<p>Tổng thu <strong>12,4 tỷ đồng</strong>.</p>",
    "forms": ["posted_office", "posted_village"],
}


@pytest.fixture
def publish(world):
    from dancoso.disclosure import services

    def do(actor, **overrides):
        data = {"commune": world.commune, **BUDGET, **overrides}
        return services.publish_disclosure(actor=actor, **data)

    return do
