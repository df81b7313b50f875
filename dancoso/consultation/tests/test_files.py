"""DOCX import and attachment checks: macros, oversized files, zip bombs, wrong types, drafts
that cannot be split (with where the import stopped)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from dancoso.audit.models import AuditEvent
from dancoso.consultation import files, services
from dancoso.core.files import MAX_UNZIPPED

from .factories import docx_bytes, make_draft, png_bytes

PDF = b"%PDF-1.7\n%...\n"


def test_a_word_draft_is_split_at_its_headings():
    data = docx_bytes(
        [
            ("Normal", "Lời nói đầu của dự thảo."),
            ("Heading1", "Chương I. Quy định chung"),
            ("Normal", "Đoạn một."),
            ("Normal", "Điều 1. Phạm vi điều chỉnh"),
            ("Normal", "Đoạn hai."),
            ("Normal", "Đoạn ba."),
        ]
    )
    sections = files.read_docx_draft("du-thao.docx", data)
    assert [s.heading for s in sections] == [
        files.PREAMBLE,
        "Chương I. Quy định chung",
        "Điều 1. Phạm vi điều chỉnh",
    ]
    assert sections[2].body == "Đoạn hai.\n\nĐoạn ba."


def test_a_draft_without_headings_says_how_far_it_read():
    data = docx_bytes([("Normal", "Một."), ("Normal", "Hai."), ("Normal", "Ba.")])
    with pytest.raises(files.FileRefused) as refused:
        files.read_docx_draft("x.docx", data)
    assert "đã đọc hết 3 đoạn" in refused.value.message


def test_a_heading_that_is_really_a_paragraph_stops_the_import_where_it_is():
    data = docx_bytes(
        [("Heading1", "Điều 1"), ("Normal", "Nội dung"), ("Heading2", "Điều " + "x" * 400)]
    )
    with pytest.raises(files.FileRefused) as refused:
        files.read_docx_draft("x.docx", data)
    assert refused.value.message.startswith("Dừng ở đoạn 3")


def _with_macro(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return out.getvalue()


def test_macros_are_refused_by_name_and_by_content():
    data = docx_bytes([("Heading1", "Điều 1")])
    with pytest.raises(files.FileRefused, match="macro"):
        files.read_docx_draft("du-thao.docm", data)
    with pytest.raises(files.FileRefused, match="macro"):
        files.read_docx_draft("du-thao.docx", _with_macro(data))


def test_oversized_and_fake_files_are_refused():
    with pytest.raises(files.FileRefused, match="vượt quá giới hạn 5,0 MB"):
        files.read_docx_draft("x.docx", b"PK\x03\x04" + b"0" * files.DRAFTS.max_bytes)
    with pytest.raises(files.FileRefused):
        files.read_docx_draft("x.docx", b"<html>not word</html>")
    with pytest.raises(files.FileRefused):
        files.read_docx_draft("x.pdf", PDF)


def test_a_zip_bomb_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"0" * (MAX_UNZIPPED + 1))
    with pytest.raises(files.FileRefused, match="giải nén"):
        files.read_docx_draft("bom.docx", out.getvalue())


@pytest.mark.django_db
def test_import_replaces_sections_with_one_event(world, commune_officer):
    consultation = make_draft(world.commune, commune_officer)
    data = docx_bytes([("Heading1", "Điều 1. Mới"), ("Normal", "Nội dung mới.")])
    services.import_draft(consultation, actor=commune_officer, name="du-thao.docx", data=data)
    assert list(consultation.sections.values_list("heading", flat=True)) == ["Điều 1. Mới"]
    with pytest.raises(ValidationError) as refused:
        services.import_draft(consultation, actor=commune_officer, name="x.docm", data=data)
    assert "macro" in refused.value.message_dict["file"][0]
    assert consultation.sections.count() == 1
    assert (
        AuditEvent.objects.filter(
            action="consultation.set_sections", summary__source="docx"
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_attachment_stored_under_a_server_name(world, commune_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    consultation = make_draft(world.commune, commune_officer)
    attachment = services.add_attachment(
        consultation,
        actor=commune_officer,
        name="../Sơ đồ.png",
        data=png_bytes(with_text="Nông Văn A"),
    )
    assert attachment.original_name == "Sơ đồ.png" and attachment.kind == "png"
    assert "Sơ" not in attachment.file.name and attachment.file.name.endswith(".png")
    assert b"Author" not in attachment.file.read()
