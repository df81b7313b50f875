"""Citizen initiatives: consents (one per household), the 10% rule over three months, the
Front's approval, and putting the matter to the vote (Law Art. 16(3))."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from django.db import connections

from dancoso.accounts.roles import Role
from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import grant, make_user
from dancoso.decisions import services
from dancoso.decisions.models import Consent
from dancoso.decisions.tests import factories as f


def _initiative(world, n=19):
    pairs = f.village_households(world.village, n)
    initiative = services.start_initiative(
        world.village, actor=pairs[0][1], title="Lắp đèn đường", content="Lắp 20 bóng đèn."
    )
    return initiative, pairs


@pytest.mark.django_db
def test_ten_percent_of_all_households_puts_it_to_the_vote(world, village_head, resident):
    initiative, pairs = _initiative(world)  # 20 households: 2 consents needed
    with pytest.raises(PermissionDeniedError):
        services.give_consent(initiative, actor=resident)
    services.give_consent(initiative, actor=pairs[0][1])
    with pytest.raises(DomainError) as exc:
        services.give_consent(initiative, actor=pairs[0][1])
    assert exc.value.code == "already_consented"
    fields = {"kind": 6, "title": "Lắp đèn đường", "question": "Lắp đèn?",
              "channels": {"meeting"}, "voting_on": f.VOTING_ON}  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.put_initiative_to_vote(initiative, actor=village_head, **fields)
    assert exc.value.code == "not_reached" and "1/20" in exc.value.message
    services.give_consent(initiative, actor=pairs[1][1])
    assert services.consent_status(initiative)[:2] == (2, 20)
    decision = services.put_initiative_to_vote(initiative, actor=village_head, **fields)
    initiative.refresh_from_db()
    assert initiative.decision == decision
    assert AuditEvent.objects.filter(action="decisions.give_consent").count() == 2


@pytest.mark.django_db
def test_consents_older_than_three_months_do_not_count(world):
    initiative, pairs = _initiative(world)
    services.give_consent(initiative, actor=pairs[0][1])
    services.give_consent(initiative, actor=pairs[1][1])
    Consent.objects.update(given_on=date.today() - timedelta(days=100))
    assert services.consent_status(initiative)[0] == 0


@pytest.mark.django_db
def test_the_front_may_let_a_smaller_initiative_go_forward(world, village_head):
    initiative, _ = _initiative(world)
    front = make_user("mattran")
    grant(front, Role.FRONT_HEAD, world.village)
    with pytest.raises(PermissionDeniedError):
        services.approve_initiative(initiative, actor=village_head)
    services.approve_initiative(initiative, actor=front)
    services.put_initiative_to_vote(
        initiative, actor=village_head, kind=6, title="Đèn", question="Lắp đèn?",
        channels={"meeting"}, voting_on=f.VOTING_ON,
    )  # fmt: skip


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_consents_for_one_household_store_one(world):
    initiative, pairs = _initiative(world, n=3)
    user = pairs[1][1]
    barrier = threading.Barrier(40)

    def attempt(i):
        if i < 40:
            barrier.wait()
        try:
            services.give_consent(initiative, actor=user)
            return "stored"
        except DomainError as exc:
            return exc.code
        finally:
            if i >= 160:
                connections.close_all()

    with ThreadPoolExecutor(40) as pool:
        outcomes = list(pool.map(attempt, range(200)))
    assert outcomes.count("stored") == 1 and outcomes.count("already_consented") == 199
    assert Consent.objects.filter(initiative=initiative).count() == 1
