"""The e-mail channel: unread messages of the IMAP mailbox become cases once, marked read only
after they are stored; attachments checked (a refused one is noted, the message kept); photos
lose their metadata; the sender gets the tracking code by e-mail."""

from email.message import EmailMessage

import pytest
from django.core.management import call_command

from dancoso.accounts.messaging import LocmemSender
from dancoso.feedback.mailbox import read_mailbox
from dancoso.feedback.models import Case

from .factories import photo

pytestmark = pytest.mark.django_db


def message(n: int, *, attachment=None, sender="Lý Văn Hùng <hung@example.vn>") -> bytes:
    mail = EmailMessage()
    mail["From"], mail["Subject"] = sender, f"Ổ gà đường thôn số {n}"
    mail["Message-ID"] = f"<msg-{n}@example.vn>"
    mail.set_content("Đường trước nhà văn hóa có ổ gà lớn, xe máy dễ ngã.")
    if attachment:
        mail.add_attachment(
            attachment[1], maintype="application", subtype="octet-stream", filename=attachment[0]
        )
    return mail.as_bytes()


class FakeImap:
    """Just enough of ``imaplib.IMAP4_SSL`` for the reader."""

    boxes: dict = {}

    def __init__(self, host, port):
        self.seen = FakeImap.boxes.setdefault("seen", set())
        self.messages = FakeImap.boxes["messages"]

    def login(self, user, password):
        assert (user, password) == ("phananh@caoloc.gov.vn", "mat-khau")

    def select(self, folder):
        return "OK", [b"1"]

    def search(self, charset, criterion):
        unseen = [str(i + 1).encode() for i in range(len(self.messages)) if i + 1 not in self.seen]
        return "OK", [b" ".join(unseen)]

    def fetch(self, number, parts):
        return "OK", [(b"1 (BODY[] {1}", self.messages[int(number) - 1]), b")"]

    def store(self, number, command, flags):
        self.seen.add(int(number))

    def logout(self):
        pass


@pytest.fixture
def mailbox(settings, tmp_path, world):
    secret = tmp_path / "imap-password"
    secret.write_text("mat-khau\n", encoding="utf-8")
    settings.DANCOSO_FEEDBACK_IMAP = {
        "host": "imap.example.vn",
        "port": 993,
        "user": "phananh@caoloc.gov.vn",
        "password_file": str(secret),
        "folder": "INBOX",
        "commune": world.commune.code,
    }
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    FakeImap.boxes = {}
    return FakeImap


def test_unread_messages_become_cases_once(mailbox, django_capture_on_commit_callbacks):
    jpeg = photo().read()
    mailbox.boxes["messages"] = [
        message(1),
        message(2, attachment=("anh.jpg", jpeg)),
        message(3, attachment=("virus.exe", b"MZ\x90\x00")),
        message(1),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert read_mailbox(connect=mailbox) == 3
    cases = list(Case.objects.order_by("pk"))
    assert [c.channel for c in cases] == ["email"] * 3 and cases[0].kind == "phan_anh"
    assert cases[1].attachments.count() == 1
    assert "không được nhận" in cases[2].intake_note and not cases[2].attachments.exists()
    assert mailbox.boxes["seen"] == {1, 2, 3, 4}
    assert LocmemSender.outbox[0]["to"] == "hung@example.vn"
    assert cases[0].tracking_code in LocmemSender.outbox[0]["text"]
    assert read_mailbox(connect=mailbox) == 0  # nothing unread, nothing twice


def test_a_bad_reply_address_keeps_the_message(mailbox):
    mailbox.boxes["messages"] = [message(7, sender="khong-phai-dia-chi")]
    assert read_mailbox(connect=mailbox) == 1
    assert Case.objects.get().subject.startswith("Ổ gà")


def test_off_without_a_host(settings, capsys):
    settings.DANCOSO_FEEDBACK_IMAP = {"host": ""}
    call_command("feedback_read_mailbox")
    assert "Đã tạo 0 hồ sơ" in capsys.readouterr().out
