"""The django-ninja API at /api/v1/ (OpenAPI 3 at /api/v1/openapi.json).

Session-authenticated; ninja checks the CSRF token for cookie auth (never switched off); each
app mounts its own router from its ``api.py``.
"""

from ninja.security import django_auth

from dancoso.consultation.api import router as consultation_router
from dancoso.core.errors import DomainError
from dancoso.decisions.api import router as decisions_router
from dancoso.decisions.api_initiatives import router as initiatives_router
from dancoso.disclosure.api import router as disclosure_router
from dancoso.feedback.api import router as feedback_router
from dancoso.households.api import router as households_router
from dancoso.oversight.api import router as oversight_router
from dancoso.resolutions.api import router as resolutions_router

from .openapi import DancosoAPI

api = DancosoAPI(
    title="dancoso API",
    version="1",
    description="API của nền tảng thực hiện dân chủ ở cơ sở.",
    auth=django_auth,
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    status = 403 if exc.code == "permission_denied" else 400
    return api.create_response(request, {"code": exc.code, "detail": exc.message}, status=status)


api.add_router("/households", households_router)
api.add_router("/disclosure", disclosure_router)
api.add_router("/decisions", decisions_router)
api.add_router("/initiatives", initiatives_router)
api.add_router("/feedback", feedback_router)
api.add_router("/consultations", consultation_router)
api.add_router("/oversight", oversight_router)
api.add_router("/resolutions", resolutions_router)
