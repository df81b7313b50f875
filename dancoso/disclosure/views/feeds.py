"""Atom feeds (per commune, per category of a commune) and the open-data export of a
commune's disclosure register (CSV and JSON)."""

import csv
import json

from django.contrib.syndication.views import Feed
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from .. import content, law, queries

FEED_ITEMS = 50
EXPORT_FIELDS = [
    "id",
    "url",
    "category",
    "category_title",
    "title",
    "summary",
    "village",
    "document_date",
    "starts_on",
    "ends_on",
    "status",
    "published_at",
    "corrected_at",
    "withdrawn_at",
    "withdrawn_reason",
]


class CommuneFeed(Feed):
    """The newest public disclosures of a commune (or of one category there), Atom 1.0."""

    feed_type = Atom1Feed

    def get_object(self, request, code, category=None):
        commune = queries.get_commune(code)
        if category is not None:
            found = law.CATEGORIES.get(category)
            if found is None or found.scope is not law.Scope.COMMUNE:
                raise Http404
        return commune, category

    def title(self, obj):
        commune, category = obj
        suffix = f" — {law.CATEGORIES[category].title}" if category else ""
        return f"Thông tin công khai của {commune.name}{suffix}"

    def link(self, obj):
        return reverse("disclosure:index", args=[obj[0].code])

    def subtitle(self, obj):
        return "Luật Thực hiện dân chủ ở cơ sở, Điều 11–13"

    def items(self, obj):
        commune, category = obj
        rows = queries.public_register(commune, category=category or "", current=False)
        return rows.select_related("commune").order_by("-published_at", "-id")[:FEED_ITEMS]

    def item_title(self, item):
        prefix = "[Đã rút] " if item.is_withdrawn else ""
        return prefix + item.title

    def item_description(self, item):
        if item.is_withdrawn:
            return f"Đã rút: {item.withdrawn_reason}"
        return item.summary or content.html_text(item.body_html)[:500]

    def item_link(self, item):
        return reverse("disclosure:detail", args=[item.commune.code, item.public_id])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.withdrawn_at or item.corrected_at or item.published_at

    def item_guid(self, item):
        return f"urn:uuid:{item.public_id}"

    item_guid_is_permalink = False


def _safe_cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _records(request, commune):
    rows = queries.public_register(commune, current=False).order_by("starts_on", "id")
    base = request.build_absolute_uri("/").rstrip("/")
    for d in rows.iterator(chunk_size=500):
        yield {
            "id": str(d.public_id),
            "url": base + reverse("disclosure:detail", args=[commune.code, d.public_id]),
            "category": d.category,
            "category_title": law.CATEGORIES[d.category].title,
            "title": d.title,
            "summary": "" if d.is_withdrawn else d.summary,
            "village": d.village.name if d.village_id else "",
            "document_date": d.document_date.isoformat() if d.document_date else None,
            "starts_on": d.starts_on.isoformat(),
            "ends_on": d.ends_on.isoformat() if d.ends_on else None,
            "status": d.status,
            "published_at": d.published_at.isoformat(),
            "corrected_at": d.corrected_at.isoformat() if d.corrected_at else None,
            "withdrawn_at": d.withdrawn_at.isoformat() if d.withdrawn_at else None,
            "withdrawn_reason": d.withdrawn_reason,
        }


class _Echo:
    def write(self, value):
        return value


@require_GET
def export_csv(request, code: int):
    """Open data: the whole public register of a commune as CSV (UTF-8 with BOM for Excel)."""
    commune = queries.get_commune(code)
    writer = csv.DictWriter(_Echo(), fieldnames=EXPORT_FIELDS)

    def rows():
        yield "\ufeff" + writer.writeheader()
        for record in _records(request, commune):
            yield writer.writerow({k: _safe_cell(v) for k, v in record.items()})

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cong-khai-{commune.code}.csv"'
    return response


@require_GET
def export_json(request, code: int):
    """Open data: the whole public register of a commune as a JSON array."""
    commune = queries.get_commune(code)

    def chunks():
        yield f'{{"commune": {json.dumps(commune.code)}, "disclosures": ['
        for i, record in enumerate(_records(request, commune)):
            yield ("," if i else "") + json.dumps(record, ensure_ascii=False)
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cong-khai-{commune.code}.json"'
    return response
