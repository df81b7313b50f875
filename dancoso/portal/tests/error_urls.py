"""The real URL map plus views that fail on purpose, to render the error pages."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from dancoso.portal import views
from dancoso.urls import urlpatterns as real_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("bad request")


urlpatterns = [
    path("_thu/500/", broken),
    path("_thu/403/", forbidden),
    path("_thu/400/", suspicious),
    path("_thu/429/", views.rate_limited),
    *real_urlpatterns,
]
