"""Feedback routes: public pages under /phan-anh/ and /danh-gia/, the workspace under
/can-bo/phan-anh/ (both included from ``dancoso/urls.py``)."""

from django.urls import path

from .views import followups, officer, public, sessions, surveys

app_name = "feedback"
urlpatterns = [
    path("phan-anh/tra-cuu/", public.track, name="track"),
    path("phan-anh/tra-cuu/<str:tracking>/", public.status, name="status"),
    path("phan-anh/xa/<int:code>/", public.commune_page, name="commune"),
    path("phan-anh/xa/<int:code>/gui/", public.submit, name="submit"),
    path("phan-anh/xa/<int:code>/tiep-cong-dan/", sessions.public_list, name="sessions_public"),
    path("danh-gia/<str:token>/", public.rate_desk, name="rate_desk"),
    path("khao-sat/<int:pk>/", surveys.answer, name="survey_answer"),
    path("can-bo/phan-anh/khao-sat/", surveys.officer_list, name="surveys"),
    path("can-bo/phan-anh/khao-sat/<int:pk>/", surveys.officer_detail, name="survey"),
    path(
        "can-bo/phan-anh/khao-sat/<int:pk>/<slug:action>/",
        surveys.officer_action,
        name="survey_action",
    ),
    path("can-bo/phan-anh/tiep-dan/", sessions.officer_list, name="sessions"),
    path("can-bo/phan-anh/tiep-dan/<int:pk>/", sessions.officer_detail, name="session"),
    path(
        "can-bo/phan-anh/tiep-dan/<int:pk>/<slug:action>/",
        sessions.officer_action,
        name="session_action",
    ),
    path("can-bo/phan-anh/", officer.inbox, name="inbox"),
    path("can-bo/phan-anh/nhap/", officer.take, name="take"),
    path("can-bo/phan-anh/nhap-lan-hai/", followups.take_follow_up, name="take_follow_up"),
    path("can-bo/phan-anh/xuat.csv", officer.export, name="export"),
    path("can-bo/phan-anh/so-lieu/", officer.dashboard, name="dashboard"),
    path("can-bo/phan-anh/quay/", officer.desks, name="desks"),
    path("can-bo/phan-anh/quay/<int:pk>/", officer.desk, name="desk"),
    path("can-bo/phan-anh/quay/<int:pk>/ma-qr.svg", officer.desk_qr, name="desk_qr"),
    path("can-bo/phan-anh/quay/<int:pk>/<slug:action>/", officer.desk_action, name="desk_action"),
    path("can-bo/phan-anh/tep/<int:pk>/", officer.attachment, name="attachment"),
    path("can-bo/phan-anh/<int:pk>/", officer.case_detail, name="case"),
    path("can-bo/phan-anh/<int:pk>/<slug:action>/", officer.case_action, name="case_action"),
]
