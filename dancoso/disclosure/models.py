"""Disclosures (công khai thông tin, Law 10/2022/QH15 Art. 11–14 and 46–48): what a commune
discloses to its people — for the whole commune or one village — and what an agency discloses
internally to its staff; their attachments, the offline forms recorded as done, the corrections
(each keeping the text it replaced) and the residents who follow new disclosures.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Agency, Commune, Province, Village

from . import law

CATEGORY_CHOICES = [(c.code, f"{c.number}. {c.title}") for c in law.CATEGORIES.values()]
FORM_CHOICES = [(f.value, law.FORM_LABELS[f]) for f in law.Form]


class DisclosureQuerySet(models.QuerySet):
    def public(self):
        """Commune and village disclosures (not agency-internal) that were published."""
        return self.filter(agency__isnull=True)

    def in_commune(self, commune):
        """Those of one commune (its own and its villages')."""
        return self.filter(commune=commune)

    def started(self, on=None):
        """Those whose period has begun (a disclosure scheduled for later is not public yet)."""
        return self.filter(starts_on__lte=on or timezone.localdate())

    def current(self, on=None):
        """Published, not withdrawn, started and not yet ended on ``on`` (today)."""
        on = on or timezone.localdate()
        return self.filter(status=Disclosure.Status.PUBLISHED, starts_on__lte=on).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class Disclosure(TimeStampedModel):
    """Thông tin công khai: one content disclosed under a legal category, for a commune, one of
    its villages, or (internally) an agency. Published all at once by ``publish_disclosure``;
    never deleted — corrected (``DisclosureRevision`` keeps the old text) or withdrawn with a
    public reason."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "Đang công khai"
        WITHDRAWN = "withdrawn", "Đã rút"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    category = models.CharField("nhóm nội dung", max_length=8, choices=CATEGORY_CHOICES)
    title = models.CharField("tiêu đề", max_length=300)
    summary = models.TextField("tóm tắt", max_length=2000, blank=True)
    body_html = models.TextField("nội dung", blank=True)
    search_text = models.TextField(blank=True, editable=False)
    forms = models.JSONField("hình thức công khai", default=list)
    document_date = models.DateField("ngày ban hành văn bản", null=True, blank=True)
    starts_on = models.DateField("ngày bắt đầu công khai")
    ends_on = models.DateField("ngày kết thúc công khai", null=True, blank=True)
    obligation = models.CharField(max_length=40, blank=True)
    obligation_year = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1)
    corrected_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False) | Q(agency__isnull=False),
                name="disclosure_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(village__isnull=True) | Q(agency__isnull=True),
                name="disclosure_village_or_agency",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="disclosure_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status="published") | ~Q(withdrawn_reason=""),
                name="disclosure_withdrawal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "status", "-starts_on"], name="disclosure_commune"),
            # The public register's count and page read only this index (index-only scan): at
            # 500,000 disclosures the count visited one heap page per row (docs/benchmarks.md).
            models.Index(
                fields=["commune", "status", "-starts_on"],
                include=["ends_on", "published_at", "category"],
                condition=Q(agency_id__isnull=True),
                name="disclosure_public",
            ),
            models.Index(fields=["commune", "category", "-starts_on"], name="disclosure_cat"),
            models.Index(fields=["agency", "-starts_on"], name="disclosure_agency"),
            models.Index(
                fields=["commune", "obligation_year", "obligation"], name="disclosure_obl"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def category_info(self) -> law.Category:
        """The legal category (number, title, article) of this disclosure."""
        return law.CATEGORIES[self.category]

    @property
    def is_internal(self) -> bool:
        """Agency disclosures are internal to the agency's staff (Art. 46–48)."""
        return self.agency_id is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN


class DisclosureRevision(models.Model):
    """Đính chính: the text a correction replaced, with when, who and why (shown publicly)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    reason = models.TextField()
    corrected_at = models.DateTimeField(default=timezone.now)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["disclosure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "number"], name="revision_number"),
        ]

    def __str__(self) -> str:
        return f"{self.disclosure_id}#{self.number}"


def _attachment_path(instance, filename: str) -> str:
    return f"disclosure/{filename}"


class Attachment(models.Model):
    """Tệp đính kèm: a PDF, DOCX, XLSX or image of a disclosure, stored privately under a
    server-made name and served as a download with the type found from its bytes."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="attachments")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(max_length=120)
    kind = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["disclosure", "id"]

    def __str__(self) -> str:
        return self.original_name


class FormRecord(models.Model):
    """An offline form carried out (niêm yết, loa truyền thanh, hội nghị thôn …): who did it,
    where, on which day, with an optional photo of the notice board."""

    disclosure = models.ForeignKey(
        Disclosure, on_delete=models.PROTECT, related_name="form_records"
    )
    form = models.CharField(max_length=20, choices=FORM_CHOICES)
    done_by = models.CharField("người thực hiện", max_length=150)
    place = models.CharField("địa điểm", max_length=200)
    done_on = models.DateField("ngày thực hiện")
    photo = models.ForeignKey(Attachment, on_delete=models.PROTECT, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["disclosure", "done_on", "id"]

    def __str__(self) -> str:
        return f"{self.form} {self.done_on}"


class Subscription(TimeStampedModel):
    """Theo dõi: a signed-in person follows a commune (optionally one village or one category)
    and is told when something new is published there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="disclosure_follows"
    )
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(Village, on_delete=models.CASCADE, null=True, blank=True)
    category = models.CharField(max_length=8, choices=CATEGORY_CHOICES, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "commune", "village", "category"],
                name="one_subscription_per_village_target",
            ),
            models.UniqueConstraint(
                fields=["user", "commune", "category"],
                condition=Q(village__isnull=True),
                name="one_subscription_per_commune_target",
            ),
        ]
        indexes = [models.Index(fields=["commune", "village", "category"], name="sub_target")]

    def __str__(self) -> str:
        return f"{self.user_id}→{self.commune_id}/{self.village_id or ''}/{self.category}"


class SearchWord(models.Model):
    """A folded word of the public register (PostgreSQL's search vocabulary, as FTS5's
    ``fts5vocab`` is SQLite's): a term with a typo is matched to the words one letter away that
    exist. Added by the services; never removed (a word no longer used only matches nothing)."""

    word = models.CharField(max_length=100, primary_key=True)

    def __str__(self) -> str:
        return self.word
