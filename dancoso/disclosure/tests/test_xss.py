"""XSS (SECURITY.md test 12) on every free-text field of a disclosure: title, summary, body,
correction reason, withdrawal reason, offline-form person and place, file name; rendered on
the public page, the section, the search, the feed, the print page and the officer page."""

import itertools
from html.parser import HTMLParser

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from dancoso.core.actors import SystemActor
from dancoso.core.testing import login_verified
from dancoso.disclosure import services

from .conftest import PDF_BYTES

SYSTEM = SystemActor("tests")
TAGS = [
    "script",
    "img src=x onerror=alert(1)",
    "svg onload=alert(1)",
    "iframe src=javascript:alert(1)",
    "body onload=alert(1)",
    "a href=javascript:alert(1)",
    "input autofocus onfocus=alert(1)",
    "details open ontoggle=alert(1)",
    "math><mtext><table><mglyph><style><img src=x onerror=alert(1)",
    "object data=javascript:alert(1)",
]
WRAPPERS = [
    "<{t}>",
    '"><{t}>',
    "'><{t}>",
    "</title><{t}>",
    "</textarea><{t}>",
    "<!--<{t}>-->",
    "<{t}>x</{t}>",
    "&lt;<{t}>",
]
PAYLOADS = [w.format(t=t) for t, w in itertools.product(TAGS, WRAPPERS)]  # 80 payloads


class _Tags(HTMLParser):
    """Every element and attribute the browser would build from the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in {"iframe", "svg", "object", "embed", "math", "img"}:
            self.bad.append(tag)
        if tag == "script" and not str(a.get("src") or "").startswith("/static/"):
            self.bad.append("script")
        self.bad += [f"{tag}[{name}]" for name in a if name.startswith("on")]
        self.bad += [
            f"{tag}[{k}=javascript:]"
            for k, v in a.items()
            if k in {"href", "src", "data", "action"} and "javascript:" in str(v).lower()
        ]


def assert_inert(response, where: str) -> None:
    if "xml" in response["Content-Type"]:
        ElementTree.fromstring(response.content)  # well-formed: payloads are escaped text
        return
    reader = _Tags()
    reader.feed(response.content.decode())
    assert reader.bad == [], f"{where}: {reader.bad}"


@pytest.mark.parametrize("chunk", range(0, len(PAYLOADS), 10))
def test_payloads_in_every_field_never_render_as_markup(client, world, commune_officer, chunk):
    login_verified(client, commune_officer)
    for payload in PAYLOADS[chunk : chunk + 10]:
        d = services.publish_disclosure(
            actor=SYSTEM,
            commune=world.commune,
            category="xa-14",
            title=f"Đất {payload}"[:300],
            summary=f"Tóm tắt đất {payload}",
            body=f"<p>đất</p>{payload}",
            files=[(f"{payload}.pdf", PDF_BYTES)],
        )
        services.correct_disclosure(
            d, actor=SYSTEM, reason=payload, title=f"Đất {payload} mới"[:300]
        )
        code = world.commune.code
        urls = [
            reverse("disclosure:detail", args=[code, d.public_id]),
            reverse("disclosure:print", args=[code, d.public_id]),
            reverse("disclosure:index", args=[code]),
            reverse("disclosure:commune_search", args=[code]) + "?q=" + "dat",
            reverse("disclosure:feed", args=[code]),
            reverse("disclosure:manage", args=[d.public_id]),
        ]
        for url in urls:
            assert_inert(client.get(url), f"{url} {payload!r}")
        services.withdraw_disclosure(d, actor=SYSTEM, reason=payload)
        assert_inert(client.get(urls[0]), f"withdrawn {payload!r}")


def test_payloads_in_offline_form_records(client, world, commune_officer):
    d = services.publish_disclosure(
        actor=SYSTEM,
        commune=world.commune,
        category="xa-02",
        title="Dự toán",
        forms=["posted_office", "posted_village"],
    )
    for payload in PAYLOADS[:20]:
        services.record_form(
            d,
            actor=SYSTEM,
            form="posted_office",
            done_by=payload,
            place=payload,
            done_on=timezone.localdate(),
        )
    login_verified(client, commune_officer)
    for url in (
        reverse("disclosure:detail", args=[world.commune.code, d.public_id]),
        reverse("disclosure:manage", args=[d.public_id]),
    ):
        assert_inert(client.get(url), url)
