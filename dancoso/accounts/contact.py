"""Phone numbers and e-mail addresses as people type them, made canonical.

Vietnamese mobile numbers: since 15/09/2018 every mobile number has 10 digits (11-digit numbers
were converted under Decision 798/QĐ-BTTTT of 25/05/2018, in the numbering plan of Circular
22/2014/TT-BTTTT); network codes begin 03, 05, 07, 08 or 09. The international form +84 / 84
without the leading 0 is accepted; spaces, dots, dashes and brackets are dropped.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


def normalise_phone(raw: str) -> str | None:
    """The number as 10 digits starting with 0, or None when it is not a Vietnamese mobile."""
    value = re.sub(r"[\s.\-()]", "", str(raw))
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) == 11:
        value = "0" + value[2:]
    if re.fullmatch(r"[0-9]{10}", value) and value.startswith(MOBILE_PREFIXES):
        return value
    return None


def normalise_email(raw: str) -> str | None:
    """The address in lower case, or None when it is not an e-mail address."""
    value = str(raw).strip().lower()
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value
