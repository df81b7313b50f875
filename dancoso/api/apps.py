from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dancoso.api"
    label = "api"
    verbose_name = "API"
