from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.resolutions import queries, services
from dancoso.resolutions.importing import ImportRefused
from dancoso.resolutions.models import ManualFigure, MeasureItem, Resolution, Target


def png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def events(action):
    return AuditEvent.objects.filter(action=f"resolutions.{action}").count()


def test_import_writes_everything_with_one_audit_event(resolution, world):
    assert resolution.commune == world.commune
    assert list(resolution.targets.values_list("code", flat=True)) == ["T1", "T2"]
    item = MeasureItem.objects.get(code="M1.2")
    assert [t.code for t in item.targets.all()] == ["T2"]
    assert resolution.targets.get(code="T2").manual_reporter == "village"
    assert events("import_resolution") == 1


def test_import_refused_writes_nothing(world, commune_officer, sample_bytes):
    bad = sample_bytes.replace(b"targets: [T2]", b"targets: [T9]")
    with pytest.raises(ImportRefused):
        services.import_file(commune_officer, bad, "bad.yaml")
    assert not Resolution.objects.exists()
    assert events("import_resolution") == 0


def test_same_resolution_twice_refused(resolution, commune_officer, sample_bytes):
    with pytest.raises(DomainError, match="đã có trên nền tảng"):
        services.import_file(commune_officer, sample_bytes, "sample.yaml")
    assert Resolution.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["officer_of_other_commune", "village_head", "council_delegate"]
)
def test_import_needs_a_manager_of_the_place(world, sample_bytes, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.import_file(user, sample_bytes, "sample.yaml")


def test_load_resolution_command(world, tmp_path, sample_bytes, capsys):
    good = tmp_path / "nq.yaml"
    good.write_bytes(sample_bytes)
    call_command("load_resolution", str(good))
    assert "đã nhập 12/2025/NQ-HĐND" in capsys.readouterr().out
    bad = tmp_path / "sai.yaml"
    bad.write_bytes(
        sample_bytes.replace(b"threshold: 100\n    amber", b"threshold: 190\n    amber")
    )
    with pytest.raises(CommandError):
        call_command("load_resolution", str(bad))
    assert "sai.yaml, dòng 26" in capsys.readouterr().err


def test_change_before_plan_corrects_in_place(resolution, commune_officer):
    target = resolution.targets.get(code="T1")
    services.change_target(commune_officer, target, on=date(2025, 10, 1), threshold=Decimal(95))
    target.refresh_from_db()
    assert target.threshold == 95 and not target.revisions.exists()


def test_change_after_plan_keeps_history(resolution, commune_officer):
    services.adopt_plan(commune_officer, resolution, year=2025, number="45/KH-UBND",
                        adopted_on=date(2025, 9, 15))  # fmt: skip
    target = resolution.targets.get(code="T1")
    services.change_target(commune_officer, target, on=date(2025, 11, 1), threshold=Decimal(95),
                           text="95% thôn công khai đầy đủ")  # fmt: skip
    target.refresh_from_db()
    assert queries.terms_on(target, date(2025, 10, 31))["threshold"] == "100.0"
    assert queries.terms_on(target, date(2025, 11, 1))["threshold"] == Decimal(95)
    assert queries.terms_on(target, date(2025, 8, 1)) is None
    with pytest.raises(DomainError, match="sau 01/11/2025"):
        services.change_target(commune_officer, target, on=date(2025, 11, 1), threshold=98)
    assert events("change_target") == 1


def test_change_target_law_checks(resolution, commune_officer):
    target = resolution.targets.get(code="T1")
    with pytest.raises(DomainError, match="thấp hơn mức đạt"):
        services.change_target(commune_officer, target, on=date(2025, 10, 1), amber_from=100)
    with pytest.raises(DomainError, match="chưa được đăng ký"):
        services.change_target(commune_officer, target, on=date(2025, 10, 1), indicator="x.y")


def report(user, target, unit, numerator=3, denominator=4, **extra):
    return services.report_figure(
        user, target, unit=unit, period_start=date(2025, 10, 1), period_end=date(2025, 12, 31),
        numerator=numerator, denominator=denominator, **extra,
    )  # fmt: skip


def test_village_head_reports_with_evidence(resolution, village_head, world, commune_officer):
    target = resolution.targets.get(code="T2")
    figure = report(village_head, target, world.village, evidence=("../../minh chứng.png", png()))
    assert figure.evidence_name == "minh chứng.png"
    assert "minh" not in figure.evidence.name and ".." not in figure.evidence.name
    services.audit_figure(commune_officer, figure)
    assert events("report_figure") == 1 and events("audit_figure") == 1


@pytest.mark.parametrize(("numerator", "denominator"), [(5, 4), (-1, 4)])
def test_figure_outside_0_100_refused(resolution, village_head, world, numerator, denominator):
    target = resolution.targets.get(code="T2")
    with pytest.raises(DomainError):
        report(village_head, target, world.village, numerator, denominator)
    assert not ManualFigure.objects.exists()


def test_figure_refusals(resolution, village_head, world, commune_officer):
    t1, t2 = resolution.targets.get(code="T1"), resolution.targets.get(code="T2")
    with pytest.raises(DomainError, match="tính tự động"):
        report(commune_officer, t1, world.village)
    with pytest.raises(DomainError, match="đúng loại đơn vị"):
        report(commune_officer, t2, world.commune)
    with pytest.raises(PermissionDeniedError):
        report(village_head, t2, world.other_village)
    with pytest.raises(DomainError, match="không thuộc phạm vi"):
        report(_superuser(), t2, world.foreign_village)
    with pytest.raises(DomainError, match="Không nhận ảnh SVG"):
        report(village_head, t2, world.village, evidence=("x.svg", b"<svg onload=alert(1)>"))
    assert events("report_figure") == 0


def _superuser():
    from dancoso.core.testing import make_user

    return make_user("root", is_superuser=True)


def test_targets_constraints_hold_in_the_database(resolution):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.filter(resolution=resolution, code="T1").update(manual_reporter="village")
