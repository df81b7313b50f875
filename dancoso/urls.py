"""The URL map. Public pages are in Vietnamese; the officer workspace lives under /can-bo/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from dancoso.api.api import api
from dancoso.core.views import healthz
from dancoso.decisions.urls import public_urlpatterns as decisions_public_urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("tai-khoan/", include("dancoso.accounts.urls")),
    path("can-bo/ho-gia-dinh/", include("dancoso.households.urls")),
    path("can-bo/quyet-dinh/", include("dancoso.decisions.urls")),
    path("quyet-dinh/", include(decisions_public_urls)),
    path("can-bo/nhat-ky/", include("dancoso.portal.audit_urls")),
    path("", include("dancoso.disclosure.urls")),
    path("", include("dancoso.feedback.urls")),
    path("can-bo/lay-y-kien/", include("dancoso.consultation.workspace_urls")),
    path("lay-y-kien/", include("dancoso.consultation.urls")),
    path("can-bo/huong-uoc/", include("dancoso.conventions.workspace_urls")),
    path("huong-uoc/", include("dancoso.conventions.urls")),
    path("can-bo/giam-sat/", include("dancoso.oversight.workspace_urls")),
    path("giam-sat/", include("dancoso.oversight.urls")),
    path("can-bo/nghi-quyet/", include("dancoso.resolutions.urls")),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dancoso.portal.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
