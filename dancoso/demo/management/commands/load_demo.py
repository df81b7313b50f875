"""``manage.py load_demo``: build the demo commune Xã Cao Lộc (Lạng Sơn) and print the logins.

Everything is written through the platform's own services (villages, agencies, role grants, the
household register import, account links), so the demo's audit chain is a real one. Running it
again keeps the data and prints the same logins (kept in ``var/demo-logins.txt``, mode 600).
"""

import secrets
from base64 import b32encode
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from dancoso.accounts.models import User
from dancoso.accounts.roles import Role
from dancoso.accounts.services import grant_role
from dancoso.core.actors import SystemActor
from dancoso.demo.consultation import load_consultations
from dancoso.demo.conventions import load_conventions
from dancoso.demo.decisions import load_decisions
from dancoso.demo.disclosure import load_disclosures
from dancoso.demo.feedback import load_feedback
from dancoso.demo.households import register_csv
from dancoso.demo.names import AGENCIES, VILLAGES
from dancoso.demo.oversight import load_oversight
from dancoso.demo.resolutions import load_resolutions
from dancoso.households.models import Household, ImportJob, MemberLink
from dancoso.households.services import import_households, link_at_desk
from dancoso.places.models import Agency, Commune, Village
from dancoso.places.services import create_agency, create_village

COMMUNE_CODE = 6193  # Xã Cao Lộc, Lạng Sơn
HOUSEHOLDS = 1000
SYSTEM = SystemActor("load_demo")

