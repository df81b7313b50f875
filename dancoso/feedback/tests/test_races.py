"""SECURITY.md test 2 on PostgreSQL: many people rating one visit at once store exactly one
rating, the rest get a clear refusal; one rating per case answer as well, and one second
complaint per case."""

import threading

import pytest
from django.db import connection

from dancoso.core.errors import DomainError
from dancoso.feedback import services
from dancoso.feedback.models import Case, DeskRating

RUNS, RACERS = 5, 20


def race(target, count):
    barrier = threading.Barrier(count)
    outcomes = []

    def run():
        try:
            barrier.wait()
            target()
            outcomes.append("stored")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_ratings_of_one_visit_store_one():
    from dancoso.core.testing import build_world, grant, make_user

    world = build_world()
    officer = make_user("canbo_quay")
    grant(officer, "commune_officer", world.commune)
    desk = services.create_desk(world.commune, actor=officer, name="Quầy 1")
    for run in range(RUNS):
        code = f"VISIT-{run}"
        outcomes = race(
            lambda code=code: services.rate_desk(
                desk, visit_code=code, reception_score=5, procedure_score=5
            ),
            RACERS,
        )
        assert outcomes.count("stored") == 1, outcomes
        assert outcomes.count("already_rated") == RACERS - 1
        assert DeskRating.objects.filter(visit_code=code).count() == 1


def answered(kind, **extra):
    """A case of ``kind`` sent from the portal and answered by a commune officer."""
    from django.contrib.auth.models import AnonymousUser

    from dancoso.core.testing import build_world, grant, make_user

    world = build_world()
    officer = make_user("canbo_tl")
    grant(officer, "commune_officer", world.commune)
    case = services.submit_case(
        world.commune,
        actor=AnonymousUser(),
        kind=kind,
        subject="Ổ gà",
        description="Đường thủng.",
        phone="0912000111",
        **extra,
    )
    services.answer_case(case, actor=officer, answer="Đã trả lời.")
    return case


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_ratings_of_one_answer_store_one():
    case = answered("phan_anh")
    outcomes = race(
        lambda: services.rate_answer(Case.objects.get(pk=case.pk), satisfied=True), RACERS
    )
    assert outcomes.count("stored") == 1 and outcomes.count("already_rated") == RACERS - 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_second_complaints_store_one():
    case = answered("khieu_nai", full_name="Hoàng Văn Khải")
    outcomes = race(
        lambda: services.file_follow_up(Case.objects.get(pk=case.pk), text="Không đồng ý."),
        RACERS,
    )
    assert outcomes.count("stored") == 1 and outcomes.count("already_followed") == RACERS - 1
    assert Case.objects.filter(follows=case).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_portal_and_the_desk_filing_one_second_complaint_at_once_store_one():
    """The complainant files online while the desk types in the paper letter for the same
    first case: one second complaint, the others refused with its code."""
    from django.utils import timezone

    from dancoso.accounts.models import User

    case = answered("khieu_nai", full_name="Hoàng Văn Khải")
    officer = User.objects.get(username="canbo_tl")

    def desk():
        services.take_follow_up(
            case.commune,
            actor=User.objects.get(pk=officer.pk),
            kind="khieu_nai",
            channel="letter",
            received_on=timezone.localdate(),
            text="Đơn giấy: không đồng ý.",
            first_code=case.tracking_code,
        )

    def portal():
        services.file_follow_up(Case.objects.get(pk=case.pk), text="Không đồng ý.")

    turn = iter(range(RACERS))
    outcomes = race(lambda: (desk if next(turn) % 2 else portal)(), RACERS)
    assert outcomes.count("stored") == 1 and outcomes.count("already_followed") == RACERS - 1
    assert Case.objects.filter(follows=case).count() == 1
