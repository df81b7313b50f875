"""SECURITY.md test 13 for the consultation API and forms, with Hypothesis (Schemathesis is not
installed): arbitrary bodies and query strings never cause a server error — bad input gets a
4xx with a message, good input a 2xx."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.consultation.forms import AnswerForm, OpinionForm

from .factories import make_open

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=50),
)
bodies = st.one_of(
    st.dictionaries(
        st.sampled_from(["text", "section_id", "stance", "anonymous", "x"]), scalars, max_size=5
    ),
    st.lists(scalars, max_size=3),
    scalars,
)


@pytest.fixture
def signed_in(client, world, commune_officer, resident):
    consultation = make_open(world.commune, commune_officer)
    client.force_login(resident)
    return client, consultation


@FUZZ
@given(body=bodies)
def test_posting_any_json_never_breaks(signed_in, body):
    client, consultation = signed_in
    response = client.post(
        f"{BASE}/{consultation.pk}/opinions/new", json.dumps(body), content_type="application/json"
    )
    assert response.status_code in (201, 400, 429), response.content
    assert "detail" in response.json() or response.status_code == 201


@FUZZ
@given(raw=st.binary(max_size=200))
def test_posting_any_bytes_never_breaks(signed_in, raw):
    client, consultation = signed_in
    response = client.post(
        f"{BASE}/{consultation.pk}/opinions/new", raw, content_type="application/json"
    )
    assert response.status_code in (201, 400, 429)


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["commune", "page", "section"]), st.text(max_size=30), max_size=3
    ),
    pk=st.integers(-5, 2**70),
)
def test_reading_with_any_parameters_never_breaks(client, world, params, pk):
    for url in (BASE, f"{BASE}/{pk}", f"{BASE}/{pk}/opinions"):
        response = client.get(url, params)
        assert response.status_code < 500, (url, params)


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["text", "stance", "section", "anonymous", "numbers", "title", "verdict", "answer"]
        ),
        st.text(max_size=40),
        max_size=8,
    )
)
def test_forms_accept_or_explain(data):
    for form in (OpinionForm(data, sections=[], allow_anonymous=True), AnswerForm(data)):
        if not form.is_valid():
            assert all(form.errors.values())
