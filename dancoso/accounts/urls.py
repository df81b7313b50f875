from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.password_login, name="login"),
    path("xac-thuc-hai-lop/", views.second_factor, name="second_factor"),
    path("dang-nhap-ma/", views.code_request, name="code_login"),
    path("dang-nhap-ma/nhap-ma/", views.code_verify, name="code_verify"),
    path("dang-xuat/", views.sign_out, name="logout"),
]