# username, full name, role, place ("commune", "province", "village:N", "agency:N")
OFFICIALS = [
    ("quantri", "Quản trị hệ thống", Role.SYSTEM_ADMIN, "commune"),
    ("chutich", "Hoàng Văn Thắng", Role.COMMUNE_LEADER, "commune"),
    ("canbo", "Nông Thị Hằng", Role.COMMUNE_OFFICER, "commune"),
    ("truongthon", "Lộc Văn Sơn", Role.VILLAGE_HEAD, "village:0"),
    ("mattran", "Vi Thị Ngân", Role.FRONT_HEAD, "village:0"),
    ("canbomattran", "Lương Văn Bình", Role.FRONT_OFFICER, "commune"),
    ("daibieu", "Triệu Thị Mai", Role.COUNCIL_DELEGATE, "commune"),
    ("thanhtra", "Chu Văn Long", Role.INSPECTION_BOARD, "commune"),
    ("giamsat", "Hà Thị Dung", Role.SUPERVISION_BOARD, "commune"),
    ("hieutruong", "Lăng Văn Trung", Role.AGENCY_HEAD, "agency:1"),
    ("canbotinh", "Đinh Thị Phương", Role.PROVINCE_OFFICER, "province"),
]
RESIDENT = ("nguoidan", "0912000001")
LOGINS_FILE = "demo-logins.txt"


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn: xã Cao Lộc (Lạng Sơn) với khoảng 1.000 hộ gia đình."

    def handle(self, *args, **options):
        logins = Path(settings.VAR_DIR) / LOGINS_FILE
        try:
            commune = Commune.objects.select_related("province").get(code=COMMUNE_CODE)
        except Commune.DoesNotExist as exc:
            raise CommandError("Chưa có bản đồ hành chính: chạy `manage.py load_places`.") from exc
        if Household.objects.in_commune(commune).exists() and logins.exists():
            self.stdout.write("Dữ liệu trình diễn đã có sẵn.")
        else:
            text = self._build(commune)
            logins.parent.mkdir(parents=True, exist_ok=True)
            logins.write_text(text, encoding="utf-8")
            logins.chmod(0o600)
        load_feedback(commune)
        self.stdout.write(logins.read_text(encoding="utf-8"))

    def _build(self, commune: Commune) -> str:
        villages = self._villages(commune)
        agencies = self._agencies(commune)
        self.stdout.write(f"Nhập sổ hộ {HOUSEHOLDS} hộ…")
        self._households(commune, villages)
        load_disclosures(commune, villages, agencies)
        lines = [
            "",
            "Tài khoản trình diễn (mật khẩu và mã TOTP chỉ dùng cho bản trình diễn):",
            f"{'tên đăng nhập':<14} {'vai trò':<48} {'mật khẩu':<22} khóa TOTP (base32)",
        ]
        places = {"commune": commune, "province": commune.province}
        places |= {f"village:{i}": v for i, v in enumerate(villages)}
        places |= {f"agency:{i}": a for i, a in enumerate(agencies)}
        for username, name, role, place in OFFICIALS:
            password, secret = self._official(username, name, role, places[place])
            lines.append(f"{username:<14} {role.label[:48]:<48} {password:<22} {secret}")
        lines.append(self._resident(villages[0]))
        load_decisions(villages[0])
        load_consultations(commune, villages, agencies)
        load_conventions(commune, villages)
        load_oversight(commune, villages)
        load_resolutions(commune, villages, agencies)
        lines.append("Mã TOTP hiện tại (không cần ứng dụng xác thực): make otp U=TÊN_ĐĂNG_NHẬP")
        return "\n".join(lines) + "\n"

    def _villages(self, commune: Commune) -> list[Village]:
        existing = {v.name: v for v in commune.villages.all()}
        return [
            existing.get(name) or create_village(commune, actor=SYSTEM, name=name, kind=kind)
            for name, kind in VILLAGES
        ]

    def _agencies(self, commune: Commune) -> list[Agency]:
        existing = {a.name: a for a in commune.agencies.all()}
        return [
            existing.get(name)
            or create_agency(
                actor=SYSTEM,
                province=commune.province,
                commune=commune,
                name=name,
                kind=kind,
                staff_count=staff,
            )
            for name, kind, staff in AGENCIES
        ]

    def _households(self, commune: Commune, villages: list[Village]) -> None:
        data = register_csv([v.name for v in villages], HOUSEHOLDS)
        job = ImportJob(
            commune=commune, uploaded_by=self._system_user(), original_name="so-ho-cao-loc.csv"
        )
        job.file.save("so-ho-cao-loc.csv", ContentFile(data), save=False)
        job.save()
        import_households(job.pk, actor=SYSTEM)
        job.refresh_from_db()
        if job.status != ImportJob.Status.DONE:
            raise CommandError(f"Nhập sổ hộ trình diễn thất bại: {job.errors[:5]}")

    def _system_user(self) -> User:
        user, _ = User.objects.get_or_create(
            username="he-thong", defaults={"full_name": "Hệ thống (dữ liệu trình diễn)"}
        )
        return user

    @transaction.atomic
    def _official(self, username: str, name: str, role: Role, place) -> tuple[str, str]:
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": name})
        user.set_password(password)
        user.is_staff = user.is_superuser = role == Role.SYSTEM_ADMIN
        user.save()
        if not user.grants.filter(role=role).exists():
            grant_role(actor=SYSTEM, user=user, role=role, place=place)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="demo", defaults={"confirmed": True}
        )
        return password, _base32(device.bin_key)

    @transaction.atomic
    def _resident(self, village: Village) -> str:
        username, phone = RESIDENT
        user, _ = User.objects.get_or_create(
            username=username, defaults={"phone": phone, "full_name": "Người dân trình diễn"}
        )
        user.set_unusable_password()
        user.save()
        if not user.grants.filter(role=Role.RESIDENT).exists():
            grant_role(actor=SYSTEM, user=user, role=Role.RESIDENT, place=village)
        household = Household.objects.filter(village=village).order_by("code").first()
        head = household.members.get(is_head=True)
        if not head.links.filter(user=user, status=MemberLink.Status.CONFIRMED).exists():
            link_at_desk(head, actor=SYSTEM, user=user)
        return (
            f"{username:<14} {'Người dân (đại diện hộ ' + household.code + ')':<48} "
            f"đăng nhập bằng mã một lần gửi tới {phone} (mã in ra màn hình máy chủ)"
        )


def _base32(key: bytes) -> str:
    return b32encode(key).decode("ascii")
