from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "dancoso.resolutions"
    verbose_name = "Nghị quyết, mục tiêu, kế hoạch thực hiện"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
