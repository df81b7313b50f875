"""The Decree 30/2020/NĐ-CP frame (Annex I) as plain data: what an official document or a
minutes (biên bản) is made of. ``word.render`` turns it into Word bytes.

Everything here is text: a value is never interpreted (no field code, no markup), so whatever a
resident typed into a title or a name comes out as the characters it is."""

import re
from dataclasses import dataclass, field
from datetime import date

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
SIGN_HINT = "(Ký, ghi rõ họ tên)"

# XML 1.0 forbids most control characters; a pasted one must not break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters XML cannot carry (tab and newline stay)."""
    return _NOT_XML.sub("", str(text))


def without_prefix(name: str, prefix: str) -> str:
    """The place as written in the date line: "Xã Cao Lộc" → "Cao Lộc"."""
    return name[len(prefix) + 1 :] if name.startswith(f"{prefix} ") else name


def place_and_date(place: str, day: date) -> str:
    """ "Cao Lộc, ngày 10 tháng 6 năm 2026" — day and month below 10 as written in Decree 30
    (a leading zero only for days 1–9 and months 1–2)."""
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {dd} tháng {mm} năm {day.year}"


@dataclass(frozen=True)
class Heading:
    """A bold line in the body (a section of the minutes)."""

    text: str


@dataclass(frozen=True)
class Text:
    """A body paragraph, justified, first line indented."""

    text: str


@dataclass(frozen=True)
class Table:
    """A ruled table: a header row and body rows, all text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Text | Table


@dataclass(frozen=True)
class Signature:
    """One signature block: an optional capacity line ("TM. BAN KIỂM PHIẾU"), the title
    ("TRƯỞNG BAN") and the signer's name (blank: written by hand)."""

    title: str
    name: str = ""
    capacity: str = ""


@dataclass(frozen=True)
class Document:
    """One document: issuer (the body above it and the body itself), number and symbol, place
    and date, type ("BIÊN BẢN") and summary, body, signatures, recipients."""

    issuer: str
    number: str
    place: str
    day: date
    kind: str
    summary: str
    body: tuple[Block, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()
    parent_issuer: str = ""
    footer_note: str = field(default="")
