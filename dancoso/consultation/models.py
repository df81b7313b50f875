"""Consultations (lấy ý kiến Nhân dân / cán bộ, công chức, viên chức — Law 10/2022 Art. 25–28,
53–55): the draft divided into sections, opinions and their supports, the groups in which
opinions are answered, attachments and followers."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Agency, Commune, Province, Village

from . import law
from .lifecycle import STATE_LABELS, State

SUBJECT_CHOICES = [(s.code, f"{s.article}: {s.label}") for s in law.SUBJECTS.values()]
FORM_CHOICES = [(f.value, label) for f, (label, _) in law.FORM_LABELS.items()]


class ConsultationQuerySet(models.QuerySet):
    """Visibility of consultations as chainable methods."""

    def public(self):
        """Published commune consultations anyone may read (agency ones stay internal)."""
        return self.filter(agency__isnull=True).exclude(state=State.DRAFT)

    def in_commune(self, commune):
        return self.filter(commune=commune)


class Consultation(TimeStampedModel):
    """Một đợt lấy ý kiến: a draft put to the residents of a commune or some of its villages
    (Art. 25), or to the staff of an agency (Art. 53), for a period (Art. 28(2))."""

    class Audience(models.TextChoices):
        RESIDENTS = "residents", "Người dân trên địa bàn"
        HOUSEHOLDS = "households", "Đại diện hộ gia đình"
        STAFF = "staff", "Cán bộ, công chức, viên chức, người lao động của cơ quan"
        EVERYONE = "everyone", "Mọi người (đã đăng nhập)"

    class Status(models.TextChoices):
        DRAFT = State.DRAFT, STATE_LABELS[State.DRAFT]
        OPEN = State.OPEN, STATE_LABELS[State.OPEN]
        CLOSED = State.CLOSED, STATE_LABELS[State.CLOSED]
        SYNTHESISED = State.SYNTHESISED, STATE_LABELS[State.SYNTHESISED]
        PUBLISHED = State.PUBLISHED, STATE_LABELS[State.PUBLISHED]

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="consultations"
    )
    villages = models.ManyToManyField(Village, blank=True, related_name="consultations")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="consultations"
    )
    title = models.CharField(max_length=250)
    summary = models.TextField(max_length=5000, blank=True)
    subject = models.CharField(max_length=30, choices=SUBJECT_CHOICES)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    forms = models.JSONField(default=list)
    opens_on = models.DateField()
    closes_on = models.DateField()
    published_on = models.DateField(null=True, blank=True)
    allow_anonymous = models.BooleanField(default=False)
    # Art. 28(1): the consultation plan is sent to the commune People's Council and Front.
    plan_sent_on = models.DateField(null=True, blank=True)
    # False where another text governs the consultation (a village convention, Decree 61 Art. 9).
    plan_required = models.BooleanField(default=True)
    state = models.CharField(max_length=20, choices=Status.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    synthesis_text = models.TextField(max_length=20000, blank=True)
    majority_reason = models.TextField(max_length=5000, blank=True)
    synthesis_published_at = models.DateTimeField(null=True, blank=True)
    # Tallies kept by the opinion services under the consultation's row lock, so that a page
    # of a consultation with 50,000 opinions reads its counts instead of counting them.
    opinions_total = models.PositiveIntegerField(default=0)
    opinions_visible = models.PositiveIntegerField(default=0)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["commune", "state", "-opens_on"], name="consult_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False) | Q(agency__isnull=False),
                name="consultation_has_place",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="consultation_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope(self) -> str:
        """ "agency" for a staff consultation (Art. 53), else "commune" (Art. 25)."""
        return "agency" if self.agency_id else "commune"

    @property
    def subject_info(self) -> law.Subject:
        return law.SUBJECTS[self.subject]

    @property
    def audit_code(self) -> int | None:
        return self.commune.code if self.commune_id else None


class Section(TimeStampedModel):
    """Một phần (chương, điều, mục) of the draft; ``revised_body`` holds the text after the
    opinions were taken in (empty while unchanged)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField()
    heading = models.CharField(max_length=300)
    body = models.TextField(max_length=100_000, blank=True)
    revised_body = models.TextField(max_length=100_000, blank=True)
    is_revised = models.BooleanField(default=False)
    # Opinions on this section, all and not hidden (kept by the services, see Consultation).
    opinions_total = models.PositiveIntegerField(default=0)
    opinions_visible = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "position"], name="section_position")
        ]

    def __str__(self) -> str:
        return self.heading


