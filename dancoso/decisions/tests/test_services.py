"""The decision services: permission, law, exactly one audit event per committed write."""

import pytest
from django.contrib.auth import get_user_model

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.decisions import counting, queries, readiness, seal, services
from dancoso.decisions.law import Kind
from dancoso.decisions.models import Ballot, Batch, Decision, ElectorEntry, Participation
from dancoso.decisions.tests import factories as f

pytestmark = pytest.mark.django_db


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=f"decisions.{action}").count()


def test_a_channel_the_law_refuses_is_refused_with_the_rule(village_head, world):
    with pytest.raises(DomainError) as exc:
        f.decision(village_head, world.village, kind=Kind.CONTRIBUTION, channels=("online",))
    assert exc.value.code == "online_kind" and "Điều 17" in exc.value.message
    assert Decision.objects.count() == 0 and events("open_decision") == 0


def test_kinds_3_to_5_only_at_a_meeting(village_head, world):
    with pytest.raises(DomainError) as exc:
        f.decision(village_head, world.village, kind=Kind.CONVENTION, channels=("ballot",))
    assert exc.value.code == "meeting_required"


def test_open_decision_permission(resident, officer_of_other_commune, village_head, world):
    for actor in (resident, officer_of_other_commune):
        with pytest.raises(PermissionDeniedError):
            f.decision(actor, world.village)
    with pytest.raises(PermissionDeniedError):  # a village head cannot put a commune matter
        f.decision(village_head, world.commune, kind=Kind.CONTRIBUTION, channels=("ballot",))
    d = f.decision(village_head, world.village)
    assert events("open_decision") == 1
    assert [o.role for o in d.options.all()] == ["agree", "disagree", "other"]


def test_an_election_needs_a_candidate(village_head, world):
    with pytest.raises(DomainError) as exc:
        f.decision(village_head, world.village, kind=Kind.VILLAGE_HEAD, channels=("meeting",))
    assert exc.value.code == "candidate_required"


def test_schedule_warnings(village_head, world):
    from datetime import date

    d = f.decision(
        village_head,
        world.village,
        kind=Kind.CONTRIBUTION,
        channels=("meeting",),
        notice_on=date(2026, 6, 9),
    )
    warnings = services.schedule_warnings(d)
    assert len(warnings) == 1 and "08/06/2026" in warnings[0]


def test_a_schedule_before_the_law_applies_is_refused_and_nothing_is_opened(village_head, world):
    """Found by Schemathesis (SECURITY.md test 13): a vote dated 01/01/2000 was opened and its
    page then failed, the lead times having no rule for that day."""
    from datetime import date

    with pytest.raises(DomainError) as refused:
        day = date(2000, 1, 1)
        f.decision(village_head, world.village, kind=Kind.CONTRIBUTION, channels=("ballot",),
                   voting_on=day, notice_on=day, documents_on=day, ballot_plan_on=day)  # fmt: skip
    assert refused.value.code == "not_in_force" and "01/01/2000" in refused.value.message
    assert not Decision.objects.exists()


def test_online_voting_end_to_end(village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, 4)
    agree, other = f.option(d, "agree"), f.option(d, "other")
    r1 = services.cast_ballot(d, actor=pairs[0][1], option_id=agree.pk)
    services.cast_ballot(d, actor=pairs[1][1], option_id=agree.pk)
    services.cast_ballot(d, actor=pairs[2][1], option_id=other.pk, other_text="Nên tổ chức sớm")
    assert events("cast_ballot") == 0  # casts are audited in the close event's seal
    with pytest.raises(DomainError) as exc:
        services.cast_ballot(d, actor=pairs[0][1], option_id=agree.pk)
    assert exc.value.code == "already_voted"
    services.close_voting(d, actor=village_head)
    assert seal.sealed_at_close(d)["participations"] == {"online": 3}
    services.count_votes(d, actor=village_head)
    d = services.publish_result(d, actor=village_head)
    d.refresh_from_db()
    result = d.result
    assert (result["electorate"], result["ballots"], result["took_part"]) == (5, 3, 3)
    # 2 of 5 agree: not more than half of ALL households.
    assert result["adopted"] is False and "trên 50%" in result["rule"]
    assert counting.recount_agrees(d) and readiness.totals_agree(d)
    assert queries.receipt_counted(d, r1.code)
    assert queries.receipt_counted(d, r1.code.lower().replace("-", ""))
    assert not queries.receipt_counted(d, "AAAA-BBBB-CCCC")
    assert len(set(queries.receipt_hashes(d))) == 3
    names = [p["representative__full_name"] for p in queries.online_participants(d)]
    assert len(names) == 3 and all("Đại diện" in n for n in names)


