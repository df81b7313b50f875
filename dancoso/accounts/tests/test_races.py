"""Codes used once even under a race (PostgreSQL, where requests really run side by side):
the same TOTP code or one-time code sent by several people at the very same moment signs in
at most one of them, and parallel wrong guesses are all counted."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from dancoso.accounts.models import OneTimeCode
from dancoso.accounts.views import SESSION_DESTINATION
from dancoso.core.testing import PASSWORD, current_totp

from .conftest import code_sent_to

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
RACERS = 8


def race(clients, path, data) -> list[int]:
    """POST ``data`` from every client at once; the status codes. (The clients must not
    re-raise server errors: the test client's exception signal is process-wide, so one
    thread's error would be raised in every thread.)"""
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def run(index, client):
        try:
            barrier.wait()
            answers[index] = client.post(path, data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_one_totp_code_sent_by_many_at_once_verifies_one_session(world, commune_officer):
    clients = []
    for _ in range(RACERS):
        client = Client(raise_request_exception=False)
        client.post(reverse("accounts:login"), {"username": "canbo", "password": PASSWORD})
        clients.append(client)
    device = commune_officer.totpdevice_set.get()
    answers = race(clients, reverse("accounts:second_factor"), {"token": current_totp(device)})
    assert answers.count(302) == 1 and set(answers) <= {200, 302}, answers


def test_parallel_wrong_totp_guesses_are_all_counted(world, commune_officer, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # count only: no waiting between guesses
    clients = []
    for _ in range(RACERS):
        client = Client(raise_request_exception=False)
        client.post(reverse("accounts:login"), {"username": "canbo", "password": PASSWORD})
        clients.append(client)
    race(clients, reverse("accounts:second_factor"), {"token": "000000"})
    device = TOTPDevice.objects.get(user=commune_officer)
    assert device.throttling_failure_count == RACERS


def test_one_time_code_sent_by_many_at_once_signs_in_one(world, resident, outbox, ask_code):
    ask_code(Client(), "0912345678")
    clients = []
    for _ in range(RACERS):
        client = Client(raise_request_exception=False)  # a server error is an answer here
        session = client.session
        session[SESSION_DESTINATION] = "0912345678"
        session.save()
        clients.append(client)
    answers = race(
        clients, reverse("accounts:code_verify"), {"token": code_sent_to(outbox, "0912345678")}
    )
    assert answers.count(302) == 1 and set(answers) <= {200, 302, 429}, answers
    assert OneTimeCode.objects.get().used_at is not None


def test_parallel_wrong_passwords_are_counted_and_answered(world, commune_officer):
    clients = [Client(raise_request_exception=False) for _ in range(RACERS)]
    answers = race(clients, reverse("accounts:login"), {"username": "canbo", "password": "sai"})
    assert set(answers) <= {200, 429}, answers
    response = Client().post(reverse("accounts:login"), {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 429  # all eight counted: the account is locked
