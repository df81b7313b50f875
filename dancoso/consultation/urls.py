"""Consultation pages: public ones at /lay-y-kien/ (namespace ``consultation``) and the
officer workspace at /can-bo/lay-y-kien/ (``workspace_urls.py``)."""

from django.urls import path

from .views import exports, public

app_name = "consultation"
urlpatterns = [
    path("xa/<int:code>/", public.consultation_list, name="list"),
    path("cua-toi/", public.my_opinions, name="mine"),
    path("<int:pk>/", public.consultation_detail, name="detail"),
    path("<int:pk>/y-kien/", public.opinion_post, name="post"),
    path("<int:pk>/y-kien/<int:number>/ung-ho/", public.opinion_support, name="support"),
    path("<int:pk>/theo-doi/", public.follow, name="follow"),
    path("<int:pk>/ket-qua/", public.synthesis, name="synthesis"),
    path("<int:pk>/ket-qua.docx", exports.synthesis_file, {"fmt": "docx"}, name="synthesis_docx"),
    path("<int:pk>/ket-qua.pdf", exports.synthesis_file, {"fmt": "pdf"}, name="synthesis_pdf"),
    path("<int:pk>/ket-qua/xuat/", exports.export_request, name="export_request"),
    path("<int:pk>/ket-qua/xuat/<int:export_pk>/", exports.export_progress, name="export"),
    path(
        "<int:pk>/ket-qua/xuat/<int:export_pk>/tai-ve/",
        exports.export_download,
        name="export_download",
    ),
    path("<int:pk>/tai-lieu/<int:attachment_pk>/", public.attachment, name="attachment"),
]
