from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "dancoso.households"
    label = "households"
    verbose_name = "Sổ hộ gia đình"
