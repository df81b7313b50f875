"""URLs of disclosures, under the ``disclosure`` namespace: a commune's public section at
/xa/<code>/cong-khai/ (written out in full, so each route carries its commune code), the
site-wide public pages at /cong-khai/ and the officer pages at /can-bo/cong-khai/."""

from django.urls import include, path

from .views import feeds, follows, officer, public

app_name = "disclosure"
XA = "xa/<int:code>/cong-khai/"
commune_patterns = [
    path(XA + "", public.index, name="index"),
    path(XA + "tim-kiem/", public.search, name="commune_search"),
    path(XA + "nguon.atom", feeds.CommuneFeed(), name="feed"),
    path(XA + "nhom/<str:category>/nguon.atom", feeds.CommuneFeed(), name="category_feed"),
    path(XA + "du-lieu.csv", feeds.export_csv, name="export_csv"),
    path(XA + "du-lieu.json", feeds.export_json, name="export_json"),
    path(XA + "theo-doi/", follows.follow, name="follow"),
    path(XA + "<uuid:public_id>/", public.detail, name="detail"),
    path(XA + "<uuid:public_id>/in/", public.printable, name="print"),
    path(XA + "<uuid:public_id>/tep/<uuid:file_id>/", public.attachment, name="attachment"),
]
site_patterns = [
    path("tim-kiem/", public.search, name="search"),
    path("theo-doi/", follows.my_follows, name="follows"),
    path("theo-doi/<int:pk>/bo/", follows.unfollow, name="unfollow"),
]
officer_patterns = [
    path("", officer.officer_list, name="officer_list"),
    path("moi/", officer.publish, name="publish"),
    path("nghia-vu/", officer.obligations, name="obligations"),
    path("danh-muc-quy/", officer.quarter_list, name="quarter_list"),
    path("co-quan/", officer.my_agencies, name="my_agencies"),
    path("co-quan/<int:agency_id>/", officer.agency_list, name="agency"),
    path("<uuid:public_id>/", officer.manage, name="manage"),
    path("<uuid:public_id>/tep/<uuid:file_id>/", officer.officer_attachment, name="officer_file"),
    path("<uuid:public_id>/dinh-chinh/", officer.correct, name="correct"),
    path("<uuid:public_id>/rut/", officer.withdraw, name="withdraw"),
    path("<uuid:public_id>/ghi-nhan/", officer.record, name="record"),
]
urlpatterns = [
    *commune_patterns,
    path("cong-khai/", include(site_patterns)),
    path("can-bo/cong-khai/", include(officer_patterns)),
]
