"""Helpers shared by the disclosure services: the permission check, the acting role, the audit
record, the search index and the stored attachments."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from dancoso.accounts.scope import active_grants, covers
from dancoso.audit.services import record
from dancoso.core import files
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.text import fold

from .. import content, law
from ..models import Attachment, Disclosure
from ..rules import disclosure_place
from ..search import add_words


def require(actor, permission: str, obj) -> None:
    """Refuse with ``PermissionDeniedError`` unless ``actor`` holds ``disclosure.<permission>``
    over ``obj`` (``rules.py``)."""
    if not actor.has_perm(f"disclosure.{permission}", obj):
        raise PermissionDeniedError()


def refuse(violation: law.LawViolation):
    """A ``law.py`` refusal as the ``DomainError`` pages and the API show."""
    return DomainError(violation.code, violation.message)


def acting_role(actor, obj) -> str:
    """The role in which ``actor`` acts on ``obj``, for the audit event."""
    if getattr(actor, "is_superuser", False):
        return "superuser"
    if getattr(actor, "pk", None) is None:
        return "system"
    place = disclosure_place(obj)
    return next((g.role for g in active_grants(actor) if covers(g, place)), "")


def chain_code(disclosure: Disclosure) -> int | None:
    """The commune chain an event of this disclosure goes to (an agency's commune, if any)."""
    if disclosure.commune_id:
        return disclosure.commune.code
    agency_commune = disclosure.agency.commune if disclosure.agency_id else None
    return agency_commune.code if agency_commune else None


def audit(action: str, disclosure: Disclosure, *, actor, summary: dict, obj=None) -> None:
    """One event in the disclosure's commune chain, in the caller's transaction."""
    record(
        f"disclosure.{action}",
        actor=actor,
        obj=obj or disclosure,
        summary={"disclosure": disclosure.pk, **summary},
        commune_code=chain_code(disclosure),
        role=acting_role(actor, disclosure),
    )


def searchable_text(disclosure: Disclosure) -> str:
    """The folded text search looks in: title, summary, body words and category title."""
    parts = [
        disclosure.title,
        disclosure.summary,
        content.html_text(disclosure.body_html),
        disclosure.category_info.title,
    ]
    return fold(" ".join(p for p in parts if p))


def index(disclosure: Disclosure) -> None:
    """Refresh the folded search text, in the same transaction: PostgreSQL derives its stored
    vector and gets the new words for its vocabulary; SQLite's FTS5 table is kept here."""
    disclosure.search_text = searchable_text(disclosure)
    Disclosure.objects.filter(pk=disclosure.pk).update(search_text=disclosure.search_text)
    add_words(disclosure.pk)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM disclosure_fts WHERE rowid = %s", [disclosure.pk])
            if disclosure.agency_id is None:
                cursor.execute(
                    "INSERT INTO disclosure_fts (rowid, search_text) VALUES (%s, %s)",
                    [disclosure.pk, disclosure.search_text],
                )


TOO_MANY_FILES = "Mỗi thông tin công khai có tối đa {limit} tệp đính kèm."
MAX_FILES = 10


def read_upload(upload) -> tuple[str, bytes]:
    """(name, bytes) of an uploaded file or of a ``(name, bytes)`` pair; reads at most one
    byte past the limit so an oversized upload is refused without loading it all."""
    if isinstance(upload, tuple):
        return upload
    return upload.name, upload.read(settings.DANCOSO_DISCLOSURE_MAX_BYTES + 1)


def store_attachment(disclosure: Disclosure, upload, *, images_only: bool = False) -> Attachment:
    """Check one upload (size, type by its bytes, metadata stripped) and store it under a
    server-made name. Raises ``ValidationError``-ready ``DomainError`` with what to fix."""
    name, data = read_upload(upload)
    use = files.Use(
        files.IMAGES if images_only else files.DOCUMENTS, settings.DANCOSO_DISCLOSURE_MAX_BYTES
    )
    try:
        checked = files.check(data, name, use)
    except files.FileRefused as exc:
        raise DomainError("bad_file", exc.message) from exc
    attachment = Attachment(
        disclosure=disclosure,
        original_name=checked.display_name,
        kind=checked.kind.ext,
        content_type=checked.content_type,
        size=len(checked.content),
    )
    attachment.file.save(checked.stored_name, ContentFile(checked.content), save=False)
    attachment.save()
    return attachment


def delete_files(attachments) -> None:
    """Remove stored files of attachments whose rows were rolled back."""
    for attachment in attachments:
        attachment.file.storage.delete(attachment.file.name)
