from django.urls import path

from . import views

app_name = "oversight_ws"

urlpatterns = [
    path("", views.workspace, name="list"),
    path("ban/<int:pk>/", views.workspace_board, name="board"),
    path("ban/<int:pk>/thanh-vien/", views.workspace_member, name="member"),
    path("ban/<int:pk>/ke-hoach/", views.workspace_plan, name="new_plan"),
    path("ke-hoach/<int:pk>/", views.workspace_activity, name="plan"),
    path("ke-hoach/<int:pk>/thong-qua/", views.workspace_approve, name="approve"),
    path("kien-nghi/<int:pk>/tra-loi/", views.workspace_answer, name="answer"),
    path("kien-nghi/<int:pk>/danh-gia/", views.workspace_judge, name="judge"),
]