def test_online_opens_only_after_more_than_half_chose_it(village_head, world):
    pairs = f.village_households(world.village, 3)
    d = f.decision(village_head, world.village)
    services.publish_electorate(d, actor=village_head)
    services.answer_online_poll(d, actor=pairs[0][1], wants_online=True)
    services.answer_online_poll(d, actor=pairs[1][1], wants_online=True)
    with pytest.raises(DomainError) as exc:  # 2 of 4 households: exactly half
        services.open_voting(d, actor=village_head)
    assert "Điều 5" in exc.value.message and events("open_voting") == 0
    services.answer_online_poll(d, actor=pairs[2][1], wants_online=True)
    services.open_voting(d, actor=village_head)
    assert events("open_voting") == 1


def test_only_a_representative_on_the_list_votes(village_head, world, resident):
    d, _ = f.online_vote_ready(village_head, world.village, 2)
    outsider = f.village_households(world.other_village, 1, prefix="X")[0][1]
    for actor in (resident, outsider):
        with pytest.raises(PermissionDeniedError):
            services.cast_ballot(d, actor=actor, option_id=f.option(d, "agree").pk)
    assert Participation.objects.filter(decision=d).count() == 0


def test_no_interim_results_for_anyone_while_open(village_head, world, django_user_model):
    d, pairs = f.online_vote_ready(village_head, world.village, 2)
    services.cast_ballot(d, actor=pairs[0][1], option_id=f.option(d, "agree").pk)
    root = django_user_model.objects.create_superuser("root", password="x")
    for who in (root, village_head, pairs[0][1]):
        with pytest.raises(DomainError) as exc:
            queries.result_for(who, d)
        assert exc.value.code == "no_interim"
    with pytest.raises(DomainError):
        queries.receipt_hashes(d)
    with pytest.raises(DomainError):
        services.count_votes(d, actor=root)


def test_the_electorate_freezes_when_voting_opens_and_refusals_are_logged(village_head, world):
    d, _ = f.online_vote_ready(village_head, world.village, 2)
    before = ElectorEntry.objects.filter(decision=d).count()
    newcomer = f.village_households(world.village, 1, prefix="N")[0][0]
    with pytest.raises(DomainError) as exc:
        services.change_electorate(d, actor=village_head, add=[newcomer])
    assert exc.value.code == "electorate_frozen"
    with pytest.raises(DomainError):
        services.change_electorate(d, actor=village_head, remove=[world.household])
    assert ElectorEntry.objects.filter(decision=d).count() == before
    assert events("refuse_electorate_change") == 2


def test_the_electorate_may_be_corrected_before_opening(village_head, world):
    f.village_households(world.village, 2)
    d = f.decision(village_head, world.village)
    services.publish_electorate(d, actor=village_head)
    services.change_electorate(d, actor=village_head, remove=[world.household])
    assert ElectorEntry.objects.filter(decision=d).count() == 2
    foreign = world.foreign_household
    with pytest.raises(DomainError):
        services.change_electorate(d, actor=village_head, add=[foreign])
    assert events("change_electorate") == 1


def _meeting(actor, world, n=5, kind=Kind.CONTRIBUTION, **extra):
    pairs = f.village_households(world.village, n)
    d = f.decision(actor, world.village, kind=kind, channels=("meeting",), **extra)
    services.publish_electorate(d, actor=actor)
    services.open_voting(d, actor=actor)
    return d, [h for h, _ in pairs]


