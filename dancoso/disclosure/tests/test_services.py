"""Disclosure services: permission per persona, the law's periods and forms, sanitising,
all-or-nothing publish, corrections with history, withdrawal, offline forms, one audit event
per committed write and none on rollback."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.disclosure import law, services
from dancoso.disclosure.models import Attachment, Disclosure, DisclosureRevision, FormRecord

from .conftest import PDF_BYTES, jpeg_with_exif, office_bytes, png_bytes

PUBLISHERS = ["commune_officer", "commune_chair"]
NOT_PUBLISHERS = [
    "village_head",
    "resident",
    "board_member",
    "council_delegate",
    "province_officer",
    "officer_of_other_commune",
    "agency_head",
]


def events(action):
    return list(AuditEvent.objects.filter(action=f"disclosure.{action}"))


@pytest.mark.parametrize("name", PUBLISHERS)
def test_commune_officers_and_leaders_publish_with_one_audit_event(request, name, publish):
    actor = request.getfixturevalue(name)
    d = publish(actor)
    assert d.status == Disclosure.Status.PUBLISHED
    assert d.forms == ["portal", "posted_office", "posted_village"]
    assert d.search_text.startswith("du toan ngan sach xa cao loc")
    (event,) = events("publish_disclosure")
    assert event.summary["category"] == "xa-02"
    assert "Dự toán" not in str(event.summary)


@pytest.mark.parametrize("name", NOT_PUBLISHERS)
def test_others_may_not_publish_for_the_commune(request, name, publish):
    with pytest.raises(PermissionDeniedError):
        publish(request.getfixturevalue(name))
    assert not Disclosure.objects.exists() and not events("publish_disclosure")


def test_a_period_shorter_than_thirty_days_is_refused_quoting_the_rule(commune_officer, publish):
    today = timezone.localdate()
    with pytest.raises(DomainError) as err:
        publish(commune_officer, starts_on=today, ends_on=today + timedelta(days=10))
    assert err.value.code == "period_too_short"
    assert "ít nhất 30 ngày liên tục" in err.value.message and "10/2022/QH15" in err.value.message
    assert not Disclosure.objects.exists()


def test_permanent_categories_take_no_end_date(commune_officer, publish):
    today = timezone.localdate()
    with pytest.raises(DomainError) as err:
        publish(
            commune_officer,
            category="xa-13",
            forms=["posted_office"],
            ends_on=today + timedelta(days=400),
        )
    assert err.value.code == "permanent_has_end"


def test_missing_loudspeaker_for_social_support_is_refused_unless_there_is_none(
    commune_officer, publish
):
    data = {"category": "xa-07", "forms": ["posted_office", "posted_village", "village_head"]}
    with pytest.raises(DomainError) as err:
        publish(commune_officer, **data)
    assert "truyền thanh" in err.value.message
    assert publish(commune_officer, has_loudspeaker=False, **data).pk


def test_an_agency_category_is_refused_for_the_commune(commune_officer, publish):
    with pytest.raises(DomainError) as err:
        publish(commune_officer, category="cq-03")
    assert err.value.code == "wrong_scope"


def test_a_user_may_not_backdate_but_the_demo_command_may(commune_officer, publish):
    from dancoso.core.actors import SystemActor

    past = timezone.localdate() - timedelta(days=40)
    with pytest.raises(ValidationError):
        publish(commune_officer, starts_on=past)
    assert publish(SystemActor("demo"), starts_on=past).starts_on == past


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script><p>ok</p>",
        "<img src=x onerror=alert(1)><p>ok</p>",
        '<a href="javascript:alert(1)">ok</a>',
        '<p style="color:red" onclick="alert(1)">ok</p>',
        "<svg><script>alert(1)</script></svg><p>ok</p>",
        '<iframe src="//evil"></iframe><p>ok</p>',
    ],
)
def test_the_body_is_sanitised(commune_officer, publish, payload):
    body = publish(commune_officer, body=payload).body_html
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style=", "<img"):
        assert bad not in body
    assert "ok" in body


def test_the_title_is_stored_as_typed_and_escaped_when_shown(commune_officer, publish):
    d = publish(commune_officer, title='<b onmouseover="x">Kế hoạch</b>')
    assert d.title == '<b onmouseover="x">Kế hoạch</b>'


def test_attachments_are_checked_by_their_bytes_and_renamed(commune_officer, publish, media):
    files = [
        ("../../Dự toán 2027.pdf", PDF_BYTES),
        ("bang.xlsx", office_bytes("xl/workbook.xml")),
        ("qd.docx", office_bytes("word/document.xml")),
        ("anh.jpg", jpeg_with_exif()),
    ]
    d = publish(commune_officer, files=files)
    kinds = [(a.kind, a.content_type) for a in d.attachments.all()]
    assert kinds[0] == ("pdf", "application/pdf") and kinds[1][0] == "xlsx"
    first = d.attachments.first()
    assert first.original_name == "Dự toán 2027.pdf"
    assert ".." not in first.file.name and first.file.name.endswith(".pdf")
    photo = d.attachments.get(kind="jpg")
    assert b"GPS" not in photo.file.read()


@pytest.mark.parametrize(
    "name,data",
    [
        ("virus.pdf", b"MZ\x90\x00 executable"),
        ("trick.docx", office_bytes("evil/payload.xml")),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_wrong_types_are_refused_and_nothing_is_half_published(
    commune_officer, publish, media, name, data
):
    with pytest.raises(DomainError) as err:
        publish(commune_officer, files=[("ok.pdf", PDF_BYTES), (name, data)])
    assert err.value.code == "bad_file"
    assert not Disclosure.objects.exists() and not Attachment.objects.exists()
    assert not events("publish_disclosure")
    stored = list((media / "disclosure").glob("*")) if (media / "disclosure").exists() else []
    assert stored == []


def test_oversized_files_and_zip_bombs_are_refused(commune_officer, publish, settings):
    settings.DANCOSO_DISCLOSURE_MAX_BYTES = 1000
    with pytest.raises(DomainError) as err:
        publish(commune_officer, files=[("big.pdf", PDF_BYTES + b"0" * 2000)])
    assert "quá giới hạn" in err.value.message
    settings.DANCOSO_DISCLOSURE_MAX_BYTES = 10 * 1024 * 1024
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "x")
        z.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))
    with pytest.raises(DomainError) as err:
        publish(commune_officer, files=[("bomb.docx", buffer.getvalue())])
    assert "giải nén" in err.value.message


def test_a_village_disclosure_and_an_agency_internal_one(
    world, commune_officer, agency, agency_head, publish
):
    v = publish(commune_officer, village=world.village)
    assert v.commune == world.commune and v.village == world.village
    a = services.publish_disclosure(
        actor=agency_head,
        agency=agency,
        category="cq-03",
        title="Dự toán của Trạm Y tế",
    )
    assert a.is_internal and a.forms == ["agency_intranet"]
    with pytest.raises(PermissionDeniedError):
        services.publish_disclosure(
            actor=commune_officer, agency=agency, category="cq-03", title="x"
        )
    with pytest.raises(DomainError) as err:
        services.publish_disclosure(
            actor=agency_head,
            agency=agency,
            category="cq-03",
            title="x",
            ends_on=timezone.localdate(),
        )
    assert "20 ngày" in err.value.message and "Điều 48" in err.value.message


def test_a_village_of_another_commune_is_refused(world, commune_officer, publish):
    with pytest.raises(DomainError):
        publish(commune_officer, village=world.foreign_village)


def test_a_correction_keeps_the_old_text_and_why(commune_officer, publish):
    d = publish(commune_officer)
    services.correct_disclosure(
        d, actor=commune_officer, reason="Sai số tổng thu", body="<p>Tổng thu 12,5 tỷ.</p>"
    )
    d.refresh_from_db()
    assert d.revision == 2 and d.corrected_at and "12,5" in d.body_html
    (old,) = DisclosureRevision.objects.filter(disclosure=d)
    assert "12,4" in old.body_html and old.reason == "Sai số tổng thu" and old.number == 1
    assert len(events("correct_disclosure")) == 1
    with pytest.raises(DomainError):
        services.correct_disclosure(d, actor=commune_officer, reason="x", body=d.body_html)
    with pytest.raises(ValidationError):
        services.correct_disclosure(d, actor=commune_officer, reason=" ", title="Mới")
    assert len(events("correct_disclosure")) == 1


def test_withdrawal_needs_a_reason_and_leaves_a_trace(
    commune_officer, officer_of_other_commune, publish
):
    d = publish(commune_officer)
    with pytest.raises(ValidationError):
        services.withdraw_disclosure(d, actor=commune_officer, reason="")
    with pytest.raises(PermissionDeniedError):
        services.withdraw_disclosure(d, actor=officer_of_other_commune, reason="x")
    services.withdraw_disclosure(d, actor=commune_officer, reason="Ban hành nhầm văn bản")
    d.refresh_from_db()
    assert d.is_withdrawn and d.withdrawn_reason == "Ban hành nhầm văn bản"
    with pytest.raises(DomainError):
        services.withdraw_disclosure(d, actor=commune_officer, reason="lại")
    assert len(events("withdraw_disclosure")) == 1


def test_recording_an_offline_form_with_a_photo(world, commune_officer, village_head, publish):
    d = publish(commune_officer, village=world.village)
    today = timezone.localdate()
    entry = services.record_form(
        d,
        actor=village_head,
        form="posted_village",
        done_by="Lộc Văn Sơn",
        place="Nhà văn hóa thôn Bản Lải",
        done_on=today,
        photo=("bang-tin.png", png_bytes(True)),
    )
    assert entry.photo.kind == "png" and b"GPS" not in entry.photo.file.read()
    assert len(events("record_form")) == 1

    def again(**changes):
        data = {"form": "posted_office", "done_by": "a", "place": "b", "done_on": today}
        return services.record_form(d, actor=village_head, **{**data, **changes})

    with pytest.raises(ValidationError):
        again(form="loudspeaker")
    with pytest.raises(ValidationError):
        again(done_on=today + timedelta(days=1))
    with pytest.raises(DomainError):
        again(photo=("x.pdf", PDF_BYTES))
    assert FormRecord.objects.count() == 1


def test_a_village_head_may_not_record_forms_of_the_whole_commune(
    commune_officer, village_head, publish
):
    d = publish(commune_officer)
    with pytest.raises(PermissionDeniedError):
        services.record_form(
            d,
            actor=village_head,
            form="posted_office",
            done_by="a",
            place="b",
            done_on=date.today(),
        )


def test_a_failing_audit_rolls_back_everything(commune_officer, publish, monkeypatch, media):
    from dancoso.disclosure.services import common

    def boom(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(common, "record", boom)
    with pytest.raises(RuntimeError):
        publish(commune_officer, files=[("a.pdf", PDF_BYTES)])
    assert not Disclosure.objects.exists() and not Attachment.objects.exists()
    assert not list(media.rglob("*.pdf"))


def test_categories_cover_the_law():
    assert len(law.COMMUNE_CATEGORIES) == 14 and len(law.AGENCY_CATEGORIES) == 12


def test_following_writes_one_audit_event_and_never_twice(world, follower, resident):
    first = services.follow_disclosures(follower, world.commune, category="xa-02")
    again = services.follow_disclosures(follower, world.commune, category="xa-02")
    assert first.pk == again.pk and len(events("follow_disclosures")) == 1
    with pytest.raises(DomainError):
        services.follow_disclosures(follower, world.commune, village=world.foreign_village)
    with pytest.raises(DomainError):
        services.follow_disclosures(follower, world.commune, category="cq-01")
    with pytest.raises(DomainError):
        services.unfollow_disclosures(resident, first)
    services.unfollow_disclosures(follower, first)
    assert len(events("unfollow_disclosures")) == 1


def test_the_quarterly_list_is_built_from_the_register_and_fulfils_its_obligation(
    world, commune_officer, publish
):
    from datetime import date

    from dancoso.core.actors import SystemActor
    from dancoso.disclosure import queries

    system = SystemActor("tests")
    publish(system, title="Dự toán <2026>", starts_on=date(2026, 1, 12))
    publish(system, title="Ngoài quý", starts_on=date(2026, 4, 2))
    with pytest.raises(DomainError) as err:
        services.publish_quarter_list(world.commune, actor=commune_officer, year=2026,
                                      quarter=4, today=date(2026, 12, 1))  # fmt: skip
    assert err.value.code == "quarter_not_ended"
    with pytest.raises(PermissionDeniedError):
        services.publish_quarter_list(world.commune, actor=world_outsider(world), year=2026,
                                      quarter=1, today=date(2026, 12, 1))  # fmt: skip
    made = services.publish_quarter_list(world.commune, actor=commune_officer, year=2026,
                                         quarter=1, today=date(2026, 12, 1))  # fmt: skip
    assert "Dự toán &lt;2026&gt;" in made.body_html and "Ngoài quý" not in made.body_html
    assert made.title == "Danh mục thông tin đã công khai quý I năm 2026"
    rows = {r.obligation.key: r for r in queries.obligation_checklist(world.commune, 2026)}
    assert rows["disclosure_list_q1"].published_on == timezone.localdate()


def world_outsider(world):
    from dancoso.core.testing import make_user

    return make_user("ngoai")


def test_office_files_lose_their_author(commune_officer, publish):
    import io
    import zipfile

    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.properties.creator = "Nông Thị Hằng"
    book.active.append(["Tổng thu", 12480])
    raw = io.BytesIO()
    book.save(raw)
    d = publish(commune_officer, files=[("du-toan.xlsx", raw.getvalue())])
    stored = d.attachments.get().file.read()
    with zipfile.ZipFile(io.BytesIO(stored)) as archive:
        assert "Nông Thị Hằng".encode() not in archive.read("docProps/core.xml")
    assert load_workbook(io.BytesIO(stored)).active["B1"].value == 12480
