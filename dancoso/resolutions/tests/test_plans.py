from datetime import date

import pytest

from dancoso.accounts.messaging import LocmemSender
from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.resolutions import services
from dancoso.resolutions.models import MeasureItem, Task


@pytest.fixture
def plan(resolution, commune_officer):
    return services.adopt_plan(
        commune_officer, resolution, year=2025, number="45/KH-UBND", adopted_on=date(2025, 9, 15)
    )


@pytest.fixture
def task(plan, commune_officer, world):
    return services.add_task(
        commune_officer,
        plan,
        title="Tổ chức hội nghị phổ biến Luật",
        deadline=date(2025, 11, 30),
        measure_item=MeasureItem.objects.get(code="M1.1"),
        village=world.village,
    )


def test_one_plan_per_year(plan, commune_officer, resolution):
    with pytest.raises(DomainError, match="đã có kế hoạch năm 2025"):
        services.adopt_plan(
            commune_officer, resolution, year=2025, number="46/KH", adopted_on=date(2025, 9, 16)
        )


def test_plan_year_within_validity(resolution, commune_officer):
    with pytest.raises(DomainError, match="ngoài thời gian hiệu lực"):
        services.adopt_plan(
            commune_officer, resolution, year=2024, number="1/KH", adopted_on=date(2024, 1, 1)
        )


def test_task_refusals(plan, commune_officer, world):
    with pytest.raises(DomainError, match="đúng một"):
        services.add_task(commune_officer, plan, title="x", deadline=date(2025, 11, 1))
    with pytest.raises(DomainError, match="không thuộc phạm vi"):
        services.add_task(
            commune_officer,
            plan,
            title="x",
            deadline=date(2025, 11, 1),
            village=world.foreign_village,
        )
    with pytest.raises(DomainError, match="trong năm 2025"):
        services.add_task(
            commune_officer, plan, title="x", deadline=date(2026, 1, 5), village=world.village
        )


def test_assignee_updates_own_task_only(task, village_head, world, commune_officer, plan):
    services.update_task(village_head, task, status="done", note="Đã tổ chức ngày 20/11.")
    task.refresh_from_db()
    assert task.status == "done" and task.done_on is not None
    other = services.add_task(
        commune_officer,
        plan,
        title="Việc của thôn khác",
        deadline=date(2025, 11, 30),
        village=world.other_village,
    )
    with pytest.raises(PermissionDeniedError):
        services.update_task(village_head, other, status="done", note="x")


@pytest.mark.parametrize("persona", ["council_delegate", "officer_of_other_commune", "resident"])
def test_others_cannot_touch_the_plan(task, plan, persona, request, world):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.update_task(user, task, status="done", note="x")
    with pytest.raises(PermissionDeniedError):
        services.add_task(user, plan, title="x", deadline=date(2025, 11, 1), village=world.village)


def test_overdue_flagged_once_and_assignee_notified(
    task, village_head, django_capture_on_commit_callbacks, settings
):
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    village_head.phone = "0911000111"
    village_head.save()
    LocmemSender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_overdue(date(2025, 12, 1)) == 1
        assert services.flag_overdue(date(2025, 12, 2)) == 0
    assert [m["to"] for m in LocmemSender.outbox] == ["0911000111"]
    assert "quá hạn 30/11/2025" in LocmemSender.outbox[0]["text"]
    assert Task.objects.get().overdue_notified_on == date(2025, 12, 1)
    assert AuditEvent.objects.filter(action="resolutions.flag_overdue").count() == 1


def test_done_task_not_flagged(task, village_head):
    services.update_task(village_head, task, status="done", note="Xong")
    assert services.flag_overdue(date(2025, 12, 1)) == 0


def test_daily_command(task, capsys):
    from django.core.management import call_command

    call_command("resolutions_daily")
    assert "1 nhiệm vụ quá hạn" in capsys.readouterr().out
