"""Public convention pages at /huong-uoc/ (namespace ``conventions``)."""

from django.urls import path

from . import views

app_name = "conventions"
urlpatterns = [
    path("xa/<int:code>/", views.public_list, name="list"),
    path("<int:pk>/", views.public_detail, name="detail"),
]
