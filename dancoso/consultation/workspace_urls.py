"""Officer workspace pages for consultations, mounted at /can-bo/lay-y-kien/ (namespace
``consultation_ws``)."""

from django.urls import path

from .views import actions, workspace

app_name = "consultation_ws"
urlpatterns = [
    path("", workspace.workspace_list, name="list"),
    path("them/", workspace.consultation_create, name="create"),
    path("<int:pk>/", workspace.manage, name="manage"),
    path("<int:pk>/sua/", workspace.consultation_edit, name="edit"),
    path("<int:pk>/buoc/<slug:transition>/", actions.advance, name="advance"),
    path("<int:pk>/du-thao/", actions.draft_text, name="draft_text"),
    path("<int:pk>/nhap-docx/", actions.import_docx, name="import_docx"),
    path("<int:pk>/dinh-kem/", actions.attach, name="attach"),
    path("<int:pk>/nhap-y-kien/", actions.offline, name="offline"),
    path("<int:pk>/y-kien/<int:number>/an/", actions.hide, name="hide"),
    path("<int:pk>/tra-loi/", actions.answer, name="answer"),
    path("<int:pk>/tong-hop/", actions.synthesis_text, name="synthesis_text"),
    path("<int:pk>/phan/<int:section_pk>/sua/", actions.revise, name="revise"),
]
