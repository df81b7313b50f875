"""The production gateway: texts through Zalo ZNS (a local HTTP server stands in for Zalo and
records what it got), e-mail through Django's mail; failures named without the recipient or
the text."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail

from dancoso.accounts.gateways import MessageNotSent, SmtpZaloSender, zalo_phone

TEXT = "Mã đăng nhập dancoso: 482913. Mã có hiệu lực 10 phút."


class FakeZns(BaseHTTPRequestHandler):
    received: list = []
    answer: dict = {"error": 0, "message": "Success", "data": {"msg_id": "1"}}

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        FakeZns.received.append((self.headers, json.loads(self.rfile.read(length))))
        payload = json.dumps(FakeZns.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def zns(settings, tmp_path):
    server = HTTPServer(("127.0.0.1", 0), FakeZns)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    token = tmp_path / "zalo-token"
    token.write_text("tok-123\n")
    settings.DANCOSO_ZALO_ZNS = {
        "url": f"http://127.0.0.1:{server.server_port}/message/template",
        "token_file": str(token),
        "template_id": "tpl-9",
        "param": "noi_dung",
    }
    FakeZns.received = []
    FakeZns.answer = {"error": 0, "message": "Success", "data": {"msg_id": "1"}}
    yield FakeZns
    server.shutdown()


def test_a_text_goes_to_zalo_as_the_approved_template(zns):
    SmtpZaloSender().send_sms("0912 345 678", TEXT)

    ((headers, body),) = zns.received
    assert headers.get("access_token") == "tok-123"  # header names are case-blind
    assert body["phone"] == "84912345678"
    assert body["template_id"] == "tpl-9"
    assert body["template_data"] == {"noi_dung": TEXT}
    assert len(body["tracking_id"]) == 32


def test_a_refusal_is_an_error_that_names_neither_the_phone_nor_the_text(zns, caplog):
    zns.answer = {"error": -124, "message": "Access token invalid"}
    caplog.set_level(logging.DEBUG)

    with pytest.raises(MessageNotSent) as raised:
        SmtpZaloSender().send_sms("0912345678", TEXT)

    assert "-124" in str(raised.value)
    for leak in ("0912345678", "84912345678", "482913"):
        assert leak not in str(raised.value) and leak not in caplog.text


def test_an_unreachable_gateway_or_missing_token_is_a_clear_error(settings, tmp_path):
    settings.DANCOSO_ZALO_ZNS = {
        "url": "http://127.0.0.1:9/message/template",
        "token_file": str(tmp_path / "missing"),
        "template_id": "t",
        "param": "noi_dung",
    }
    with pytest.raises(MessageNotSent, match="access token"):
        SmtpZaloSender().send_sms("0912345678", TEXT)
    (tmp_path / "missing").write_text("t")
    with pytest.raises(MessageNotSent, match="không trả lời"):
        SmtpZaloSender().send_sms("0912345678", TEXT)


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("0912345678", "84912345678"),
        ("+84 912 345 678", "84912345678"),
        ("84.91.234.5678", "84912345678"),
    ],
)
def test_phone_numbers_take_the_international_form(written, sent):
    assert zalo_phone(written) == sent


@pytest.mark.parametrize("bad", ["", "12345", "+1 415 555 0100"])
def test_a_number_zalo_cannot_reach_is_refused_before_sending(bad):
    with pytest.raises(MessageNotSent):
        zalo_phone(bad)


def test_e_mail_goes_through_django_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    SmtpZaloSender().send_email("dan@example.vn", "Mã đăng nhập dancoso", TEXT)

    (message,) = mail.outbox
    assert message.to == ["dan@example.vn"] and message.body == TEXT
    assert message.subject == "Mã đăng nhập dancoso"
