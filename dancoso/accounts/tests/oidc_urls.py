"""dancoso's URL map with the OpenID Connect routes mounted, as ``dancoso/urls.py`` mounts
them when ``DANCOSO_OIDC_CLIENT_ID`` is set at start-up. The OIDC tests switch to it with
``@pytest.mark.urls`` (pytest-django resets the URL caches), so nothing is reloaded."""

from django.urls import include, path

from dancoso.urls import urlpatterns as dancoso_urlpatterns

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *dancoso_urlpatterns]
