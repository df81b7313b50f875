"""The tally minutes and the community decision as DOCX and PDF: figures from the stored
result sheet (refused while voting is open:
``test_views.test_no_result_page_while_open_for_anyone``), 404 for another commune's officer,
attachment names."""

import io
import unicodedata

import docx
import pytest
from django.test import Client

from dancoso.core.testing import login_verified
from dancoso.decisions import queries, services
from dancoso.decisions.models import ElectorEntry
from dancoso.decisions.tests import factories as f

pytestmark = pytest.mark.django_db
PAPERS = ("kiem-phieu", "quyet-dinh")


def counted(village_head, world, n=3):
    d, pairs = f.online_vote_ready(village_head, world.village, n)
    agree = d.options.get(role="agree")
    for _, user in pairs[:2]:
        services.cast_ballot(d, actor=user, option_id=agree.pk)
    services.close_voting(d, actor=village_head)
    return services.count_votes(d, actor=village_head)


def text_of(content: bytes) -> str:
    doc = docx.Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_the_figures_are_those_of_the_stored_result_sheet(client, village_head, world):
    d = counted(village_head, world)
    result = d.result
    login_verified(client, village_head)
    for paper in PAPERS:
        response = client.get(f"/quyet-dinh/{d.pk}/bien-ban-{paper}.docx")
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="bien-ban-{paper}-{d.pk}.docx"'
        )
        text = text_of(response.content)
        assert result["sentence"] in text and d.title in text
        assert f"Tổng số hộ gia đình: {result['electorate']}." in text or paper == "kiem-phieu"
        agree = next(o for o in result["villages"][0]["options"] if o["votes"])
        assert agree["label"] in text and str(agree["votes"]) in text
    decision = text_of(client.get(f"/quyet-dinh/{d.pk}/bien-ban-quyet-dinh.docx").content)
    assert f"Số đại diện hộ gia đình tham gia: {result['took_part']}." in decision
    assert f"vắng mặt, không tham gia: {result['absent']}." in decision
    assert "Biểu quyết trực tuyến." in decision and "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" in decision
    assert decision.count("ĐẠI DIỆN HỘ GIA ĐÌNH") == 2


def test_the_papers_never_recount_todays_rows(village_head, world):
    d = counted(village_head, world)
    stored = d.result["electorate"]
    ElectorEntry.objects.filter(decision=d).first().delete()  # today's rows change
    minutes, decision = queries.papers_for(village_head, d)
    assert any(f"Tổng số hộ gia đình: {stored}." == getattr(b, "text", "") for b in decision.body)
    figures = next(b for b in minutes.body if hasattr(b, "rows"))
    assert figures.rows[0][1] == str(stored)


def test_counted_is_for_organisers_published_for_everyone(client, village_head, world):
    d = counted(village_head, world)
    url = f"/quyet-dinh/{d.pk}/bien-ban-quyet-dinh.docx"
    assert Client().get(url).status_code == 404
    login_verified(client, village_head)
    assert (
        f"/quyet-dinh/{d.pk}/bien-ban-kiem-phieu.docx"
        in client.get(f"/can-bo/quyet-dinh/{d.pk}/").content.decode()
    )
    services.publish_result(d, actor=village_head)
    assert Client().get(url).status_code == 200
    assert url in Client().get(f"/quyet-dinh/{d.pk}/ket-qua/").content.decode()
    assert Client().get(f"/quyet-dinh/{d.pk}/bien-ban-khac.docx").status_code == 404


def test_another_communes_officer_gets_404(client, village_head, world, officer_of_other_commune):
    d = counted(village_head, world)
    login_verified(client, officer_of_other_commune)
    for paper in PAPERS:
        assert client.get(f"/quyet-dinh/{d.pk}/bien-ban-{paper}.docx").status_code == 404


def test_hostile_title_stays_text(client, village_head, world):
    d = counted(village_head, world)
    d.title = '{ MERGEFIELD x } <w:fldSimple w:instr="x"/>'
    d.save(update_fields=["title"])
    login_verified(client, village_head)
    content = client.get(f"/quyet-dinh/{d.pk}/bien-ban-kiem-phieu.docx").content
    assert d.title in text_of(content)
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "<w:fldSimple" not in xml and "<w:instrText" not in xml


