from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "dancoso.places"
    label = "places"
    verbose_name = "Địa bàn"
