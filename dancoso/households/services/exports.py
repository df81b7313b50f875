"""Xuất sổ hộ: the household register of a commune or one village as a CSV or XLSX file, each
export written to the audit log (issue 2's security baseline; Law 91/2025/QH15 Art. 3)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from dancoso.audit.services import record
from dancoso.places.models import Commune, Village

from .. import exporting, queries
from ..law import InvalidValue, check_export_purpose, fold
from .common import acting_role, require
from .households import VILLAGE_OF_OTHER_COMMUNE

BAD_FORMAT = "Hãy chọn định dạng tệp: Excel (.xlsx) hoặc CSV."


@dataclass(frozen=True)
class RegisterExport:
    """The file to send: a server-made name, its content type and its bytes."""

    filename: str
    content_type: str
    content: bytes


@transaction.atomic
def export_register(
    commune: Commune,
    *,
    actor,
    village: Village | None = None,
    fmt: str,
    with_phones: bool = False,
    purpose: str,
    purpose_text: str = "",
) -> RegisterExport:
    """Xuất sổ hộ: one row per member of the households ``actor`` may list (the whole commune,
    or ``village``), national ID numbers masked, phone numbers only ``with_phones``. Who may:
    ``households.export_register`` over the village or the commune — register readers, a
    village head for their own village only. The stated purpose (``law.EXPORT_PURPOSES``) and
    the counts go into ONE audit event; names and numbers never do."""
    target = village or commune
    require(actor, "export_register", target)
    if village is not None and village.commune_id != commune.pk:
        raise ValidationError({"village": VILLAGE_OF_OTHER_COMMUNE})
    if fmt not in exporting.FORMATS:
        raise ValidationError({"fmt": BAD_FORMAT})
    try:
        purpose, purpose_text = check_export_purpose(purpose, purpose_text)
    except InvalidValue as exc:
        field = "purpose_text" if purpose == "khac" else "purpose"
        raise ValidationError({field: exc.message}) from exc
    lines = queries.register_lines(actor, commune, village=village)
    written = exporting.write(lines, fmt, with_phones=with_phones, title=target.name)
    summary = {"format": fmt, "village": village.pk if village else None,
               "households": written.households, "members": written.members,
               "with_phones": with_phones, "purpose": purpose}  # fmt: skip
    if purpose_text:
        summary["purpose_text"] = purpose_text
    record(
        "households.export_register",
        actor=actor,
        obj=target,
        summary=summary,
        commune_code=commune.code,
        role=acting_role(actor, target),
    )
    return RegisterExport(_filename(commune, village, fmt), written.content_type, written.content)


def _filename(commune: Commune, village: Village | None, fmt: str) -> str:
    """``so-ho-<commune code>-<village or ca-xa>-<yyyymmdd>.<fmt>``, ASCII only."""
    place = (slugify(fold(village.name)) or f"thon-{village.pk}") if village else "ca-xa"
    return f"so-ho-{commune.code}-{place}-{timezone.localdate():%Y%m%d}.{fmt}"
