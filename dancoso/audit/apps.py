from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dancoso.audit"
    label = "audit"
    verbose_name = "Nhật ký kiểm toán"

    def ready(self) -> None:
        from . import guard

        guard.connect()
