from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "dancoso.oversight"
    verbose_name = "Dân kiểm tra, giám sát"

    def ready(self) -> None:
        import dancoso.oversight.indicators  # noqa: F401  (registers the resolution indicators)

        from . import rules  # noqa: F401  (registers the permissions)
