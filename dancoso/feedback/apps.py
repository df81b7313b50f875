from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "dancoso.feedback"
    label = "feedback"
    verbose_name = "Tiếp nhận, giải quyết phản ánh, kiến nghị"

    def ready(self) -> None:
        from . import indicators  # noqa: F401  (registers the resolution indicators)
