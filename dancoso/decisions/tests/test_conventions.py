"""A village convention adopted by the households' vote (Law 10/2022 Art. 15(3); Decree 61/2023
Art. 10): the kind-3 decision names the convention, and publishing a result that adopts it
records the adoption in the conventions capability with the vote's figures — at a meeting, or
by ballots after a meeting that could not reach the share."""

import pytest

from dancoso.audit.models import AuditEvent
from dancoso.conventions.models import Convention
from dancoso.core.errors import DomainError
from dancoso.decisions import services
from dancoso.decisions.law import Kind
from dancoso.decisions.models import Decision
from dancoso.decisions.tests import factories as f

pytestmark = pytest.mark.django_db


def _convention(village, author, state=Convention.State.VOTING):
    return Convention.objects.create(
        village=village,
        kind="huong_uoc",
        title="Hương ước Thôn Bản Lải",
        drafting_team=["Lộc Văn Sơn"],
        state=state,
        created_by=author,
    )


def _meeting(village_head, world, convention):
    homes = [h for h, _ in f.village_households(world.village, 5)]  # with world's: 6 households
    d = f.decision(
        village_head,
        world.village,
        kind=Kind.CONVENTION,
        channels=("meeting",),
        title="Biểu quyết thông qua hương ước",
        convention=convention,
    )
    services.publish_electorate(d, actor=village_head)
    services.open_voting(d, actor=village_head)
    return d, homes


def _show_of_hands(d, actor, confirmer, homes, agree: int) -> None:
    for h in homes:
        services.record_attendance(d, actor=actor, household=h, present=True)
    counts = {f.option(d, "agree").pk: agree, f.option(d, "disagree").pk: len(homes) - agree}
    batch = services.enter_batch(d, actor=actor, source="hands", counts=counts)
    services.confirm_batch(batch, actor=confirmer)


def _finish(d, actor) -> Decision:
    for step in (services.close_voting, services.count_votes, services.publish_result):
        d = step(d, actor=actor)
    return d


def test_a_meeting_that_adopts_the_convention_records_its_adoption(
    village_head, commune_officer, world
):
    convention = _convention(world.village, village_head)
    d, homes = _meeting(village_head, world, convention)
    _show_of_hands(d, village_head, commune_officer, homes[:4], agree=4)
    d = services.close_voting(d, actor=village_head)
    d = services.count_votes(d, actor=village_head)
    convention.refresh_from_db()
    assert convention.state == Convention.State.VOTING  # not before the result is published
    services.publish_result(d, actor=village_head)
    convention.refresh_from_db()
    assert convention.state == Convention.State.ADOPTED
    assert (convention.total_households, convention.attending, convention.agreeing) == (6, 4, 4)
    assert convention.vote_method == "meeting" and convention.meeting_attending is None
    assert convention.voted_on == d.voting_on and f"số {d.pk}" in convention.decision_ref
    assert convention.dossier_due_on is not None
    assert AuditEvent.objects.filter(action="conventions.record_adoption").count() == 1


def test_by_ballots_after_a_meeting_short_of_the_share(village_head, commune_officer, world):
    convention = _convention(world.village, village_head)
    d, homes = _meeting(village_head, world, convention)
    for h in homes[:3]:  # 3 of 6: the meeting cannot reach more than half
        services.record_attendance(d, actor=village_head, household=h, present=True)
    d = services.carry_over(d, actor=village_head)
    services.record_return(d, actor=village_head, households=homes[:5])
    batch = services.enter_batch(
        d, actor=village_head, source="paper", counts={f.option(d, "agree").pk: 4}, invalid=1
    )
    services.confirm_batch(batch, actor=commune_officer)
    f.officers(d, village_head)
    _finish(d, village_head)
    convention.refresh_from_db()
    assert convention.state == Convention.State.ADOPTED and convention.vote_method == "ballot"
    assert (convention.attending, convention.agreeing, convention.meeting_attending) == (5, 4, 3)


def test_a_vote_that_fails_leaves_the_convention_waiting(village_head, commune_officer, world):
    convention = _convention(world.village, village_head)
    d, homes = _meeting(village_head, world, convention)
    _show_of_hands(d, village_head, commune_officer, homes[:4], agree=3)  # 3 of 6: exactly half
    d = _finish(d, village_head)
    assert d.result["adopted"] is False
    convention.refresh_from_db()
    assert convention.state == Convention.State.VOTING
    assert not AuditEvent.objects.filter(action="conventions.record_adoption").exists()


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("other kind", "not_a_convention_kind"),
        ("other village", "convention_village"),
        ("still drafting", "convention_not_voting"),
    ],
)
def test_only_a_kind_3_matter_of_its_village_may_name_a_waiting_convention(
    village_head, commune_officer, world, case, code
):
    village = world.other_village if case == "other village" else world.village
    state = Convention.State.DRAFTING if case == "still drafting" else Convention.State.VOTING
    convention = _convention(village, village_head, state)
    kind = Kind.SELF_MANAGED if case == "other kind" else Kind.CONVENTION
    channels = ("online",) if case == "other kind" else ("meeting",)
    with pytest.raises(DomainError) as exc:
        f.decision(
            commune_officer, world.village, kind=kind, channels=channels, convention=convention
        )
    assert exc.value.code == code and exc.value.message
    assert not Decision.objects.exists()