def test_a_meeting_that_cannot_reach_the_share_carries_over_to_ballots(
    village_head, commune_officer, world
):
    d, homes = _meeting(village_head, world)  # 6 households, kind 1 needs 4
    for h in homes[:3]:
        services.record_attendance(d, actor=village_head, household=h, present=True)
    assert not services.meeting_outlook(d).reachable
    services.record_attendance(d, actor=village_head, household=homes[3], present=True)
    assert services.meeting_outlook(d).reachable
    with pytest.raises(DomainError) as exc:
        services.carry_over(d, actor=village_head)
    assert exc.value.code == "fallback_not_needed"
    services.record_attendance(d, actor=village_head, household=homes[3], present=False)
    d = services.carry_over(d, actor=village_head)
    assert d.allows_ballot and d.meeting_present == 3
    assert Participation.objects.filter(decision=d).count() == 0
    # Every household now gets a ballot; four return theirs.
    services.record_return(d, actor=village_head, households=homes[:4])
    agree = f.option(d, "agree")
    with pytest.raises(DomainError) as exc:
        services.enter_batch(d, actor=village_head, source="paper", counts={agree.pk: 5})
    assert exc.value.code == "too_many"
    batch = services.enter_batch(
        d, actor=village_head, source="paper", counts={agree.pk: 4}, invalid=0
    )
    with pytest.raises(DomainError) as exc:
        services.confirm_batch(batch, actor=village_head)
    assert exc.value.code == "same_person"
    with pytest.raises(DomainError):
        services.close_voting(d, actor=village_head)  # batch not confirmed
    services.confirm_batch(batch, actor=commune_officer)
    services.close_voting(d, actor=village_head)
    with pytest.raises(DomainError) as exc:  # paper ballots: ballot team and witnesses
        services.count_votes(d, actor=village_head)
    assert "Tổ phát phiếu" in exc.value.message and "chứng kiến" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.record_officers(d, actor=village_head, ballot_team=["Một", "Hai"])
    assert exc.value.code == "team_size" and "từ 3 đến 5" in exc.value.message
    f.officers(d, village_head)
    d = services.count_votes(d, actor=village_head)
    assert d.result["adopted"] is True  # 4 of 6 = exactly two-thirds
    assert d.result["carried_over"] and d.result["meeting_present"] == 3
    assert readiness.totals_agree(d) and counting.recount_agrees(d)
    assert events("confirm_batch") == 1 and events("carry_over") == 1


def test_a_household_that_voted_online_is_refused_on_paper(village_head, world):
    pairs = f.village_households(world.village, 2)
    d = f.decision(village_head, world.village, channels=("online", "ballot"))
    services.publish_electorate(d, actor=village_head)
    for _, user in pairs:
        services.answer_online_poll(d, actor=user, wants_online=True)
    services.open_voting(d, actor=village_head)
    services.cast_ballot(d, actor=pairs[0][1], option_id=f.option(d, "agree").pk)
    with pytest.raises(DomainError) as exc:
        services.record_return(d, actor=village_head, households=[pairs[0][0]])
    assert exc.value.code == "took_part"
    assert events("record_return") == 0


def test_show_of_hands_election(village_head, commune_officer, world):
    d, homes = _meeting(
        village_head, world, n=4, kind=Kind.VILLAGE_HEAD, candidates=["Lộc Văn Sơn", "Hà Thị Lan"]
    )
    for h in homes:
        services.record_attendance(d, actor=village_head, household=h, present=True)
    son, lan = d.options.all()
    batch = services.enter_batch(
        d, actor=village_head, source="hands", counts={son.pk: 3, lan.pk: 1}
    )
    services.confirm_batch(batch, actor=commune_officer)
    with pytest.raises(DomainError):
        services.record_attendance(d, actor=village_head, household=homes[0], present=False)
    services.close_voting(d, actor=village_head)
    d = services.count_votes(d, actor=village_head)
    assert d.result["adopted"] and d.result["winner"] == "Lộc Văn Sơn"  # 3 of 5 > 50%
    assert "Ủy ban" not in d.result["effect"] and "UBND xã" in d.result["effect"]


def test_commune_wide_contribution_counted_by_villages(commune_officer, commune_chair, world):
    a = f.village_households(world.village, 2, prefix="A")
    b = f.village_households(world.other_village, 2, prefix="B")
    d = f.decision(commune_officer, world.commune, kind=Kind.CONTRIBUTION, channels=("ballot",))
    services.publish_electorate(d, actor=commune_officer)
    services.open_voting(d, actor=commune_officer)
    agree = f.option(d, "agree")
    services.record_return(d, actor=commune_officer, households=[h for h, _ in a])
    services.record_return(d, actor=commune_officer, households=[h for h, _ in b])
    for village, n in ((world.village, 2), (world.other_village, 1)):
        batch = services.enter_batch(
            d,
            actor=commune_officer,
            source="paper",
            counts={agree.pk: n},
            invalid=2 - n,
            village=village,
        )
        services.confirm_batch(batch, actor=commune_chair)
    services.close_voting(d, actor=commune_officer)
    f.officers(d, commune_officer)
    d = services.count_votes(d, actor=commune_officer)
    by_village = {v["name"]: v["adopted"] for v in d.result["villages"]}
    # Bản Lải: 2/3 agree (adopted); Nà Sla: 1/3 (not); the commune needs 2 of 2 villages.
    assert by_village == {"Thôn Bản Lải": True, "Thôn Nà Sla": False}
    assert d.result["adopted"] is False and d.result["invalid"] == 1


