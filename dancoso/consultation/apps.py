from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "dancoso.consultation"
    verbose_name = "Lấy ý kiến Nhân dân, cán bộ (Dân bàn)"

    def ready(self) -> None:
        from . import indicators  # noqa: F401  (registers the resolution indicators)
