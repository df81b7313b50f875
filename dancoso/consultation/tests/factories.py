"""Test helpers: consultations in the test world's commune and in an agency."""

import io
from datetime import date, timedelta

import pytest

from dancoso.consultation import services
from dancoso.consultation.lifecycle import State
from dancoso.consultation.models import Consultation, Section
from dancoso.core.testing import add_totp, grant, make_user

TODAY = date.today()


def draft_data(**over):
    data = {
        "title": "Dự thảo kế hoạch sử dụng đất 2026–2030",
        "summary": "Dự kiến dành 5 ha làm khu tái định cư và mở rộng đường vào thôn.",
        "subject": "dat_dai",
        "audience": Consultation.Audience.RESIDENTS,
        "forms": ["cong_thong_tin", "hop"],
        "opens_on": TODAY,
        "closes_on": TODAY + timedelta(days=29),
        "allow_anonymous": False,
        "plan_sent_on": TODAY,
    }
    data.update(over)
    return data


SECTIONS = [
    ("Điều 1. Phạm vi", "Kế hoạch áp dụng cho toàn bộ diện tích tự nhiên của xã."),
    ("Điều 2. Đất ở", "Dành 5 ha đất ở tại thôn Bản Lải cho khu tái định cư."),
]


def make_draft(place, actor, *, villages=(), sections=SECTIONS, **over) -> Consultation:
    consultation = services.create_consultation(
        place, actor=actor, villages=villages, **draft_data(**over)
    )
    if sections:
        services.set_sections(consultation, actor=actor, sections=list(sections))
    return consultation


def make_open(place, actor, **over) -> Consultation:
    consultation = make_draft(place, actor, **over)
    return services.advance(consultation, "open", actor=actor, today=over.get("opens_on", TODAY))


def force_state(consultation: Consultation, state: str, **dates) -> Consultation:
    """Move a consultation in the test database without the services (set-up only)."""
    Consultation.objects.filter(pk=consultation.pk).update(state=state, **dates)
    consultation.refresh_from_db()
    return consultation


def first_section(consultation) -> Section:
    return consultation.sections.order_by("position").first()


def docx_bytes(paragraphs) -> bytes:
    """A real .docx with (style, text) paragraphs."""
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        if style.startswith("Heading"):
            document.add_heading(text, level=int(style[-1]))
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def agency(world):
    from dancoso.places.models import Agency

    return Agency.objects.create(
        name="Trường Tiểu học Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
        staff_count=25,
    )


@pytest.fixture
def agency_head(agency):
    from dancoso.accounts.roles import Role

    user = make_user("hieutruong", full_name="Nông Văn Hải")
    grant(user, Role.AGENCY_HEAD, agency)
    add_totp(user)
    return user


@pytest.fixture
def agency_staff(agency):
    from dancoso.accounts.roles import Role

    user = make_user("giaovien", full_name="Lăng Thị Nga")
    grant(user, Role.AGENCY_STAFF, agency)
    add_totp(user)  # staff roles are official roles: they sign in with a second factor
    return user


@pytest.fixture
def open_consultation(world, commune_officer):
    return make_open(world.commune, commune_officer)


@pytest.fixture
def closed_consultation(open_consultation):
    return force_state(open_consultation, State.CLOSED)


def open_in(commune, actor) -> Consultation:
    """An open commune consultation for residents (used by the permissions table test)."""
    return make_open(commune, actor)


def png_bytes(*, with_text: str = "") -> bytes:
    """A real 4 × 4 PNG, optionally carrying a text chunk (metadata to be stripped)."""
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    if with_text:
        info.add_text("Author", with_text)
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def jpeg_with_exif(marker: str) -> bytes:
    """A real JPEG whose EXIF names ``marker`` as the camera owner."""
    from PIL import Image

    image = Image.new("RGB", (4, 4), (10, 120, 30))
    exif = image.getexif()
    exif[0x013B] = marker  # Artist
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()
