"""Django admin for citizens' cases: read-only, and without the sender. ``CaseSender`` is not
registered at all, so no administrator reads a denouncer's identity here (Law 25/2018/QH14
Art. 9(1)(b); SECURITY.md test 10). Writes go through the services, never the admin."""

from django.contrib import admin

from .models import Case, Desk, DeskRating


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("tracking_code", "kind", "status", "commune", "received_on", "next_due")
    list_filter = ("kind", "status", "channel")
    search_fields = ("tracking_code",)
    list_select_related = ("commune",)
    exclude = ("subject", "description", "answer", "rating_reason")  # free text may name people


@admin.register(Desk)
class DeskAdmin(ReadOnly):
    list_display = ("name", "commune", "active")
    exclude = ("token",)


@admin.register(DeskRating)
class DeskRatingAdmin(ReadOnly):
    list_display = ("desk", "reception_score", "procedure_score", "created_at")
    exclude = ("comment",)
