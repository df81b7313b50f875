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
    path("xa/<int:code>/", views.workspace_commune, name="commune"),
    path("xa/<int:code>/du-an/", views.workspace_project, name="project"),
    path("xa/<int:code>/thanh-lap-ban/", views.workspace_form_board, name="form_board"),
    path("thanh-vien/<int:pk>/thoi/", views.workspace_end_member, name="end_member"),
    path("ban/<int:pk>/trung-cu/", views.workspace_elected, name="elected"),
    path("ban/<int:pk>/cong-nhan/", views.workspace_recognise, name="recognise"),
    path("hoat-dong/<int:pk>/", views.workspace_record, name="activity"),
    path(
        "hoat-dong/<int:pk>/kien-nghi/",
        views.workspace_activity_recommendation,
        name="activity_recommendation",
    ),
    path("ban/<int:pk>/thong-tin/", views.workspace_tips, name="tips"),
    path("thong-tin/<int:pk>/tra-loi/", views.workspace_answer_tip, name="answer_tip"),
    path("minh-chung/<int:pk>/", views.workspace_evidence, name="evidence"),
]
