from django.urls import path

from . import views

app_name = "oversight_ws"

urlpatterns = [
    path("", views.workspace, name="list"),
    path("ban/<int:pk>/", views.workspace_board, name="board"),
    path("kien-nghi/<int:pk>/tra-loi/", views.workspace_answer, name="answer"),
]
