"""The administrative map: provinces, communes, villages and agencies.

Since 01/07/2025 local government has two tiers (Resolution 202/2025/QH15): 34 provinces and
3,321 communes (xã, phường, đặc khu). Codes are the official ones from the ``vietnam-provinces``
package. Older names are kept in ``former_names`` (resolutions of 2024 still cite districts).
"""

from django.db import models
from django.db.models import Q

from dancoso.core.models import TimeStampedModel


class Province(TimeStampedModel):
    """Tỉnh / thành phố trực thuộc trung ương."""

    class Kind(models.TextChoices):
        PROVINCE = "tinh", "Tỉnh"
        CITY = "thanh_pho", "Thành phố trực thuộc trung ương"

    code = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    codename = models.SlugField(max_length=120, unique=True)
    former_names = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Commune(TimeStampedModel):
    """Xã, phường, đặc khu: the commune level, where the law's duties mostly fall."""

    class Kind(models.TextChoices):
        COMMUNE = "xa", "Xã"
        WARD = "phuong", "Phường"
        SPECIAL_ZONE = "dac_khu", "Đặc khu"

    code = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    codename = models.SlugField(max_length=120)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes")
    former_names = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["province__code", "name"]
        indexes = [models.Index(fields=["province", "name"], name="commune_province_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_code(self) -> int:
        return self.code


class Village(TimeStampedModel):
    """Thôn, bản, ấp, tổ dân phố, khu phố, khóm: the community below the commune."""

    class Kind(models.TextChoices):
        THON = "thon", "Thôn"
        BAN = "ban", "Bản"
        AP = "ap", "Ấp"
        TO_DAN_PHO = "to_dan_pho", "Tổ dân phố"
        KHU_PHO = "khu_pho", "Khu phố"
        KHOM = "khom", "Khóm"
        OTHER = "khac", "Khác"

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="villages")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.THON)
    is_active = models.BooleanField(default=True)
    former_names = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="village_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Agency(TimeStampedModel):
    """Cơ quan, đơn vị, tổ chức: a public body, public unit, state enterprise or employer,
    attached to a commune or (when ``commune`` is empty) to the province."""

    class Kind(models.TextChoices):
        STATE_AGENCY = "co_quan_nha_nuoc", "Cơ quan nhà nước"
        PUBLIC_UNIT = "don_vi_su_nghiep", "Đơn vị sự nghiệp công lập"
        STATE_ENTERPRISE = "doanh_nghiep_nha_nuoc", "Doanh nghiệp nhà nước"
        EMPLOYER = "to_chuc_su_dung_lao_dong", "Tổ chức có sử dụng lao động"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="agencies")
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="agencies"
    )
    staff_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="agency_unique_in_commune"),
            models.UniqueConstraint(
                fields=["province", "name"],
                condition=Q(commune__isnull=True),
                name="agency_unique_in_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name
