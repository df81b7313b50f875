from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "dancoso.decisions"
    label = "decisions"
    verbose_name = "Nhân dân bàn và quyết định"

    def ready(self) -> None:
        from . import indicators  # noqa: F401  (registers the resolution indicators)
