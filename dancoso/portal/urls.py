"""Public pages (Vietnamese paths) and the officer workspace home; mounted at "/"."""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("xa/", views.commune_list, name="communes"),
    path("xa/<int:code>/", views.commune_detail, name="commune"),
    path("can-bo/", views.workspace, name="workspace"),
]
