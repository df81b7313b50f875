"""The one upload check (SECURITY.md test 20): real types by their bytes, per-use kinds and
sizes, SVG, macros and zip bombs refused, safe shown names and server-made stored names, and
metadata removed from photos, Office files and PDFs while they still open."""

import io
import struct
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DecodedStreamObject, NameObject

from dancoso.core import files

ANYTHING = files.Use(files.DOCUMENTS, 10 * files.MB)
PHOTOS_AND_PDF = files.Use((files.JPEG, files.PNG, files.PDF), 5 * files.MB, advice="Chụp lại.")
GPS = {1: "N", 2: (21.0, 51.0, 0.0), 3: "E", 4: (106.0, 45.0, 0.0)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator>Nong Van XMP</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def jpeg(*, orientation: int = 1, size=(40, 20)) -> bytes:
    image = Image.new("RGB", size, (200, 10, 10))
    exif = Image.Exif()
    exif[0x013B] = "Nong Van A 0912345678"  # Artist
    exif[0x0112] = orientation
    exif[0x8825] = GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png(text: str = "") -> bytes:
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Author", text)
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def office(parts: dict[str, bytes], types: bytes = b"<Types/>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def real_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Dự toán ngân sách xã năm 2027")
    document.core_properties.author = "Nông Văn A"
    document.core_properties.last_modified_by = "Lăng Thị B"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(*, author: str = "Nong Van A", password: str = "") -> bytes:
    from fpdf import FPDF

    sheet = FPDF()
    sheet.add_page()
    sheet.set_font("helvetica", size=12)
    sheet.cell(text="Bao cao ngan sach 2027")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(sheet.output()))))
    writer.add_metadata({"/Author": author, "/Producer": "ScanSoft 9", "/Creator": "Word"})
    writer.add_open_action(JavaScript("app.alert('mo tep');"))
    writer.add_attachment("cccd.txt", b"so CCCD 001234567890")
    xmp = DecodedStreamObject()
    xmp.set_data(XMP)
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("so-do.png", png(), files.PNG),
        ("anh.JPEG", jpeg(), files.JPEG),
        ("bao-cao.PDF", pdf(), files.PDF),
        ("du-toan.docx", real_docx(), files.DOCX),
        ("bang", office({"xl/workbook.xml": b"<w/>"}), files.XLSX),
    ],
)
def test_the_kind_comes_from_the_bytes(name, data, kind):
    checked = files.check(data, name, ANYTHING)
    assert checked.kind is kind and checked.content_type == kind.content_type
    assert checked.stored_name.endswith("." + kind.ext) and name not in checked.stored_name


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        (
            "anh.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG",
        ),
        ("anh.png", b'<?xml version="1.0"?>\n<SVG onload="alert(1)"/>', "SVG"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "không phải PDF"),
        ("../../etc/passwd.png", b"root:x:0:0", "không phải"),
        ("chay.exe", b"MZ\x90\x00", "không phải"),
        ("gia.pdf", png(), "có đuôi .pdf nhưng nội dung là PNG"),
        ("trick.docx", office({"evil/payload.xml": b"<x/>"}), "không phải DOCX hoặc XLSX"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "giải nén"),
        ("hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "bị hỏng"),
        ("hong.pdf", b"%PDF-1.7\n%garbage", "bị hỏng"),
        ("khoa.pdf", pdf(password="mat-khau"), "mật khẩu"),
    ],
)
def test_wrong_or_broken_files_are_refused_saying_why(name, data, says):
    with pytest.raises(files.FileRefused, match=says):
        files.check(data, name, ANYTHING)


def test_each_use_takes_only_its_kinds_and_its_size():
    with pytest.raises(files.FileRefused, match="không phải JPEG, PNG hoặc PDF"):
        files.check(real_docx(), "du-toan.docx", PHOTOS_AND_PDF)
    with pytest.raises(files.FileRefused, match=r"nặng 5,0 MB, vượt quá giới hạn 5,0 MB\. Chụp"):
        files.check_size(5 * files.MB + 1, "../anh.jpg", PHOTOS_AND_PDF)
    files.check_size(5 * files.MB, "anh.jpg", PHOTOS_AND_PDF)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("du-thao.docm", office({"word/document.xml": b"<w/>"})),
        ("du-thao.docx", office({"word/document.xml": b"<w/>", "word/vbaProject.bin": b"\xd0"})),
        ("bang.xlsx", office({"xl/workbook.xml": b"<w/>", "xl/macrosheets/sheet1.xml": b"<m/>"})),
        (
            "du-thao.docx",
            office({"word/document.xml": b"<w/>"}, types=b"<Types ContentType='macroEnabled'/>"),
        ),
    ],
)
def test_office_files_with_macros_are_refused(name, data):
    with pytest.raises(files.FileRefused, match="macro"):
        files.check(data, name, ANYTHING)