def test_batches_refuse_nonsense(village_head, world):
    d, homes = _meeting(village_head, world, n=2)
    services.record_attendance(d, actor=village_head, household=homes[0], present=True)
    for counts in ({"999999": 1}, {str(f.option(d, "agree").pk): -1}, {}):
        with pytest.raises(DomainError):
            services.enter_batch(d, actor=village_head, source="hands", counts=counts)
    assert Batch.objects.count() == 0 and Ballot.objects.count() == 0


def test_rollback_leaves_no_event(village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, 2)
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError):
        services.cast_ballot(d, actor=pairs[0][1], option_id=f.option(d, "other").pk)
    assert AuditEvent.objects.count() == before
    assert Participation.objects.filter(decision=d).count() == 0


def test_user_model_has_no_link_to_ballots():
    fields = {f.name for f in Ballot._meta.get_fields()}
    assert fields == {
        "id",
        "decision",
        "village",
        "option",
        "other_text",
        "receipt_hash",
    }
    assert not any(
        getattr(f, "related_model", None) in (get_user_model(),) for f in Ballot._meta.get_fields()
    )


def test_every_step_is_in_the_audit_log_in_order(village_head, commune_officer, world):
    pairs = f.village_households(world.village, 2)
    d = f.decision(village_head, world.village, channels=("online", "ballot"))
    services.publish_electorate(d, actor=village_head)
    for _, user in pairs:
        services.answer_online_poll(d, actor=user, wants_online=True)
    services.open_voting(d, actor=village_head)
    services.cast_ballot(d, actor=pairs[0][1], option_id=f.option(d, "agree").pk)
    services.record_return(d, actor=village_head, households=[pairs[1][0]])
    batch = services.enter_batch(
        d, actor=village_head, source="paper", counts={f.option(d, "disagree").pk: 1}
    )
    services.confirm_batch(batch, actor=commune_officer)
    f.officers(d, village_head)
    for step in (services.close_voting, services.count_votes, services.publish_result):
        step(d, actor=village_head)
    actions = list(
        AuditEvent.objects.filter(action__startswith="decisions.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert [a.removeprefix("decisions.") for a in actions] == [
        "open_decision",
        "publish_electorate",
        "answer_online_poll",
        "answer_online_poll",
        "open_voting",
        "record_return",
        "enter_batch",
        "confirm_batch",
        "record_officers",
        "close_voting",
        "count_votes",
        "publish_result",
    ]
    close = AuditEvent.objects.get(action="decisions.close_voting")
    # The cast is audited once, in the seal: counts and digests, never a choice by household.
    assert close.summary["seal"]["participations"] == {"ballot": 1, "online": 1}
    assert close.summary["seal"]["ballots"] == 2
    assert set(close.summary["seal"]) == {
        "participations",
        "villages",
        "participation_digest",
        "ballots",
        "ballot_digest",
    }
    # Per village: counts only (households on the list, participations per channel).
    assert set(close.summary["seal"]["villages"][str(d.village_id)]) == {"electorate", "channels"}


def test_reminders_go_to_households_that_have_not_voted(
    village_head, world, settings, django_capture_on_commit_callbacks
):
    from dancoso.accounts.messaging import LocmemSender

    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    d, pairs = f.online_vote_ready(village_head, world.village, 3)
    for i, (_, user) in enumerate(pairs):
        user.phone = f"091200000{i}"
        user.save()
    services.cast_ballot(d, actor=pairs[0][1], option_id=f.option(d, "agree").pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_households(d, actor=village_head) == 2
    assert sorted(m["to"] for m in LocmemSender.outbox) == ["0912000001", "0912000002"]
    assert f"/quyet-dinh/{d.pk}/" in LocmemSender.outbox[0]["text"]
    assert events("remind_households") == 1
