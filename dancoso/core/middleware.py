"""Request logging (method, path without query string, status, duration, user id) and the
choice of language."""

import logging
import time
import uuid

from django.conf import settings
from django.utils import translation

logger = logging.getLogger("dancoso.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "method": request.method,
                # The query string may carry search terms (names, phone numbers): never logged.
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "request_id": request.request_id,
            },
        )
        response["X-Request-ID"] = request.request_id
        return response


class LanguageMiddleware:
    """Vietnamese first: the page is in Vietnamese unless the person chose another language
    with the switch (the language cookie). The browser's Accept-Language is not followed —
    many phones in Vietnam are set to English while their owners read Vietnamese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
