"""What every page's shell needs: the site name and the workspace navigation."""

from django.conf import settings

from .navigation import items_for


def shell(request):
    user = getattr(request, "user", None)
    return {
        "site_name": "dancoso",
        "demo_mode": settings.DANCOSO_DEMO,
        "workspace_nav": items_for(user) if user is not None and user.is_authenticated else [],
    }
