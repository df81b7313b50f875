"""SECURITY.md test 12 for consultations: payloads typed into every free-text field (title,
summary, section heading and text, opinion, author of an offline opinion, moderation reason,
group title and answer, synthesis, majority reason, revised text, attachment name) come back
escaped on every page that shows them."""

import pytest
from django.urls import reverse

from dancoso.consultation import services
from dancoso.consultation.lifecycle import State
from dancoso.core.testing import login_verified

from .factories import force_state, make_open, png_bytes

pytestmark = pytest.mark.django_db
PAYLOADS = [
    "<script>alert('x1')</script>",
    '"><img src=x onerror=alert(2)>',
    "<svg onload=alert(3)>",
    "<iframe src=javascript:alert(4)>",
    '\'><a href="javascript:alert(5)">x</a>',
]
FORBIDDEN = ["<script>alert", "<img src=x", "<svg onload", "<iframe", 'href="javascript']


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_field_is_escaped_everywhere(
    client, world, commune_officer, resident, payload, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    c = make_open(
        world.commune,
        commune_officer,
        title=f"Dự thảo {payload}",
        summary=f"Tóm tắt {payload}",
        sections=[(f"Điều 1 {payload}", f"Nội dung {payload}")],
    )
    section = c.sections.get()
    services.add_attachment(c, actor=commune_officer, name=f"{payload}.png", data=png_bytes())
    services.post_opinion(c, actor=resident, text=f"Ý kiến {payload}", section=section)
    services.enter_offline_opinion(
        c,
        actor=commune_officer,
        text=f"Họp {payload}",
        source="meeting",
        author_label=f"Hội nghị {payload}",
    )
    services.post_opinion(c, actor=resident, text="Ý kiến sẽ bị ẩn.")
    services.moderate_opinion(
        c.opinions.get(number=3), actor=commune_officer, reason=f"ẩn {payload}"
    )
    c = force_state(c, State.CLOSED)
    services.answer_opinions(
        c,
        actor=commune_officer,
        numbers=[1, 2],
        title=f"Nhóm {payload}",
        verdict="tiep_thu",
        answer=f"Trả lời {payload}",
    )
    services.write_synthesis(
        c, actor=commune_officer, text=f"Báo cáo {payload}", majority_reason=f"Lý do {payload}"
    )
    services.advance(c, "synthesise", actor=commune_officer)
    services.revise_section(section, actor=commune_officer, text=f"Sửa {payload}")
    services.advance(c, "publish", actor=commune_officer)
    pages = [
        reverse("consultation:list", args=[world.commune.code]),
        reverse("consultation:detail", args=[c.pk]),
        reverse("consultation:synthesis", args=[c.pk]),
    ]
    api = client.get(f"/api/v1/consultations/{c.pk}")
    assert api["Content-Type"] == "application/json; charset=utf-8"  # data, never HTML
    client.force_login(resident)
    pages.append(reverse("consultation:mine"))
    for url in pages:
        body = client.get(url).content.decode()
        assert not any(bad in body for bad in FORBIDDEN), url
    login_verified(client, commune_officer)
    for url in (reverse("consultation_ws:manage", args=[c.pk]), reverse("consultation_ws:list")):
        body = client.get(url).content.decode()
        assert not any(bad in body for bad in FORBIDDEN), url
