"""Small builders for feedback tests."""

import io

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dancoso.feedback import services

MARKER = "Zyxqvuw Bí Mật"  # planted in a denouncer's name (SECURITY.md test 10)


def report(commune, **extra):
    data = {
        "kind": "phan_anh",
        "subject": "Đèn đường thôn Bản Lải hỏng",
        "description": "Ba bóng đèn trước nhà văn hóa không sáng từ tuần trước.",
        "phone": "0912000111",
    } | extra
    return services.submit_case(
        commune,
        actor=extra.pop("actor", AnonymousUser()),
        **{k: v for k, v in data.items() if k != "actor"},
    )


def denunciation(commune, **extra):
    data = {
        "kind": "to_cao",
        "subject": "Thu tiền sai quy định",
        "description": "Cán bộ thu thêm phí khi làm giấy tờ đất.",
        "full_name": MARKER,
        "phone": "0912999888",
        "address": "Thôn Bản Lải",
    }
    return report(commune, **(data | extra))


def photo(name="anh.jpg", *, gps=True) -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 51.0, 0.0), 3: "E", 4: (106.0, 45.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
