"""Fixtures of the accounts tests: an outbox for one-time codes and sign-in helpers."""

import re

import pytest
from django.urls import reverse

from dancoso.accounts.messaging import LocmemSender

CODE_IN_TEXT = re.compile(r"\b(\d{6})\b")


@pytest.fixture
def outbox(settings):
    """Codes are "sent" into ``LocmemSender.outbox``, emptied for each test."""
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    yield LocmemSender.outbox
    LocmemSender.outbox.clear()


def code_sent_to(outbox, destination: str) -> str:
    """The 6-digit code in the last message sent to ``destination``."""
    message = [m for m in outbox if m["to"] == destination][-1]
    return CODE_IN_TEXT.search(message["text"]).group(1)


@pytest.fixture
def ask_code(django_capture_on_commit_callbacks):
    """POST the first sign-in step; the code is delivered when the transaction commits."""

    def ask(client, destination, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("accounts:code_login"), {"destination": destination}, **extra
            )

    return ask
