from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "dancoso.conventions"
    verbose_name = "Hương ước, quy ước"
