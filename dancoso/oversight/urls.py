from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("<int:code>/", views.board_list, name="list"),
    path("<int:code>/ban/<int:pk>/", views.board_detail, name="board"),
    path("<int:code>/ban/<int:pk>/gui-thong-tin/", views.board_tip, name="send_tip"),
    path("thong-tin/<str:tracking>/", views.tip_status, name="tip"),
    path(
        "<int:code>/ban/<int:pk>/bao-cao-<str:period>-<int:year>.<str:fmt>",
        views.board_report,
        name="report",
    ),
]
