"""Officer convention pages at /can-bo/huong-uoc/ (namespace ``conventions_ws``)."""

from django.urls import path

from . import views

app_name = "conventions_ws"
urlpatterns = [
    path("", views.workspace_list, name="list"),
    path("them/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/buoc/<slug:name>/", views.step, name="step"),
]
