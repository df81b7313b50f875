from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "dancoso.oversight"
    verbose_name = "Dân kiểm tra, giám sát"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
