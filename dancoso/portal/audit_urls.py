"""Audit log pages for officers; the project mounts them at /can-bo/nhat-ky/ (namespace
``audit``)."""

from django.urls import path

from . import audit_views

app_name = "audit"
urlpatterns = [
    path("", audit_views.audit_index, name="index"),
    path("xa/<int:code>/", audit_views.commune_log, name="commune"),
    path("xa/<int:code>/kiem-tra/", audit_views.verify_now, name="verify"),
]
