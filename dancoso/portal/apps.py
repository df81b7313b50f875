from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dancoso.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"
