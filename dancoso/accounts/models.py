"""People and what they may do: users, role grants over a place, one-time sign-in codes."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Agency, Commune, Province, Village

from .roles import Role


class User(AbstractUser):
    """A person who signs in: officials by username, password and TOTP; residents by phone or
    e-mail and a one-time code (or through the provincial SSO / VNeID)."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    phone = models.CharField("số điện thoại", max_length=15, null=True, blank=True, unique=True)
    email = models.EmailField("thư điện tử", null=True, blank=True, unique=True)
    oidc_subject = models.CharField(max_length=255, null=True, blank=True, unique=True)

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    def save(self, *args, **kwargs) -> None:
        # Empty contact fields are NULL, so the unique constraints allow many accounts without.
        self.email = self.email or None
        self.phone = self.phone or None
        super().save(*args, **kwargs)


class RoleGrantQuerySet(models.QuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class RoleGrant(TimeStampedModel):
    """Vai trò: a role held over exactly one place (province, commune, village) or agency,
    from a start date to an optional end date. Grants over a province cover its communes;
    grants over a commune cover its villages."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(max_length=30, choices=Role.choices)
    province = models.ForeignKey(Province, null=True, blank=True, on_delete=models.PROTECT)
    commune = models.ForeignKey(Commune, null=True, blank=True, on_delete=models.PROTECT)
    village = models.ForeignKey(Village, null=True, blank=True, on_delete=models.PROTECT)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT)
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "role"], name="grant_user_role")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        province__isnull=False,
                        commune__isnull=True,
                        village__isnull=True,
                        agency__isnull=True,
                    )
                    | Q(
                        province__isnull=True,
                        commune__isnull=False,
                        village__isnull=True,
                        agency__isnull=True,
                    )
                    | Q(
                        province__isnull=True,
                        commune__isnull=True,
                        village__isnull=False,
                        agency__isnull=True,
                    )
                    | Q(
                        province__isnull=True,
                        commune__isnull=True,
                        village__isnull=True,
                        agency__isnull=False,
                    )
                ),
                name="grant_exactly_one_place",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="grant_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.place}"

    @property
    def place(self):
        return self.province or self.commune or self.village or self.agency

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu."})


class OneTimeCode(models.Model):
    """Mã đăng nhập một lần: a 6-digit code sent by SMS or e-mail, stored only as a hash,
    valid for a few minutes and for a few attempts."""

    class Channel(models.TextChoices):
        SMS = "sms", "SMS"
        EMAIL = "email", "Thư điện tử"

    channel = models.CharField(max_length=10, choices=Channel.choices)
    destination = models.CharField(max_length=254, db_index=True)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.channel} code #{self.pk}"
