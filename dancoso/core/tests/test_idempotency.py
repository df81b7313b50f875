"""The Idempotency-Key helper (SECURITY.md test 3): replays, in-flight 409, reused key 422."""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from dancoso.core import idempotency
from dancoso.core.errors import DomainError


class Who:
    pk = 7


def post(body: dict, key: str | None = "k-1", user=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    request = RequestFactory().post(
        "/api/v1/x", data=json.dumps(body), content_type="application/json", **headers
    )
    request.user = user or Who()
    return request


def test_a_key_replayed_50_times_runs_once():
    effects = []

    def compute():
        effects.append(1)
        return 201, {"n": len(effects)}

    answers = [idempotency.respond(post({"a": 1}), compute) for _ in range(50)]
    assert len(effects) == 1
    assert {a.status_code for a in answers} == {201}
    assert all(json.loads(a.content) == {"n": 1} for a in answers)
    assert answers[1]["Idempotent-Replayed"] == "true"


def test_20_at_once_run_once_and_the_others_wait_or_replay():
    effects = []
    gate = threading.Event()

    def compute():
        effects.append(1)
        gate.wait(2)
        return 201, {"ok": True}

    with ThreadPoolExecutor(20) as pool:
        futures = [pool.submit(idempotency.respond, post({"a": 1}), compute) for _ in range(20)]
        deadline = time.monotonic() + 10
        while sum(f.done() for f in futures) < 19 and time.monotonic() < deadline:
            time.sleep(0.01)
        gate.set()
        codes = sorted(f.result().status_code for f in futures)
    assert len(effects) == 1
    assert codes == [201] + [409] * 19


def test_same_key_other_body_is_422_and_no_key_always_runs():
    idempotency.respond(post({"a": 1}), lambda: (201, {}))
    assert idempotency.respond(post({"a": 2}), lambda: (201, {})).status_code == 422
    runs = []
    for _ in range(3):
        idempotency.respond(post({"a": 1}, key=None), lambda: (runs.append(1), (200, {}))[1])
    assert len(runs) == 3


def test_keys_are_per_user_and_malformed_keys_refused():
    idempotency.respond(post({"a": 1}), lambda: (201, {"who": 7}))
    other = Who()
    other.pk = 8
    answer = idempotency.respond(post({"a": 1}, user=other), lambda: (201, {"who": 8}))
    assert json.loads(answer.content) == {"who": 8}
    assert idempotency.respond(post({}, key="x" * 201), lambda: (201, {})).status_code == 400
    assert idempotency.respond(post({}, key="a b"), lambda: (201, {})).status_code == 400
    anon = idempotency.respond(post({}, key="z", user=AnonymousUser()), lambda: (201, {}))
    assert anon.status_code == 201


def test_a_refusal_is_the_first_answer_and_a_crash_frees_the_key():
    def refuse():
        raise DomainError("already_voted", "Đã biểu quyết.")

    first = idempotency.respond(post({"b": 1}, key="r"), refuse)
    again = idempotency.respond(post({"b": 1}, key="r"), lambda: (201, {}))
    assert first.status_code == again.status_code == 400

    def crash():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        idempotency.respond(post({"c": 1}, key="c"), crash)
    assert idempotency.respond(post({"c": 1}, key="c"), lambda: (201, {})).status_code == 201


def test_a_form_body_the_csrf_check_already_read_still_gets_a_fingerprint(rf):
    """A multipart or form POST whose stream was read (CSRF reads its fields) has no raw
    body left: the key is checked against its parsed fields instead of raising a 500."""
    from dancoso.core import idempotency

    def read(data):
        request = rf.post("/api/v1/x", data)
        request.POST  # noqa: B018 — what CsrfViewMiddleware does
        return idempotency._fingerprint(request)

    assert read({"a": "1"}) == read({"a": "1"}) != read({"a": "2"})
