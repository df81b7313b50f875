"""Vietnamese first, English available: the language switch works without JavaScript."""

from pathlib import Path

import polib
import pytest
from django.urls import reverse

from dancoso.core.tests.html import read

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_by_default(client, world):
    page = read(client.get(reverse("portal:commune", args=[world.commune.code])))

    assert page.lang == "vi"
    assert "Bỏ qua, đến nội dung chính" in page.text
    assert "Dân chủ ở cơ sở: quyền của người dân" in page.text


def test_the_language_switch_is_a_plain_form(client, world):
    response = client.get(reverse("portal:commune", args=[world.commune.code]))

    (switch,) = [f for f in read(response).forms if f.get("action") == reverse("set_language")]
    assert switch["method"] == "post"
    assert 'name="language" value="en"' in response.content.decode()


def test_switching_to_english_shows_english_labels_and_back(client, world):
    url = reverse("portal:commune", args=[world.commune.code])

    switched = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert switched.status_code == 302
    assert switched["Location"] == url

    page = read(client.get(url))
    assert page.lang == "en"
    for label in (
        "Skip to main content",
        "Menu",
        "Grassroots democracy: what residents are entitled to",
        "Residents decide",
        "What you can do today",
        "Audit log verification code",
        "Villages and residential groups",
    ):
        assert label in page.text
    assert "Bỏ qua, đến nội dung chính" not in page.text
    assert "Xem bằng tiếng Việt" in page.text  # the way back, in Vietnamese

    client.post(reverse("set_language"), {"language": "vi", "next": url})
    assert read(client.get(url)).lang == "vi"


def test_error_pages_follow_the_chosen_language(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/xa/999999/")

    assert response.status_code == 404
    assert read(response).h1 == ["Page not found"]


def test_an_english_browser_still_gets_vietnamese_until_the_person_chooses(client, world):
    response = client.get(f"/xa/{world.commune.code}/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = polib.pofile(str(CATALOGUE))

    missing = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if not e.obsolete and e.fuzzy]
    assert missing == [], f"{len(missing)} strings without English, e.g. {missing[:3]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy strings, e.g. {fuzzy[:3]}"


def test_the_compiled_catalogue_is_up_to_date():
    """The .mo Django loads holds exactly the .po's translations (``msgfmt`` was rerun)."""
    source = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE)) if e.translated()}
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(CATALOGUE.with_suffix(".mo")))}

    stale = [msgid for msgid, text in source.items() if text and compiled.get(msgid) != text]
    assert stale == [], f"run msgfmt: {stale[:3]}"


def _english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("disclosure:index", "Grassroots democracy: disclosed information"),
        ("feedback:submit", "Send a report or petition to"),
        ("consultation:list", "Consulting the people"),
        ("conventions:list", "Village conventions"),
    ],
)
def test_the_new_public_pages_speak_english(client, world, url_name, heading):
    _english(client)
    page = read(client.get(reverse(url_name, args=[world.commune.code])))

    assert page.lang == "en"
    assert heading in page.h1[0]


def test_the_household_decisions_page_speaks_english(client, household_head):
    client.force_login(household_head)
    _english(client)
    page = read(client.get(reverse("decisions_public:mine")))

    assert page.lang == "en"
    assert page.h1 == ["Matters households decide"]
