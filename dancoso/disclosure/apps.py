from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "dancoso.disclosure"
    label = "disclosure"
    verbose_name = "Công khai thông tin (Dân biết)"
