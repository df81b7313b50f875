"""Error pages: Vietnamese, helpful, inside the page shell where they can be, and under the
same Content-Security-Policy as every other page."""

import pytest
from django.test import Client
from django.urls import reverse

from dancoso.core.tests.html import read

pytestmark = [pytest.mark.django_db, pytest.mark.urls("dancoso.portal.tests.error_urls")]


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "status", "title"),
    [
        ("/_thu/400/", 400, "Yêu cầu không hợp lệ"),
        ("/_thu/403/", 403, "Bạn không có quyền làm việc này"),
        ("/khong-co/", 404, "Không tìm thấy trang"),
        ("/_thu/429/", 429, "Bạn đã gửi quá nhiều yêu cầu"),
        ("/_thu/500/", 500, "Hệ thống đang gặp sự cố"),
    ],
)
def test_error_pages_are_in_vietnamese_and_say_what_to_do(visitor, url, status, title):
    response = visitor.get(url)

    assert response.status_code == status
    page = read(response)
    assert page.lang == "vi"
    assert page.h1 == [title]
    assert f"Mã lỗi: {status}" in page.text
    assert "/" in page.links  # a way back home
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert page.inline_scripts == 0 and page.style_attributes == []


def test_the_500_page_shows_no_technical_detail(visitor):
    response = visitor.get("/_thu/500/")
    assert "a bug" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()


def test_a_forbidden_page_offers_sign_in_to_anonymous_visitors(visitor):
    page = read(visitor.get("/_thu/403/"))
    assert "Có thể bạn cần đăng nhập trước." in page.text


def test_a_form_without_csrf_token_gets_the_vietnamese_page(settings, world):
    settings.CSRF_FAILURE_VIEW = "dancoso.portal.views.csrf_failure"
    visitor = Client(enforce_csrf_checks=True)

    response = visitor.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 403
    assert read(response).h1 == ["Biểu mẫu đã hết hạn hoặc không hợp lệ"]
    assert "CSRF verification failed" not in response.content.decode()


def test_settings_use_the_vietnamese_csrf_and_rate_limit_pages(settings):
    """The project settings point Django and django-ratelimit at these pages."""
    assert settings.CSRF_FAILURE_VIEW == "dancoso.portal.views.csrf_failure"
    assert settings.RATELIMIT_VIEW == "dancoso.portal.views.rate_limited"
