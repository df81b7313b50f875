"""The product's URL map plus ``/bench/bare`` and ``/bench/bare-insert``, the reference views of
the load tests (pages, and intake in ``bench/feedback.py``).

The bare view goes through the same middleware (sessions, CSRF, CSP, axes, request log) as every
page, but does no query and renders no template: it is what the server, the WSGI stack and
Django cost before any page logic. Both exist only in this bench URL map, never in
``dancoso.urls``.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from dancoso.urls import urlpatterns as product_urlpatterns


@require_GET
def bare(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


@require_POST
def bare_insert(request):
    """The intake bench's reference: one INSERT of the raw body into a scratch table (made by
    ``bench/feedback.py``), in autocommit, through the same middleware (CSRF included)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare_insert (body) VALUES (%s)", [request.body[:6000]])
    return HttpResponse(b"ok\n", status=201, content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/bare", bare, name="bench_bare"),
    path("bench/bare-insert", bare_insert, name="bench_bare_insert"),
    *product_urlpatterns,
]
