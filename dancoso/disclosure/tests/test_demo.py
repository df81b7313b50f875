"""The demo disclosures load through the services, once, and show on the public section."""

from datetime import date

from django.urls import reverse

from dancoso.demo.disclosure import load_disclosures
from dancoso.disclosure import queries


def test_the_demo_disclosures_load_once_and_are_public(client, world, agency):
    from dancoso.places.models import Agency

    school = Agency.objects.create(
        name="Trường Tiểu học Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
    )
    villages = [world.village, world.other_village]
    assert load_disclosures(world.commune, villages, [agency, school]) == 13
    assert load_disclosures(world.commune, villages, [agency, school]) == 0
    page = client.get(reverse("disclosure:index", args=[world.commune.code])).content.decode()
    assert "Dự toán ngân sách xã Cao Lộc năm 2026" in page
    assert "Kết quả đánh giá" not in page
    found = client.get(reverse("disclosure:search"), {"q": "ke hoach su dung dat"}).content.decode()
    assert "<mark>đất</mark> năm 2026 của xã Cao Lộc" in found
    summary = queries.obligation_summary(world.commune, 2026, today=date(2026, 12, 1))
    assert summary["on_time"] == 3 and summary["late"] == 1
