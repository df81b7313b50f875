from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dancoso.core"
    label = "core"
    verbose_name = "Lõi"
