"""Public portal pages, the officer workspace home and the error pages.

Thin views (DESIGN.md rule 10): parse the request, call the queries of ``queries.py``, render.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dancoso.accounts.scope import is_official
from dancoso.core.pagination import paginate

from . import queries

COMMUNES_PER_PAGE = 25


@require_GET
def home(request):
    """ "/": the home commune's public page when the operator named one
    (``DANCOSO_HOME_COMMUNE``), otherwise the list of communes."""
    commune = queries.home_commune()
    if commune is not None:
        return _commune_page(request, commune)
    return commune_list(request)


@require_GET
def commune_list(request):
    """The communes of the country, searchable by name and filtered by province, paginated."""
    search = queries.clean_search(request.GET.get("q", ""))
    province = queries.province_by_code(request.GET.get("tinh", ""))
    page = paginate(
        queries.communes_matching(search, province), request, per_page=COMMUNES_PER_PAGE
    )
    context = {
        "page": page,
        "search": search,
        "province": province,
        "provinces": queries.provinces(),
    }
    return render(request, "portal/commune_list.html", context)


@require_GET
def commune_detail(request, code: int):
    """ "/xa/<code>/": the public home page of one commune, by its official code."""
    return _commune_page(request, queries.get_commune(code))


def _commune_page(request, commune):
    villages = list(queries.villages_with_counts(commune))
    agencies = queries.agencies_of(commune)
    context = {
        "commune": commune,
        "villages": villages,
        "household_total": sum(v.household_count for v in villages),
        "agencies": agencies,
        "more_agencies": len(agencies) >= queries.AGENCIES_SHOWN,
        "audit_head": queries.audit_head(commune),
    }
    return render(request, "portal/commune_detail.html", context)


@require_GET
@login_required
def workspace(request):
    """ "/can-bo/": the officer's places with their figures, and the workspace navigation.
    A signed-in person with no official role is told how to get one."""
    official = is_official(request.user)
    places = queries.workspace_places(request.user) if official else []
    return render(request, "portal/workspace_home.html", {"places": places, "official": official})


def rate_limited(request, exception=None):
    """429 page for requests refused by a rate limit (``RATELIMIT_VIEW``)."""
    return render(request, "429.html", status=429)


def csrf_failure(request, reason: str = ""):
    """403 page for a form sent without a valid CSRF token (``CSRF_FAILURE_VIEW``): usually an
    old page or cookies switched off. The technical reason is not shown."""
    return render(request, "403_csrf.html", status=403)
