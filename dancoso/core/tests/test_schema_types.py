"""``IsoDate``: an API date is ``yyyy-mm-dd`` and nothing else (no seconds since 1970)."""

from datetime import date

import pytest
from pydantic import TypeAdapter, ValidationError

from dancoso.core.schema_types import NOT_A_DATE, IsoDate

READ = TypeAdapter(IsoDate)


def test_an_iso_date_or_a_date_is_read():
    assert READ.validate_python("2026-12-31") == date(2026, 12, 31)
    assert READ.validate_python(date(2026, 1, 1)) == date(2026, 1, 1)
    assert READ.validate_json('"2026-02-28"') == date(2026, 2, 28)


@pytest.mark.parametrize("value", ["1.1775875132968032e-40", "0", 0, 1.5, "31/12/2026", ""])
def test_anything_else_is_refused_saying_the_form(value):
    with pytest.raises(ValidationError, match=NOT_A_DATE.split(",")[0]):
        READ.validate_python(value)
