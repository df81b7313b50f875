"""The household register (sổ hộ gia đình) of a commune: households, members, the history of
where each household lived, and the confirmed links between resident accounts and members.

Households are the unit that decides village matters (Law 10/2022/QH15 Art. 15–24), so the
village a household belonged to on a given day must stay knowable: ``Residence`` keeps it.
National ID numbers are personal data (Law 91/2025/QH15): stored only here, masked everywhere
they are shown (``masked_national_id``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Commune, Village


class HouseholdQuerySet(models.QuerySet):
    def in_commune(self, commune):
        return self.filter(commune=commune)


class Household(TimeStampedModel):
    """Hộ gia đình, identified by its code within the commune."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="households")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="households")
    code = models.CharField("mã hộ", max_length=30)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    is_active = models.BooleanField(default=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["village__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="household_code_in_commune"),
        ]
        indexes = [
            models.Index(fields=["commune", "village", "code"], name="household_list"),
        ]

    def __str__(self) -> str:
        return self.code


class Residence(models.Model):
    """Nơi cư trú theo thời gian: the village a household belonged to from one day to another.
    The open row (``ended_on`` empty) is the current one; there is at most one."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="residences")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["household", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(ended_on__isnull=True),
                name="one_current_residence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}@{self.village_id} {self.started_on}"


class Member(TimeStampedModel):
    """Thành viên hộ: a person of the household; one is its head (chủ hộ) and one or more may be
    its representative (đại diện hộ) for community decisions."""

    class Gender(models.TextChoices):
        MALE = "nam", "Nam"
        FEMALE = "nu", "Nữ"
        UNSPECIFIED = "", "Không ghi"

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField("họ và tên", max_length=150)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField(max_length=3, choices=Gender.choices, blank=True)
    national_id = models.CharField("số định danh cá nhân", max_length=12, null=True, blank=True)
    phone = models.CharField("số điện thoại", max_length=15, blank=True)
    relation = models.CharField("quan hệ với chủ hộ", max_length=50, blank=True)
    is_head = models.BooleanField("chủ hộ", default=False)
    is_representative = models.BooleanField("đại diện hộ", default=False)

    class Meta:
        ordering = ["household", "-is_head", "date_of_birth", "id"]
        constraints = [
            models.UniqueConstraint(fields=["national_id"], name="member_national_id_unique"),
            models.UniqueConstraint(
                fields=["household"], condition=Q(is_head=True), name="one_head_per_household"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def masked_national_id(self) -> str:
        """Only the last 3 digits show: ``*********123``."""
        if not self.national_id:
            return ""
        return "*" * (len(self.national_id) - 3) + self.national_id[-3:]


class MemberLink(TimeStampedModel):
    """Liên kết tài khoản: a resident account claims to be a household member; the village head
    or a commune officer confirms it. Only a confirmed link lets a person act for a household."""

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ xác nhận"
        CONFIRMED = "confirmed", "Đã xác nhận"
        REJECTED = "rejected", "Bị từ chối"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_links"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="links")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField("lý do", max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="confirmed"), name="one_account_per_member"
            ),
            models.UniqueConstraint(
                fields=["user", "member"],
                condition=~Q(status="rejected"),
                name="one_open_claim_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}→{self.member_id} ({self.status})"


class ImportJob(TimeStampedModel):
    """Một lần nhập sổ hộ: an uploaded CSV/XLSX register, checked then written all-or-nothing
    in the background; the page polls ``processed_rows`` for the progress bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        VALIDATING = "validating", "Đang kiểm tra"
        WRITING = "writing", "Đang ghi"
        DONE = "done", "Hoàn tất"
        FAILED = "failed", "Có lỗi, không ghi gì"

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"import #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, int(self.processed_rows * 100 / self.total_rows))
