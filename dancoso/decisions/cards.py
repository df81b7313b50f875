"""Thẻ điểm danh: each household's printed attendance card for community meetings.

The card carries a QR code of ``DQ1.<household id>.<tag>``, where the tag is an HMAC of the id
under the site's secret key (``django.utils.crypto.salted_hmac``): the meeting secretary scans it
with a keyboard-wedge scanner (USB, or a phone app that types what it reads) into the attendance
field, or types it. A code cannot be made up for another household, and the household's village
is checked against the meeting's (``services.meeting.record_scan``). One card per household
serves every meeting; the code says nothing but the household's internal id.
"""

import base64

import qrcode
import qrcode.image.svg
from django.utils.crypto import constant_time_compare, salted_hmac

PREFIX = "DQ1"
SALT = "dancoso.decisions.attendance-card"
TAG_LENGTH = 10  # base32 characters: 50 bits
MAX_LENGTH = 40


class BadCard(ValueError):
    """The text read is not an attendance card of this platform."""


def _tag(household_id: int) -> str:
    digest = salted_hmac(SALT, str(household_id), algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:TAG_LENGTH]


def card_code(household_id: int) -> str:
    """What the household's QR code holds."""
    return f"{PREFIX}.{household_id}.{_tag(household_id)}"


def household_of(text: str) -> int:
    """The household id a scanned or typed code names; ``BadCard`` if it is not a genuine card
    (spaces, case and a scanner's trailing newline are forgiven)."""
    clean = (text or "").strip().upper().replace(" ", "")
    if len(clean) > MAX_LENGTH:
        raise BadCard
    prefix, _sep, rest = clean.partition(".")
    number, _sep, tag = rest.partition(".")
    if prefix != PREFIX or not number.isdecimal() or len(number) > 19:
        raise BadCard
    household_id = int(number)
    if not constant_time_compare(tag, _tag(household_id)):
        raise BadCard
    return household_id


def card_svg(household_id: int) -> str:
    """The QR code as an inline SVG (no script, no external reference)."""
    image = qrcode.make(
        card_code(household_id), image_factory=qrcode.image.svg.SvgPathImage, box_size=10
    )
    return image.to_string(encoding="unicode")
