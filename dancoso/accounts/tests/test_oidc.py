"""Signing in through OpenID Connect against a real provider (django-oauth-toolkit, started in
a subprocess by ``oidc_provider.server``): the authorization-code flow with PKCE from dancoso's
redirect through the provider's login and consent to the callback; the person is created or
linked as ``accounts/oidc.py`` decides; tokens from another issuer, for another client, out of
date or with a bad signature are refused; a failing provider is not a server error."""

import json
import time
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import reverse

from dancoso.accounts.models import User
from dancoso.accounts.oidc import ResidentOIDCBackend
from dancoso.audit.models import AuditEvent
from dancoso.core.testing import current_totp

from .oidc_provider.server import NO_PROXY, Provider, rsa_private_pem

pytestmark = pytest.mark.urls("dancoso.accounts.tests.oidc_urls")


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    running = Provider(tmp_path_factory.mktemp("oidc-provider")).start()
    yield running
    running.stop()


@pytest.fixture
def relying_party(settings, provider):
    """dancoso configured as the provider's client, as DANCOSO_OIDC_* would configure it."""
    for name, value in provider.rp_settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "dancoso.accounts.oidc.ResidentOIDCBackend",
    ]
    return settings


class FormReader(HTMLParser):
    """The named, non-submit inputs of the first form on a page."""

    def __init__(self):
        super().__init__()
        self.fields, self.forms = {}, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.forms += tag == "form"
        if (
            tag == "input"
            and self.forms == 1
            and attrs.get("name")
            and attrs.get("type") != "submit"
        ):
            self.fields[attrs["name"]] = attrs.get("value") or ""


def form_fields(html: str) -> dict:
    reader = FormReader()
    reader.feed(html)
    return reader.fields


def through_the_provider(provider, authorize_url: str, *, allow=True) -> str:
    """What the person's browser does at the provider: sign in, consent; the redirect back."""
    browser = requests.Session()
    browser.trust_env = False  # straight to the loopback provider, whatever HTTP_PROXY says
    login = browser.get(authorize_url, timeout=10)
    assert urlsplit(login.url).path == "/dang-nhap/", login.text[:500]
    credentials = {"username": provider.username, "password": provider.password}
    consent = browser.post(login.url, data=form_fields(login.text) | credentials, timeout=10)
    assert "authorizationForm" in consent.text, consent.text[:500]
    answer = form_fields(consent.text) | ({"allow": "Authorize"} if allow else {})
    back = browser.post(consent.url, data=answer, allow_redirects=False, timeout=10)
    assert back.status_code == 302
    return back.headers["Location"]


def start_sign_in(client, next_url="/") -> str:
    response = client.get(reverse("oidc_authentication_init"), {"next": next_url})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["response_type"] == ["code"]
    return response["Location"]


def come_back(client, location: str):
    parts = urlsplit(location)
    assert f"http://testserver{parts.path}" == "http://testserver/oidc/callback/"
    return client.get(parts.path, parse_qs(parts.query))


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_a_new_person_signs_in_through_the_provider(world, relying_party, provider):
    client = Client()
    page = client.get(reverse("accounts:code_login")).content.decode()
    assert "Đăng nhập bằng VNeID / SSO tỉnh" in page and reverse("oidc_authentication_init") in page

    location = through_the_provider(provider, start_sign_in(client, "/xa/"))
    response = come_back(client, location)
    assert response.status_code == 302 and response["Location"] == "/xa/"

    user = signed_in_user(client)
    assert user is not None and user.oidc_subject
    assert user.phone == "0912345678" and user.email == "lan.nong@example.vn"
    assert user.full_name == "Nông Thị Lan" and not user.has_usable_password()
    assert not user.grants.exists()  # roles are never taken from the provider
    event = AuditEvent.objects.get(action="accounts.open_resident_account")
    assert event.summary == {"channel": "oidc"}

    again = Client()  # the next sign-in finds the same account by its subject
    come_back(again, through_the_provider(provider, start_sign_in(again)))
    assert signed_in_user(again) == user
    assert User.objects.filter(oidc_subject=user.oidc_subject).count() == 1


def test_a_resident_known_by_phone_is_linked_not_duplicated(
    world, resident, relying_party, provider
):
    client = Client()
    come_back(client, through_the_provider(provider, start_sign_in(client)))
    assert signed_in_user(client) == resident
    resident.refresh_from_db()
    assert resident.oidc_subject
    assert AuditEvent.objects.filter(action="accounts.link_oidc").count() == 1
    assert not AuditEvent.objects.filter(action="accounts.open_resident_account").exists()


