from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "dancoso.disclosure"
    label = "disclosure"
    verbose_name = "Công khai thông tin (Dân biết)"

    def ready(self) -> None:
        from . import indicators  # noqa: F401  (registers the resolution indicators)
