"""What every page's shell needs: the site name, whether the user is an official, and the
workspace navigation (with the entry for the current page marked)."""

from django.conf import settings

from dancoso.accounts.scope import is_official

from .navigation import items_for


def shell(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "site_name": "dancoso",
        "demo_mode": settings.DANCOSO_DEMO,
        "is_official": signed_in and is_official(user),
        "workspace_nav": items_for(user, request.path) if signed_in else [],
    }
