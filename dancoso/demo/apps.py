from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dancoso.demo"
    label = "demo"
    verbose_name = "Dữ liệu trình diễn"
