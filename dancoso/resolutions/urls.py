from django.urls import path

from . import views

app_name = "resolutions"

urlpatterns = [
    path("", views.resolution_list, name="list"),
    path("nhap-tep/", views.resolution_import, name="import"),
    path("them/", views.resolution_new, name="new"),
    path("<int:pk>/", views.resolution_detail, name="detail"),
    path("<int:pk>/sua/", views.resolution_edit, name="edit"),
    path("<int:pk>/muc-tieu/", views.target_add, name="add_target"),
    path("<int:pk>/nhom-giai-phap/", views.measure_group_add, name="add_group"),
    path("<int:pk>/bien-phap/", views.measure_item_add, name="add_item"),
    path("<int:pk>/bang-theo-doi/", views.dashboard_page, name="dashboard"),
    path("<int:pk>/bang-theo-doi.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("<int:pk>/ke-hoach/", views.plan_new, name="new_plan"),
    path("<int:pk>/bao-cao/", views.report_new, name="new_report"),
    path("muc-tieu/<int:pk>/", views.target_edit, name="target"),
    path("muc-tieu/<int:pk>/so-lieu/", views.figure_report, name="figures"),
    path("so-lieu/<int:pk>/xac-nhan/", views.figure_audit, name="audit_figure"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu-cua-toi/", views.my_tasks, name="my_tasks"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report"),
    path("bao-cao/<int:pk>/tep/<str:kind>/", views.report_file, name="report_file"),
    path("minh-chung/<str:kind>/<int:pk>/", views.evidence, name="evidence"),
]
