from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "dancoso.conventions"
    verbose_name = "Hương ước, quy ước"

    def ready(self) -> None:
        from . import indicators  # noqa: F401  (registers the resolution indicators)