def test_an_official_signed_in_through_the_provider_still_needs_the_second_factor(
    world, commune_officer, relying_party, provider
):
    commune_officer.phone = "0912345678"
    commune_officer.save()
    client = Client()
    come_back(client, through_the_provider(provider, start_sign_in(client, "/can-bo/")))
    assert signed_in_user(client) == commune_officer
    response = client.get("/can-bo/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    device = commune_officer.totpdevice_set.get()
    client.post(reverse("accounts:second_factor"), {"token": current_totp(device)})
    assert client.get("/can-bo/").status_code == 200


def test_refusing_consent_signs_no_one_in(world, relying_party, provider):
    client = Client()
    location = through_the_provider(provider, start_sign_in(client), allow=False)
    assert "error=access_denied" in location
    response = come_back(client, location)
    assert response.status_code == 302 and signed_in_user(client) is None
    assert not User.objects.exists()


def test_a_token_from_another_issuer_is_refused_in_the_real_flow(world, relying_party, provider):
    relying_party.OIDC_OP_ISSUER = "https://sso.tinh-khac.gov.vn/o"
    client = Client()
    response = come_back(client, through_the_provider(provider, start_sign_in(client)))
    assert response.status_code == 400 and signed_in_user(client) is None
    assert "Yêu cầu không hợp lệ" in response.content.decode()  # the Vietnamese 400 page
    assert not User.objects.exists()


def test_a_token_signed_with_another_key_is_refused_in_the_real_flow(
    world, relying_party, provider
):
    other = serialization.load_pem_private_key(rsa_private_pem(), password=None)
    relying_party.OIDC_RP_IDP_SIGN_KEY = (
        other.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    client = Client()
    response = come_back(client, through_the_provider(provider, start_sign_in(client)))
    assert response.status_code == 400 and signed_in_user(client) is None


def test_a_provider_that_refuses_the_code_is_a_failed_sign_in_not_a_server_error(
    world, relying_party, provider
):
    relying_party.OIDC_RP_CLIENT_SECRET = "khong-dung"
    client = Client()
    response = come_back(client, through_the_provider(provider, start_sign_in(client)))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:code_login")
    assert signed_in_user(client) is None


def test_a_replayed_callback_is_refused(world, relying_party, provider):
    client = Client()
    location = through_the_provider(provider, start_sign_in(client))
    come_back(client, location)
    client.logout()
    assert come_back(client, location).status_code in (302, 400)
    assert signed_in_user(client) is None


# --- the ID token checks, on tokens signed with the provider's own key ---


@pytest.fixture
def signed(provider):
    """Make an ID token signed with the provider's real key and key id."""
    key = (provider.scratch / "rsa.pem").read_bytes()
    jwks = requests.get(f"{provider.issuer}/.well-known/jwks.json", timeout=10, proxies=NO_PROXY)
    kid = jwks.json()["keys"][0]
    now = int(time.time())

    def make(**claims):
        payload = {
            "iss": provider.issuer,
            "aud": provider.client_id,
            "sub": "42",
            "nonce": "n-1",
            "iat": now,
            "exp": now + 300,
        } | claims
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid["kid"]})

    return make


def check(token):
    return ResidentOIDCBackend().verify_token(token, nonce="n-1")


def test_a_well_formed_token_passes(relying_party, signed):
    assert check(signed())["sub"] == "42"


@pytest.mark.parametrize(
    "claims",
    [
        {"iss": "https://sso.tinh-khac.gov.vn/o"},
        {"iss": None},
        {"aud": "ung-dung-khac"},
        {"aud": ["ung-dung-khac", "mot-ung-dung-nua"]},
        {"exp": int(time.time()) - 60},
        {"nbf": int(time.time()) + 3600},
        {"nonce": "n-khac"},
    ],
    ids=["other issuer", "no issuer", "other client", "other clients", "expired", "not yet",
         "other nonce"],
)  # fmt: skip
def test_a_token_with_a_wrong_claim_is_refused(relying_party, signed, claims):
    with pytest.raises(SuspiciousOperation):
        check(signed(**claims))


def test_a_forged_signature_is_refused(relying_party, provider, signed):
    genuine = signed()
    header, body, _ = genuine.split(".")
    forged_body = jwt.utils.base64url_encode(
        json.dumps(jwt.decode(genuine, options={"verify_signature": False}) | {"sub": "1"}).encode()
    ).decode()
    with pytest.raises(SuspiciousOperation):
        check(f"{header}.{forged_body}.{genuine.split('.')[2]}")
    attacker = jwt.encode(
        jwt.decode(genuine, options={"verify_signature": False}),
        rsa_private_pem(),
        algorithm="RS256",
        headers=jwt.get_unverified_header(genuine),
    )
    with pytest.raises(SuspiciousOperation):
        check(attacker)
