"""Schemathesis over the whole OpenAPI of /api/v1/ (SECURITY.md test 13): every operation,
called by a signed-in commune officer (session cookie and CSRF token, as a browser would) on
the test world, gets generated valid and invalid input; it must never answer 5xx, must answer
4xx to input the schema rules out, and every answer must match the schema (status codes,
content type, body). How many examples each operation gets, and why: docs/security.md (test 13).
One check is left out: business rules may refuse schema-valid input with a 400 saying why
(positive_data_acceptance: a vote dated before the law applies, an export without purpose).
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dancoso.api.api import api
from dancoso.core.testing import login_verified

CSRF = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"  # any 32 letters: the cookie and header must agree
# The suite runs 25 examples per write and 10 per read; DANCOSO_FUZZ_SCALE=20 gives the
# SECURITY.md bar (500 per write, 200 per read), an on-demand run (docs/security.md, test 13).
SCALE = float(os.environ.get("DANCOSO_FUZZ_SCALE", "1"))
EXAMPLES = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _signed_in_spec() -> dict:
    """The published schema without its security requirements: the session is sent as a
    cookie on every call, so Schemathesis is not to leave it out or forge it (signed-out and
    forged calls are tests 11 and 16)."""
    spec = api.get_openapi_schema()
    for operations in spec["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    return spec


schema = schemathesis.openapi.from_dict(_signed_in_spec())
schema.app = get_wsgi_application()


@pytest.fixture
def session(db, world, commune_officer, client):
    """A commune officer's session cookie and a CSRF pair, inside the test's transaction (the
    handler's start- and end-of-request hooks would otherwise close the connection after a
    caught database error, as Django's test client knows)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    login_verified(client, commune_officer)
    yield {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def _call(case, session) -> None:
    case.call_and_validate(
        cookies=session,
        headers={"X-CSRFToken": CSRF},
        environ_base={"REMOTE_ADDR": "203.0.113.7"},  # as gunicorn always sets it
        excluded_checks=[positive_data_acceptance],
    )


@schema.include(method="POST").parametrize()
@settings(EXAMPLES, max_examples=int(25 * SCALE))
def test_every_write_answers_within_its_schema(case, session):
    _call(case, session)


@schema.exclude(method="POST").parametrize()
@settings(EXAMPLES, max_examples=int(10 * SCALE))
def test_every_read_answers_within_its_schema(case, session):
    _call(case, session)
