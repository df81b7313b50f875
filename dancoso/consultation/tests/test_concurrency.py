"""SECURITY.md test 2 on PostgreSQL: one support per person per opinion under a race, and
opinion numbers that never collide when many people post at once."""

import threading

import pytest
from django.db import connection

from dancoso.consultation import services
from dancoso.consultation.models import Opinion, Support
from dancoso.core.errors import DomainError

from .factories import make_open

RACERS = 20
RUNS = 3


def _race(target, args_list):
    barrier = threading.Barrier(len(args_list))
    outcomes = []

    def run(args):
        try:
            barrier.wait()
            target(*args)
            outcomes.append("stored")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _world():
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import add_totp, build_world, grant, make_user

    world = build_world()
    officer = make_user("canbo_dua")
    grant(officer, Role.COMMUNE_OFFICER, world.commune)
    add_totp(officer)
    residents = []
    for i in range(RACERS):
        user = make_user(f"dan_dua_{i}")
        grant(user, Role.RESIDENT, world.village)
        residents.append(user)
    return world, officer, residents


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_support_race_stores_exactly_one():
    world, officer, residents = _world()
    consultation = make_open(world.commune, officer)
    author, supporter = residents[0], residents[1]
    for run in range(RUNS):
        opinion = services.post_opinion(consultation, actor=author, text=f"Ý kiến đua {run}.")
        outcomes = _race(
            lambda o: services.support_opinion(o, actor=supporter), [(opinion,)] * RACERS
        )
        assert outcomes.count("stored") == 1, outcomes
        assert outcomes.count("already_supported") == RACERS - 1
        assert Support.objects.filter(opinion=opinion).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_comments_get_distinct_numbers():
    world, officer, residents = _world()
    consultation = make_open(world.commune, officer)
    outcomes = _race(
        lambda user: services.post_opinion(consultation, actor=user, text="Cùng lúc."),
        [(u,) for u in residents],
    )
    assert outcomes == ["stored"] * RACERS
    numbers = sorted(
        Opinion.objects.filter(consultation=consultation).values_list("number", flat=True)
    )
    assert numbers == list(range(1, RACERS + 1))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_posts_racing_the_close_are_numbered_tallied_and_audited_once():
    """Posts no longer wait on the consultation's row lock while they are checked and
    cleaned; the counter's ``UPDATE … RETURNING`` still serialises with closing, so every
    post is either refused or committed with the next number, one audit event, its tally."""
    from dancoso.audit.models import AuditEvent
    from dancoso.audit.queries import verify_chain
    from dancoso.audit.services import chain_for
    from dancoso.consultation.models import Consultation

    world, officer, residents = _world()
    consultation = make_open(world.commune, officer)
    after_close = consultation.closes_on.replace(year=consultation.closes_on.year + 1)

    def act(user):
        if user is None:
            services.advance(consultation, "close", actor=officer, today=after_close)
        else:
            services.post_opinion(
                consultation, actor=user, text="Đua với lúc kết thúc.", today=consultation.opens_on
            )

    outcomes = _race(
        act, [(u,) for u in residents[:10]] + [(None,)] + [(u,) for u in residents[10:]]
    )
    stored = outcomes.count("stored") - 1  # the close itself
    assert outcomes.count("wrong_state") == RACERS - stored
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert consultation.state == "closed"
    numbers = sorted(consultation.opinions.values_list("number", flat=True))
    assert numbers == list(range(1, stored + 1))
    assert consultation.opinions_total == consultation.opinions_visible == stored
    posted = AuditEvent.objects.filter(action="consultation.post_opinion")
    assert sorted(int(e.summary["number"]) for e in posted) == numbers
    closed = AuditEvent.objects.get(
        action="consultation.close_consultation", object_id=str(consultation.pk)
    )
    assert all(e.seq < closed.seq for e in posted)  # nothing slipped in after the close
    assert verify_chain(chain_for(consultation.audit_code))[1] is None
