"""The resolutions API: scoped reads, the dashboard as JSON, hand-reported figures, and a
hypothesis fuzz of every input (never a 5xx)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.core.indicators import Figure
from dancoso.core.testing import login_verified

BASE = "/api/v1/resolutions"


def test_list_and_dashboard(client, resolution, commune_officer, world, shares):
    shares["village", world.village.pk] = Figure(2, 4)
    login_verified(client, commune_officer)
    assert [r["number"] for r in client.get(BASE).json()] == ["12/2025/NQ-HĐND"]
    body = client.get(f"{BASE}/{resolution.pk}/dashboard", {"year": 2025}).json()
    assert body["computed_at"]
    t1 = body["targets"][0]
    assert t1["units"][0] == {
        "level": "village",
        "id": world.village.pk,
        "name": "Thôn Bản Lải",
        "numerator": 2,
        "denominator": 4,
        "percent": 50.0,
        "state": "red",
    }


def test_other_commune_sees_nothing(client, resolution, officer_of_other_commune):
    login_verified(client, officer_of_other_commune)
    assert client.get(BASE).json() == []
    assert client.get(f"{BASE}/{resolution.pk}/dashboard").status_code == 404


def test_anonymous_refused(client, resolution):
    assert client.get(BASE).status_code == 401


def test_figure_through_api(client, resolution, village_head, world):
    target = resolution.targets.get(code="T2")
    login_verified(client, village_head)
    url = f"{BASE}/targets/{target.pk}/figures"
    data = {
        "unit_level": "village",
        "unit_id": world.village.pk,
        "period_start": "2025-10-01",
        "period_end": "2025-12-31",
        "numerator": 5,
        "denominator": 4,
    }
    refused = client.post(url, data, content_type="application/json")
    assert refused.status_code == 400 and "mẫu số" in refused.json()["detail"]
    data["numerator"] = 4
    assert client.post(url, data, content_type="application/json").status_code == 201
    data["unit_id"] = world.other_village.pk
    assert client.post(url, data, content_type="application/json").status_code == 404


text = st.text(max_size=50)
anything = st.one_of(st.none(), st.integers(-(2**70), 2**70), text, st.booleans())


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    year=anything,
    commune=anything,
    level=anything,
    unit=anything,
    num=anything,
    den=anything,
    start=st.one_of(text, st.dates().map(str)),
    end=st.one_of(text, st.dates().map(str)),
)
def test_fuzz_never_a_server_error(client, year, commune, level, unit, num, den, start, end):
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import build_world, grant, make_user
    from dancoso.places.models import Commune
    from dancoso.resolutions import services
    from dancoso.resolutions.tests.conftest import SAMPLE

    if not Commune.objects.filter(code=6193).exists():
        world = build_world()
        user = make_user("fuzz", is_superuser=True)
        grant(user, Role.COMMUNE_OFFICER, world.commune)
        services.import_file(user, SAMPLE.read_bytes(), "sample.yaml")
    from dancoso.accounts.models import User
    from dancoso.resolutions.models import Resolution

    client.force_login(User.objects.get(username="fuzz"))
    resolution = Resolution.objects.get()
    params = {k: v for k, v in {"year": year, "commune": commune}.items() if v is not None}
    assert client.get(f"{BASE}/{resolution.pk}/dashboard", params).status_code < 500
    target = resolution.targets.get(code="T2")
    body = {
        "unit_level": level,
        "unit_id": unit,
        "period_start": start,
        "period_end": end,
        "numerator": num,
        "denominator": den,
    }
    response = client.post(
        f"{BASE}/targets/{target.pk}/figures", body, content_type="application/json"
    )
    assert response.status_code < 500
