"""The product's URL map plus ``/bench/bare``, the reference view of the load test.

The bare view goes through the same middleware (sessions, CSRF, CSP, axes, request log) as every
page, but does no query and renders no template: it is what the server, the WSGI stack and
Django cost before any page logic. It exists only in this bench URL map, never in
``dancoso.urls``.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from dancoso.urls import urlpatterns as product_urlpatterns


@require_GET
def bare(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare", bare, name="bench_bare"), *product_urlpatterns]
