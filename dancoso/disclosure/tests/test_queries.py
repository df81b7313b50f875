"""Queries: the obligations checklist and its summary (the "100% disclosed" indicator),
followers told once on commit, search ranking; query counts pinned."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from dancoso.accounts.messaging import LocmemSender
from dancoso.core.actors import SystemActor
from dancoso.disclosure import queries, services
from dancoso.disclosure.obligations import State
from dancoso.disclosure.search import highlight, search_disclosures

SYSTEM = SystemActor("tests")


def test_the_checklist_states_and_summary(
    world, publish, commune_officer, django_assert_num_queries
):
    publish(
        SYSTEM, obligation="budget_estimate", obligation_year=2026, starts_on=date(2026, 1, 20)
    )  # on time (due 30/01)
    publish(
        SYSTEM, obligation="budget_q1", obligation_year=2026, starts_on=date(2026, 4, 20)
    )  # late (due 10/04, Decree 73/2026 Art. 37(3))
    withdrawn = publish(
        SYSTEM, obligation="budget_h1", obligation_year=2026, starts_on=date(2026, 7, 1)
    )
    services.withdraw_disclosure(withdrawn, actor=commune_officer, reason="Nhầm số liệu")
    today = date(2026, 8, 1)
    with django_assert_num_queries(1):
        rows = {
            r.obligation.key: r
            for r in queries.obligation_checklist(world.commune, 2026, today=today)
        }
    assert rows["budget_estimate"].state is State.ON_TIME
    assert rows["budget_q1"].state is State.LATE
    assert rows["budget_h1"].state is State.OVERDUE  # withdrawn does not count
    assert rows["budget_q3"].state is State.NOT_YET_DUE
    assert rows["socio_economic_plan"].state is State.OVERDUE
    with django_assert_num_queries(1):
        summary = queries.obligation_summary(world.commune, 2026, today=today)
    assert summary["on_time"] == 1 and summary["late"] == 1 and summary["done"] == 2
    assert summary["total"] == 11 and summary["due"] == summary["done"] + summary["overdue"]
    assert summary["percent_done"] == round(100 * 2 / summary["due"], 1)


def test_an_agency_checklist_counts_only_its_disclosures(world, agency, agency_head, publish):
    publish(SYSTEM, obligation="budget_estimate", obligation_year=2026, starts_on=date(2026, 1, 5))
    services.publish_disclosure(
        actor=SYSTEM,
        agency=agency,
        category="cq-03",
        title="Dự toán",
        obligation="budget_estimate",
        obligation_year=2026,
        starts_on=date(2026, 2, 2),
    )
    rows = {
        r.obligation.key: r
        for r in queries.obligation_checklist(agency, 2026, today=date(2026, 3, 1))
    }
    assert rows["budget_estimate"].state is State.LATE
    assert queries.obligation_summary(world.commune, 2026, today=date(2026, 3, 1))["on_time"] == 1


def test_a_recorded_decision_date_sets_the_due_date(world, publish):
    # The 2027 estimate decided on 05/12/2026: due 30 days later, 04/01/2027, not 18/01.
    publish(
        SYSTEM,
        obligation="budget_estimate",
        obligation_year=2027,
        document_date=date(2026, 12, 5),
        starts_on=date(2027, 1, 10),
    )
    checklist = queries.obligation_checklist(world.commune, 2027, today=date(2027, 2, 1))
    rows = {r.obligation.key: r for r in checklist}
    row = rows["budget_estimate"]
    assert row.due == date(2027, 1, 4) and row.state is State.LATE
    assert "89/2025" in row.rule.source and "Điều 37" in row.rule.source
    assert rows["budget_q1"].due == date(2027, 4, 10)


def test_an_obligation_of_another_category_is_refused(commune_officer, publish):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        publish(commune_officer, category="xa-03", obligation="budget_q1", obligation_year=2026)


def test_followers_are_told_once_after_commit(
    world, publish, follower, commune_officer, django_capture_on_commit_callbacks
):
    services.follow_disclosures(follower, world.commune)
    services.follow_disclosures(follower, world.commune, category="xa-02")
    services.follow_disclosures(follower, world.commune, village=world.village)
    LocmemSender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        d = publish(commune_officer)
        assert LocmemSender.outbox == []  # nothing before commit
    assert len(callbacks) == 1
    (message,) = LocmemSender.outbox
    assert message["to"] == "theodoi@example.vn" and d.title in message["subject"]
    assert str(d.public_id) in message["text"] and message["text"].startswith("Xã Cao Lộc")


def test_internal_disclosures_and_other_villages_tell_no_one(
    world, agency, agency_head, follower, django_capture_on_commit_callbacks
):
    services.follow_disclosures(follower, world.commune, village=world.other_village)
    LocmemSender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_disclosure(actor=agency_head, agency=agency, category="cq-06", title="x")
        services.publish_disclosure(
            actor=SYSTEM, village=world.village, category="xa-14", title="Lịch họp thôn Bản Lải"
        )
    assert LocmemSender.outbox == []


def test_search_ranks_the_title_match_first_and_tolerates_a_typo_on_postgres(world, publish):
    publish(SYSTEM, category="xa-03", title="Kế hoạch sử dụng đất năm 2026")
    publish(SYSTEM, title="Dự toán ngân sách", summary="Có nhắc kế hoạch sử dụng đất công ích.")
    found = list(search_disclosures("ke hoach su dung dat", commune=world.commune))
    assert [d.title for d in found][0] == "Kế hoạch sử dụng đất năm 2026" and len(found) == 2
    assert list(search_disclosures("", commune=world.commune)) == []
    assert list(search_disclosures("ke hoach", commune=world.other_commune)) == []
    assert len(search_disclosures("dat", category="xa-03")) == 1
    future = timezone.localdate() + timedelta(days=1)
    assert len(search_disclosures("dat", date_from=future)) == 0


@pytest.mark.postgres
def test_trigram_similarity_finds_a_misspelt_word(world, publish):
    publish(SYSTEM, category="xa-03", title="Kế hoạch sử dụng đất năm 2026")
    assert len(search_disclosures("ke hoach su dung dta", commune=world.commune)) == 1


def test_highlight_marks_the_original_letters_and_escapes():
    out = highlight("<b>Kế hoạch</b> sử dụng ĐẤT", "ke hoach dat")
    assert out == "&lt;b&gt;<mark>Kế</mark> <mark>hoạch</mark>&lt;/b&gt; sử dụng <mark>ĐẤT</mark>"
    assert highlight("Nhà <script>", "") == "Nhà &lt;script&gt;"
