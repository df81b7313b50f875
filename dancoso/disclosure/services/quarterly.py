"""The quarterly list of everything disclosed, with its forms and dates (Law 10/2022/QH15
Art. 13(2), last sentence): built from the register and published as a disclosure that
fulfils the obligation ``disclosure_list_q<N>`` of the year."""

from datetime import date

from django.db import transaction
from django.utils.html import format_html, format_html_join

from dancoso.core.errors import DomainError
from dancoso.places.models import Commune

from .. import law
from ..models import Disclosure
from ..obligations import QUARTERS, quarter_bounds
from ..queries import disclosed_in_quarter
from .common import refuse
from .disclosures import publish_disclosure

NOT_ENDED = "Quý này chưa kết thúc. Danh mục được lập sau khi hết quý."


def _row(d: Disclosure):
    forms = "; ".join(law.FORM_LABELS[law.Form(f)] for f in d.forms)
    done = "; ".join(f"{r.get_form_display()} {r.done_on:%d/%m/%Y}" for r in d.form_records.all())
    status = "đã rút" if d.is_withdrawn else ("đã đính chính" if d.corrected_at else "")
    return (d.starts_on.strftime("%d/%m/%Y"), d.title, d.category_info.number, forms, done, status)


def quarter_table(rows) -> str:
    """The list as an HTML table (every cell escaped)."""
    head = "<tr><th>Ngày</th><th>Nội dung</th><th>Nhóm</th><th>Hình thức</th>"
    head += "<th>Đã thực hiện</th><th>Ghi chú</th></tr>"
    body = format_html_join(
        "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (_row(d) for d in rows),
    )  # fmt: skip
    return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", head, body)


@transaction.atomic
def publish_quarter_list(commune: Commune, *, actor, year: int, quarter: int, today: date):
    """Công khai danh mục quý: whoever may publish for the commune publishes the list of the
    quarter's disclosures, posted at the office and in the villages (Art. 13(2))."""
    try:
        _first, last = quarter_bounds(year, quarter)
    except law.LawViolation as exc:
        raise refuse(exc) from exc
    if today <= last:
        raise DomainError("quarter_not_ended", NOT_ENDED)
    rows = list(disclosed_in_quarter(commune, year, quarter))
    return publish_disclosure(
        actor=actor,
        commune=commune,
        category="xa-14",
        title=f"Danh mục thông tin đã công khai quý {QUARTERS[quarter]} năm {year}",
        summary=f"{len(rows)} nội dung đã công khai trong quý, với hình thức và thời gian.",
        body=quarter_table(rows),
        forms=["posted_office", "posted_village"],
        obligation=f"disclosure_list_q{quarter}",
        obligation_year=year,
    )