class OpinionGroup(TimeStampedModel):
    """Nhóm ý kiến: like opinions answered together — tiếp thu, tiếp thu một phần, không tiếp
    thu với giải trình (Art. 28(3), Art. 55)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField(max_length=250)
    verdict = models.CharField(
        max_length=20, choices=[(v.value, lbl) for v, lbl in law.VERDICT_LABELS.items()]
    )
    answer = models.TextField(max_length=10_000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.title


class Opinion(TimeStampedModel):
    """Một ý kiến: typed on the portal by a resident or staff member, or entered by an officer
    from a meeting, a paper form or the suggestion box, attributed to a person or group.
    Hidden by moderation with a visible reason, never deleted."""

    class Source(models.TextChoices):
        PORTAL = "portal", "Cổng thông tin"
        MEETING = "meeting", "Biên bản hội nghị, cuộc họp"
        PAPER = "paper", "Phiếu lấy ý kiến"
        BOX = "box", "Hòm thư góp ý"
        HOTLINE = "hotline", "Đường dây nóng"
        FRONT = "front", "Qua Mặt trận, các đoàn thể"
        DIALOGUE = "dialogue", "Hội nghị đối thoại"

    class Stance(models.TextChoices):
        AGREE = "agree", "Đồng tình"
        DISAGREE = "disagree", "Không đồng tình"
        OTHER = "other", "Góp ý khác"

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="opinions"
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_opinions",
    )
    author_label = models.CharField(max_length=200, blank=True)
    is_anonymous = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.PORTAL)
    stance = models.CharField(max_length=20, choices=Stance.choices, default=Stance.OTHER)
    text = models.TextField(max_length=20_000)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        OpinionGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="opinions"
    )
    hidden_reason = models.CharField(max_length=300, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="opinion_number")
        ]
        indexes = [
            # One section's opinions in number order (the draft page, keyset pagination).
            models.Index(fields=["consultation", "section", "number"], name="opinion_section"),
            # The synthesis report's pages: group by group, by number within a group.
            models.Index(fields=["consultation", "group", "number"], name="opinion_synthesis"),
        ]

    def __str__(self) -> str:
        return f"#{self.number}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def shown_author(self) -> str:
        """The name shown publicly: "Ẩn danh" for an anonymous comment."""
        if self.is_anonymous:
            return "Ẩn danh"
        if self.author_label:
            return self.author_label
        return str(self.author) if self.author_id else "—"


class Support(TimeStampedModel):
    """Ủng hộ một ý kiến: one per person per opinion (a database constraint, SECURITY.md 2)."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opinion", "user"], name="support_once_per_person")
        ]


class Follow(TimeStampedModel):
    """Theo dõi: a person who wants to hear when the consultation's result is published."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="followers"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "user"], name="follow_once_per_person")
        ]


class Attachment(TimeStampedModel):
    """Tài liệu kèm theo (PDF, DOCX, XLSX, PNG, JPEG), checked by size and magic bytes, stored
    under a server-made name and served only as a download."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="consultation/%Y/%m/")
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.original_name


class SynthesisExport(TimeStampedModel):
    """Một lần xuất báo cáo tổng hợp (DOCX or PDF) in the background: a consultation with
    tens of thousands of opinions takes longer than a page request, so the file is built by a
    task (``tasks.build_synthesis_export``) that commits its progress as it reads the opinions,
    and the page polls it. The file is kept under a server-made name, served as a download to
    whoever may read the synthesis."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        READING = "reading", "Đang đọc ý kiến"
        RENDERING = "rendering", "Đang dựng tệp"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Không thành công"

    class Format(models.TextChoices):
        DOCX = "docx", "Word (.docx)"
        PDF = "pdf", "PDF (.pdf)"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.DOCX)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="consultation/exports/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    error = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "-pk"]
        indexes = [
            models.Index(fields=["consultation", "format", "status"], name="consult_export_latest")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk}.{self.format}"

    @property
    def running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.READING, self.Status.RENDERING}

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, int(self.processed * 100 / self.total))
