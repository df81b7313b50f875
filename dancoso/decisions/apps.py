from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "dancoso.decisions"
    label = "decisions"
    verbose_name = "Nhân dân bàn và quyết định"