def test_zip_bombs_are_refused_by_their_listing_and_by_what_they_really_expand_to():
    declared = office({"word/document.xml": b"0" * (files.MAX_UNZIPPED + 1)})
    with pytest.raises(files.FileRefused, match="giải nén"):
        files.check(declared, "bom.docx", ANYTHING)
    lying = bytearray(office({"word/document.xml": b"0" * (2 * files.MB)}))
    # the local and central headers of word/document.xml declare 100 bytes
    for header, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = lying.find(header)
        while at != -1:
            if lying[at + name_at : at + name_at + 17] == b"word/document.xml":
                lying[at + size_at : at + size_at + 4] = struct.pack("<I", 100)
            at = lying.find(header, at + 4)
    with pytest.raises(files.FileRefused, match="giải nén"):
        files.check(bytes(lying), "bom.docx", ANYTHING)
    crowded = office({f"word/p{n}.xml": b"" for n in range(files.MAX_ZIP_MEMBERS + 1)})
    with pytest.raises(files.FileRefused, match="giải nén"):
        files.check(crowded, "bom.docx", ANYTHING)


def test_a_decompression_bomb_image_is_refused_before_decoding():
    data = bytearray(png())
    ihdr = struct.pack(">II", 20_000, 20_000) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    with pytest.raises(files.FileRefused, match="quá lớn để mở"):
        files.check(bytes(data), "bom.png", ANYTHING)


def test_photos_lose_their_metadata_turn_upright_and_keep_gps_only_on_request():
    raw = jpeg(orientation=6)  # stored sideways, shown upright by the EXIF tag
    assert b"0912345678" in raw
    clean = files.check(raw, "anh.jpg", ANYTHING).content
    assert b"0912345678" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert dict(image.getexif()) == {} and image.size == (20, 40)
    kept = files.check(raw, "anh.jpg", ANYTHING, keep_location=True).content
    with Image.open(io.BytesIO(kept)) as image:
        exif = image.getexif()
        assert 0x013B not in exif and exif.get_ifd(0x8825)[2] == GPS[2]
    assert b"Author" not in files.check(png("Nong Van A"), "a.png", ANYTHING).content


def test_office_files_lose_their_properties_and_still_open():
    import docx

    raw = real_docx()
    assert docx.Document(io.BytesIO(raw)).core_properties.author == "Nông Văn A"
    clean = files.check(raw, "du-toan.docx", ANYTHING).content
    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert "Nông Văn".encode() not in everything and "Lăng Thị".encode() not in everything
    document = docx.Document(io.BytesIO(clean))
    assert document.paragraphs[0].text == "Dự toán ngân sách xã năm 2027"
    assert document.core_properties.author == document.core_properties.last_modified_by == ""


def test_a_pdf_loses_author_producer_xmp_scripts_and_attachments_and_still_opens():
    raw = pdf()
    source = PdfReader(io.BytesIO(raw))
    assert source.metadata.author == "Nong Van A" and source.xmp_metadata is not None
    assert list(source.attachments) == ["cccd.txt"] and "/OpenAction" in source.trailer["/Root"]
    clean = files.check(raw, "bao-cao.pdf", ANYTHING).content
    reader = PdfReader(io.BytesIO(clean), strict=True)
    assert reader.metadata is None and reader.xmp_metadata is None
    assert not list(reader.attachments) and "/OpenAction" not in reader.trailer["/Root"]
    assert reader.pages[0].extract_text() == "Bao cao ngan sach 2027"
    for secret in (b"Nong Van", b"ScanSoft", b"pypdf", b"CCCD", b"app.alert", b"JavaScript"):
        assert secret not in clean


def test_shown_and_download_names_are_safe():
    assert files.safe_name("..\\..\\so<do>.png") == "sodo.png"
    assert files.safe_name("../../Dự toán 2027.pdf") == "Dự toán 2027.pdf"
    assert files.safe_name("\x00../..") == "tep"
    assert files.download_name("Dự toán <script>.pdf", files.PDF) == "du-toan-script.pdf"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_name_is_made_safe(raw):
    name = files.safe_name(raw)
    assert 0 < len(name) <= 100 and not set(name) & set("/\\<>\"'&\x00\n")
    assert files.download_name(raw, files.PNG).isascii()


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([b"", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", b"<sv"]),
    st.binary(max_size=2000),
)
def test_random_bytes_are_refused_cleanly_or_accepted_clean(head, body):
    try:
        checked = files.check(head + body, "tep", ANYTHING)
    except files.FileRefused as refused:
        assert refused.message.startswith(("Tệp", "Ảnh", "Không nhận"))
    else:
        assert checked.kind in files.DOCUMENTS
