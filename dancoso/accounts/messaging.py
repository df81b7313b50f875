"""Sending one-time codes by SMS or e-mail, behind one small interface.

``settings.DANCOSO_MESSAGE_BACKEND`` names the class: ``ConsoleSender`` for the demo (prints to
standard output, never through logging, so codes do not end up in log files), ``LocmemSender``
for tests. A province plugs its SMS gateway in by writing a subclass.
"""

import sys
from abc import ABC, abstractmethod
from typing import ClassVar

from django.conf import settings
from django.utils.module_loading import import_string


class Sender(ABC):
    @abstractmethod
    def send_sms(self, phone: str, text: str) -> None: ...

    @abstractmethod
    def send_email(self, address: str, subject: str, text: str) -> None: ...


class ConsoleSender(Sender):
    """Prints the message: the demo's SMS gateway."""

    def send_sms(self, phone: str, text: str) -> None:
        print(f"[SMS tới {phone}] {text}", file=sys.stdout, flush=True)

    def send_email(self, address: str, subject: str, text: str) -> None:
        print(f"[Thư tới {address}] {subject}: {text}", file=sys.stdout, flush=True)


class LocmemSender(Sender):
    """Keeps messages in memory for tests: ``LocmemSender.outbox``."""

    outbox: ClassVar[list[dict]] = []

    def send_sms(self, phone: str, text: str) -> None:
        self.outbox.append({"channel": "sms", "to": phone, "text": text})

    def send_email(self, address: str, subject: str, text: str) -> None:
        self.outbox.append({"channel": "email", "to": address, "subject": subject, "text": text})


def sender() -> Sender:
    return import_string(settings.DANCOSO_MESSAGE_BACKEND)()
