"""Field types for API schemas that read exactly what the published OpenAPI says.

Pydantic, in its lax mode, reads a number as a date (seconds since 1970), so
``?date_from=1e-40`` was taken for 01/01/1970 although the schema promises an ISO date
(Schemathesis, SECURITY.md test 13). ``IsoDate`` takes only ``yyyy-mm-dd``.
"""

import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOT_A_DATE = "Ngày phải viết dạng yyyy-mm-dd, ví dụ 2026-12-31."


def _iso_only(value):
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError(NOT_A_DATE)
    if isinstance(value, int | float):
        raise ValueError(NOT_A_DATE)
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_only)]
