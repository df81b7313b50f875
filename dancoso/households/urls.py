"""Household register pages, mounted at /can-bo/ho-gia-dinh/ (namespace ``households``)."""

from django.urls import path

from .views import exports, imports, links, registers

app_name = "households"
urlpatterns = [
    path("", registers.household_list, name="list"),
    path("them/", registers.household_create, name="create"),
    path("<int:pk>/", registers.household_detail, name="detail"),
    path("<int:pk>/sua/", registers.household_edit, name="edit"),
    path("<int:pk>/chuyen-thon/", registers.household_move, name="move"),
    path("<int:pk>/thanh-vien/them/", registers.member_add, name="member_add"),
    path("<int:pk>/thanh-vien/<int:member_pk>/sua/", registers.member_edit, name="member_edit"),
    path("<int:pk>/thanh-vien/<int:member_pk>/xoa/", registers.member_remove, name="member_remove"),
    path("xuat/", exports.register_export, name="export"),
    path("nhap/", imports.import_upload, name="import"),
    path("nhap/mau-nhap-ho.csv", imports.import_template, name="import_template"),
    path("nhap/<int:pk>/", imports.import_job, name="import_job"),
    path("lien-ket/", links.link_request, name="link_request"),
    path("lien-ket/cho-xac-nhan/", links.pending_links, name="pending_links"),
    path("lien-ket/<int:pk>/xac-nhan/", links.link_confirm, name="link_confirm"),
    path("lien-ket/<int:pk>/tu-choi/", links.link_reject, name="link_reject"),
    path("cua-toi/", links.my_household, name="mine"),
]
