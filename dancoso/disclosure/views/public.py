"""Public pages of a commune's grassroots-democracy section (chuyên trang Dân biết): the
current disclosures by category and village, each disclosure's stable page, its printable
page, its attachments, and the search without diacritics. Thin views (DESIGN.md rule 10)."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dancoso.core import files
from dancoso.core.pagination import paginate

from .. import law, queries
from ..forms import SearchForm
from ..obligations import disclosure_deadline
from ..search import search_disclosures

PER_PAGE = 20


@require_GET
def index(request, code: int):
    """ "/xa/<code>/cong-khai/": the disclosures in force, by category (``?nhom=``) and village
    (``?thon=``); ``?da-rut=1`` lists the withdrawn ones with their reasons. Paginated."""
    commune = queries.get_commune(code)
    category = request.GET.get("nhom", "")
    if category not in law.CATEGORIES or law.CATEGORIES[category].scope is law.Scope.AGENCY:
        category = ""
    village = queries.village_of(commune, request.GET.get("thon"))
    withdrawn = request.GET.get("da-rut") == "1"
    rows = (
        queries.withdrawn_in(commune)
        if withdrawn
        else queries.public_register(commune, category=category, village=village)
    )
    return render(
        request,
        "disclosure/disclosure_index.html",
        {
            "commune": commune,
            "page": paginate(rows, request, per_page=PER_PAGE),
            "categories": queries.category_counts(commune),
            "category": category,
            "category_info": law.CATEGORIES.get(category),
            "village": village,
            "villages": list(commune.villages.filter(is_active=True).order_by("name")),
            "withdrawn": withdrawn,
        },
    )


def _detail_context(request, code, public_id):
    disclosure = queries.get_public_disclosure(code, public_id)
    return {
        "disclosure": disclosure,
        "commune": disclosure.commune,
        "forms": [law.FORM_LABELS[law.Form(f)] for f in disclosure.forms],
        "deadline": (
            disclosure_deadline(
                disclosure.category_info,
                disclosure.document_date,
                disclosure.obligation,
                disclosure.obligation_year,
            )
            if disclosure.document_date
            else None
        ),
        "share_url": request.build_absolute_uri(request.path),
    }


@require_GET
def detail(request, code: int, public_id):
    """ "/xa/<code>/cong-khai/<id>/": one disclosure at its stable, shareable address; a
    corrected one shows when and why, a withdrawn one only its title and reason."""
    return render(
        request, "disclosure/disclosure_detail.html", _detail_context(request, code, public_id)
    )


@require_GET
def printable(request, code: int, public_id):
    """The printable page of a disclosure (for the notice board)."""
    return render(
        request, "disclosure/disclosure_print.html", _detail_context(request, code, public_id)
    )


def find_attachment(disclosure, file_id):
    """An attachment (or form-record photo) of ``disclosure`` by its id, or 404."""
    found = next((a for a in disclosure.attachments.all() if a.public_id == file_id), None)
    if found is None:
        found = next(
            (
                r.photo
                for r in disclosure.form_records.all()
                if r.photo and r.photo.public_id == file_id
            ),
            None,
        )
    if found is None:
        raise Http404
    return found


def download(found):
    """A stored attachment as a download: ASCII name, the type found from its bytes, and a
    sandbox policy in case a browser renders it anyway."""
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=files.download_name(found.original_name, files.BY_EXT[found.kind]),
        content_type=found.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def attachment(request, code: int, public_id, file_id):
    """An attachment of a public disclosure (not withdrawn), always as a download."""
    disclosure = queries.get_public_disclosure(code, public_id)
    if disclosure.is_withdrawn:
        raise Http404
    return download(find_attachment(disclosure, file_id))


@require_GET
def search(request, code: int | None = None):
    """Tìm kiếm thông tin công khai: "ke hoach su dung dat" finds "Kế hoạch sử dụng đất";
    filtered by commune (the page's), village, category and start date; matches
    highlighted; most relevant first; paginated."""
    if code is not None:
        commune = queries.get_commune(code)
    else:
        commune = queries.commune_by_code(request.GET.get("xa"))
    villages = list(commune.villages.filter(is_active=True).order_by("name")) if commune else []
    village = queries.village_of(commune, request.GET.get("thon")) if commune else None
    form = SearchForm(request.GET or None)
    page = None
    query = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        query = data["q"]
        rows = search_disclosures(
            query,
            commune=commune,
            village=village,
            category=data["nhom"],
            date_from=data["tu"],
            date_to=data["den"],
        )
        page = paginate(rows, request, per_page=PER_PAGE)
    return render(
        request,
        "disclosure/disclosure_search.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "commune": commune,
            "villages": villages,
            "village": village,
            "scoped": code is not None,
        },
    )