def test_a_meeting_count_names_its_board_and_witnesses(village_head, commune_officer, world):
    homes = [h for h, _ in f.village_households(world.village, 2)]
    d = f.decision(village_head, world.village, channels=("meeting",))
    services.publish_electorate(d, actor=village_head)
    services.open_voting(d, actor=village_head)
    for h in (world.household, *homes):
        services.record_attendance(d, actor=village_head, household=h, present=True)
    agree = f.option(d, "agree")
    batch = services.enter_batch(d, actor=village_head, source="hands", counts={agree.pk: 3})
    services.confirm_batch(batch, actor=commune_officer)
    services.close_voting(d, actor=village_head)
    f.officers(d, village_head)
    d = services.count_votes(d, actor=village_head)
    minutes, decision = queries.papers_for(village_head, d)
    names = [s.name for s in minutes.signatures]
    assert names == ["Lộc Văn Bình", "Hà Thị Lan", "Hoàng Thị Duyên", "Lăng Văn Khải"]
    assert minutes.signatures[0].capacity == "TM. Ban kiểm phiếu"
    texts = [getattr(b, "text", "") for b in decision.body]
    assert "Hội nghị đại diện hộ gia đình." in texts and d.result["sentence"] in texts
    assert [s.title for s in decision.signatures][:2] == [
        "Trưởng thôn",
        "Trưởng ban công tác Mặt trận",
    ]


def test_a_commune_wide_matter_adds_up_its_villages(world):
    from dancoso.decisions import papers
    from dancoso.decisions.models import Decision

    def village(name, e, t, agree):
        return {"name": name, "electorate": e, "took_part": t, "absent": e - t, "ballots": t,
                "valid": t, "invalid": 0, "participants": {"ballot": t},
                "options": [{"id": 1, "label": "Đồng ý", "votes": agree}],
                "sentence": f"{name}: {agree}/{e} đồng ý."}  # fmt: skip

    villages = [village("Thôn A", 30, 25, 21), village("Thôn B", 12, 9, 5)]
    result = {"villages": villages, "electorate": 42, "took_part": 34, "absent": 8,
              "ballots": 34, "valid": 34, "invalid": 0, "adopted": False,
              "sentence": "1/2 thôn thông qua.", "winner": "", "effect": ""}  # fmt: skip
    d = Decision(pk=9, commune=world.commune, scope="commune", kind=1, title="Làm đường",
                 question="Góp tiền làm đường?", voting_on=f.VOTING_ON)  # fmt: skip
    minutes, decision = papers.tally_minutes(d, result), papers.community_decision(d, result)
    figures = next(b for b in decision.body if hasattr(b, "rows"))
    assert figures.rows[-1] == ("Cộng", "42", "34", "8", "34", "34", "0")
    texts = [getattr(b, "text", "") for b in minutes.body]
    assert "Thôn A: 21/30 đồng ý." in texts and "1/2 thôn thông qua." in texts
    assert decision.issuer == f"Ủy ban nhân dân {world.commune.name}"
    assert [s.capacity for s in decision.signatures][:2] == [
        "TM. Ủy ban nhân dân",
        "TM. Ban Thường trực Ủy ban MTTQ",
    ]


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages))


def squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def test_the_papers_as_pdf_say_what_the_docx_says(
    client, village_head, world, officer_of_other_commune
):
    d = counted(village_head, world)
    result = d.result
    login_verified(client, village_head)
    for paper in PAPERS:
        response = client.get(f"/quyet-dinh/{d.pk}/bien-ban-{paper}.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="bien-ban-{paper}-{d.pk}.pdf"'
        )
        text = squeezed(pdf_text(response.content))
        assert squeezed(result["sentence"]) in text and squeezed(d.title) in text
        agree = next(o for o in result["villages"][0]["options"] if o["votes"])
        assert squeezed(agree["label"]) in text
    decision = squeezed(pdf_text(client.get(f"/quyet-dinh/{d.pk}/bien-ban-quyet-dinh.pdf").content))
    assert squeezed(f"Số đại diện hộ gia đình tham gia: {result['took_part']}.") in decision
    assert squeezed("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN") in decision
    assert f"/quyet-dinh/{d.pk}/bien-ban-kiem-phieu.pdf" in (
        client.get(f"/can-bo/quyet-dinh/{d.pk}/").content.decode()
    )
    assert Client().get(f"/quyet-dinh/{d.pk}/bien-ban-kiem-phieu.pdf").status_code == 404
    login_verified(client, officer_of_other_commune)
    assert client.get(f"/quyet-dinh/{d.pk}/bien-ban-quyet-dinh.pdf").status_code == 404
