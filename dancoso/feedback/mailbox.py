"""The e-mail channel: read the commune's feedback mailbox over IMAP (TLS) and turn each
unread message into a case (channel "thư điện tử", kind "phản ánh" until an officer
classifies it). A message is stored once (its Message-ID is unique), then marked read; its
attachments go through the same checks as the portal's, and a refused one is noted on the
case instead of losing the message. Off unless ``DANCOSO_FEEDBACK_IMAP`` names a host."""

import email
import imaplib
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import parseaddr
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from dancoso.core.actors import SystemActor
from dancoso.places.models import Commune

from .models import Case
from .services.intake import take_case

ACTOR = SystemActor("feedback.mailbox")
NO_SUBJECT = "(Thư không có tiêu đề)"
FILES_REFUSED = "Tệp đính kèm của thư không được nhận: {reason}"
MAX_MESSAGES = 200  # per run: a flood waits for the next run


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        from django.utils.html import strip_tags

        text = strip_tags(text)
    return text.strip()


def _files(message: EmailMessage) -> list[SimpleUploadedFile]:
    found = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        found.append(SimpleUploadedFile(part.get_filename() or "tep", payload))
    return found


@transaction.atomic
def store_message(raw: bytes, commune: Commune) -> Case | None:
    """Turn one raw e-mail into a case of ``commune``; None when it was stored before."""
    message = email.message_from_bytes(raw, policy=default_policy)
    message_id = str(message.get("Message-ID", "")).strip()[:250] or None
    if message_id and Case.objects.filter(message_id=message_id).exists():
        return None
    name, address = parseaddr(str(message.get("From", "")))
    data = {
        "kind": "phan_anh",
        "subject": str(message.get("Subject", "")).strip() or NO_SUBJECT,
        "description": _body(message) or NO_SUBJECT,
        "full_name": name,
        "email": address,
    }
    note = ""
    try:
        case = take_case(
            commune,
            actor=ACTOR,
            channel=Case.Channel.EMAIL,
            files=_files(message),
            keep_location=False,
            **data,
        )
    except ValidationError as exc:
        errors = exc.message_dict
        if "email" in errors:
            data["email"] = ""  # an unusable reply address: keep the message without it
        if "files" in errors:
            note = FILES_REFUSED.format(reason=errors["files"][0])[:300]
        kept = _files(message) if "files" not in errors else ()
        case = take_case(
            commune,
            actor=ACTOR,
            channel=Case.Channel.EMAIL,
            files=kept,
            keep_location=False,
            **data,
        )
    case.intake_note, case.message_id = note, message_id
    case.save(update_fields=["intake_note", "message_id"])
    return case


def read_mailbox(connect=imaplib.IMAP4_SSL) -> int:
    """Read the unread messages of the configured mailbox; returns how many cases were made.
    ``connect`` is the IMAP client class (tests pass a fake)."""
    config = settings.DANCOSO_FEEDBACK_IMAP
    if not config["host"]:
        return 0
    commune = Commune.objects.get(code=config["commune"])
    password = Path(config["password_file"]).read_text(encoding="utf-8").strip()
    client = connect(config["host"], config["port"])
    made = 0
    try:
        client.login(config["user"], password)
        client.select(config["folder"])
        _status, found = client.search(None, "UNSEEN")
        for number in (found[0] or b"").split()[:MAX_MESSAGES]:
            _status, parts = client.fetch(number, "(BODY.PEEK[])")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), b"")
            if raw and store_message(raw, commune) is not None:
                made += 1
            client.store(number, "+FLAGS", "\\Seen")  # only once it is stored
    finally:
        client.logout()
    return made
