"""Idempotent write requests (SECURITY.md test 3): a client that may retry sends an
``Idempotency-Key`` header; the first request with that key runs, a replay gets the first
answer again, a replay while the first is still running gets 409, and the same key with a
different body gets 422. Keys are per user and kept for 24 hours in the shared cache (Redis in
production, where ``add`` is an atomic SET NX).

Usage in a django-ninja endpoint::

    return idempotency.respond(request, lambda: (201, {"id": obj.pk}))

``compute`` returns ``(status, body)``; a ``DomainError`` it raises becomes a stored 400 (403
for a permission) answer, like any other first answer. Any other exception frees the key.
"""

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache
from django.http import JsonResponse
from django.http.request import RawPostDataException

from .errors import DomainError

HEADER = "Idempotency-Key"
TTL_SECONDS = 24 * 3600
MAX_KEY = 200
KEY_INVALID = "Idempotency-Key không hợp lệ: tối đa 200 ký tự in được, không có khoảng trắng."
IN_FLIGHT = "Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau ít giây."
KEY_REUSED = "Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác."


def _answer(compute: Callable[[], tuple[int, dict]]) -> tuple[int, dict]:
    try:
        return compute()
    except DomainError as exc:
        status = 403 if exc.code == "permission_denied" else 400
        return status, {"code": exc.code, "detail": exc.message}


def _body(request) -> bytes:
    """The raw body — or, once a form parser has read the stream (the CSRF check reads a form
    POST's fields), its fields and file names in a canonical order."""
    try:
        return request.body
    except RawPostDataException:
        fields = sorted((k, v) for k in request.POST for v in request.POST.getlist(k))
        files = sorted((k, f.name, f.size) for k in request.FILES for f in request.FILES.getlist(k))
        return json.dumps([fields, files]).encode()


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.path, _body(request)):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def respond(request, compute: Callable[[], tuple[int, dict]]) -> JsonResponse:
    """Run ``compute`` once per (user, key) and answer with its JSON, replaying it for a
    repeated key (see the module docstring)."""
    key = request.headers.get(HEADER)
    if key is None:
        status, body = _answer(compute)
        return JsonResponse(body, status=status)
    if not key or len(key) > MAX_KEY or not key.isprintable() or " " in key:
        return JsonResponse({"code": "idempotency_key", "detail": KEY_INVALID}, status=400)
    user = getattr(request.user, "pk", None)
    slot = "idem:" + hashlib.sha256(f"{user}\0{key}".encode()).hexdigest()
    fingerprint = _fingerprint(request)
    if cache.add(slot, {"state": "running", "fp": fingerprint}, TTL_SECONDS):
        try:
            status, body = _answer(compute)
        except BaseException:
            cache.delete(slot)
            raise
        cache.set(
            slot,
            {"state": "done", "fp": fingerprint, "status": status, "body": body},
            TTL_SECONDS,
        )
        return JsonResponse(body, status=status)
    saved = cache.get(slot) or {"state": "running", "fp": fingerprint}
    if saved["fp"] != fingerprint:
        return JsonResponse({"code": "idempotency_reused", "detail": KEY_REUSED}, status=422)
    if saved["state"] == "running":
        return JsonResponse({"code": "idempotency_in_flight", "detail": IN_FLIGHT}, status=409)
    response = JsonResponse(saved["body"], status=saved["status"])
    response["Idempotent-Replayed"] = "true"
    return response
