"""The project's URL map with the audit pages mounted at /can-bo/nhat-ky/, as the project will
mount them; once ``dancoso/urls.py`` includes them itself this adds nothing."""

from django.urls import NoReverseMatch, include, path, reverse

from dancoso.urls import urlpatterns as project_patterns


def _mounted() -> bool:
    try:
        reverse("audit:index", urlconf="dancoso.urls")
    except NoReverseMatch:
        return False
    return True


urlpatterns = list(project_patterns)
if not _mounted():
    urlpatterns.insert(-1, path("can-bo/nhat-ky/", include("dancoso.portal.audit_urls")))
