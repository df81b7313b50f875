"""Pagination for every list: a bounded page size and a friendly answer to a bad page number."""

from django.core.paginator import Page, Paginator

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def paginate(queryset, request, *, per_page: int = DEFAULT_PAGE_SIZE) -> Page:
    """The requested page of ``queryset``; a missing, malformed or too-large number gives the
    nearest valid page instead of an error (the query string is user input)."""
    paginator = Paginator(queryset, min(per_page, MAX_PAGE_SIZE))
    return paginator.get_page(request.GET.get("page"))
