"""Citizens' cases (phản ánh, kiến nghị, khiếu nại, tố cáo, góp ý), their files, steps and
alerts, and the one-stop desks rated by QR code.

The sender's identity lives in its own table (``CaseSender``), never on ``Case``: lists, the
admin and exports never load it, and for a denunciation only ``secrecy.sender_for`` reads it
(Law 25/2018/QH14 Art. 8(3), 9(1)(b), 47(2)).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Agency, Commune, Village

from .law import KINDS, Kind


class CaseQuerySet(models.QuerySet):
    def in_commune(self, commune):
        return self.filter(commune=commune)


class Case(TimeStampedModel):
    """Hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo, góp ý: one submission from a resident,
    from intake to answer and rating. Its public tracking code is the only key a sender
    without an account holds; the status page shows no personal data."""

    class Kinds(models.TextChoices):
        REPORT = Kind.REPORT.value, KINDS[Kind.REPORT].label
        PROPOSAL = Kind.PROPOSAL.value, KINDS[Kind.PROPOSAL].label
        COMPLAINT = Kind.COMPLAINT.value, KINDS[Kind.COMPLAINT].label
        DENUNCIATION = Kind.DENUNCIATION.value, KINDS[Kind.DENUNCIATION].label
        SUGGESTION = Kind.SUGGESTION.value, KINDS[Kind.SUGGESTION].label

    class Channel(models.TextChoices):
        PORTAL = "portal", "Cổng thông tin"
        PHONE = "phone", "Điện thoại"
        RECEPTION = "reception", "Tiếp công dân trực tiếp"
        EMAIL = "email", "Thư điện tử"
        LETTER = "letter", "Đơn thư gửi qua bưu điện"

    class Status(models.TextChoices):
        RECEIVED = "received", "Đã tiếp nhận, chờ phân loại"
        ACCEPTED = "accepted", "Đang giải quyết"
        NEEDS_INFO = "needs_info", "Chờ người gửi bổ sung thông tin"
        TRANSFERRED = "transferred", "Đã chuyển cơ quan có thẩm quyền"
        REFUSED = "refused", "Không thụ lý"
        ANSWERED = "answered", "Đã trả lời"
        CLOSED = "closed", "Đã kết thúc"
        MERGED = "merged", "Đã gộp vào hồ sơ trùng"
        INSPECTION_LEAD = "inspection_lead", "Chuyển thành nguồn tin thanh tra, kiểm tra"

    tracking_code = models.CharField(max_length=16, unique=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="cases")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    kind = models.CharField(max_length=12, choices=Kinds.choices)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.PORTAL)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    subject = models.CharField("tiêu đề", max_length=200)
    description = models.TextField("nội dung", max_length=5000)
    village = models.ForeignKey(Village, null=True, blank=True, on_delete=models.PROTECT)
    place_text = models.CharField("địa điểm", max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    anonymous = models.BooleanField(default=False)
    is_complex = models.BooleanField(default=False)
    especially_complex = models.BooleanField(default=False)
    is_remote = models.BooleanField(default=False)
    several_places = models.BooleanField(default=False)
    extensions = models.PositiveSmallIntegerField(default=0)
    received_on = models.DateField()
    learned_on = models.DateField(null=True, blank=True)  # complaint: when the act was known
    accepted_on = models.DateField(null=True, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    next_due = models.DateField(null=True, blank=True)  # earliest open deadline (inbox order)
    on_time = models.BooleanField(null=True, blank=True)  # set when answered or closed
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    transferred_to = models.CharField(max_length=200, blank=True)
    answer = models.TextField(max_length=10000, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)
    public_answer = models.TextField(max_length=10000, blank=True)
    satisfied = models.BooleanField(null=True, blank=True)
    rating_reason = models.CharField(max_length=500, blank=True)
    review_requested = models.BooleanField(default=False)
    intake_note = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=250, null=True, blank=True, unique=True)  # e-mail
    session = models.ForeignKey(
        "ReceptionSession", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    # Khiếu nại lần hai / tố cáo tiếp: the case it follows (one follow-up per case, a database
    # constraint), at level 2 (Law 02/2011 Art. 33, 37; Law 25/2018 Art. 37).
    follows = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_up"
    )
    level = models.PositiveSmallIntegerField(default=1)
    not_competent = models.BooleanField(default=False)  # denunciation to forward (Art. 24(3))
    transferred_on = models.DateField(null=True, blank=True)
    # A second-level case received on paper whose first decision is not on the platform: the
    # decision's number and date as written, and the day the complainant received it (or the
    # day the first-level limit lapsed) — where the Art. 33 window starts.
    first_decision = models.CharField("quyết định giải quyết lần đầu", max_length=200, blank=True)
    first_decision_on = models.DateField(null=True, blank=True)
    # Sent to the upper level (``routing_law``): why, and when.
    route_reason = models.CharField(max_length=30, blank=True)
    routed_on = models.DateField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["commune", "status", "-received_on"], name="case_inbox"),
            models.Index(fields=["commune", "next_due"], name="case_inbox_due"),
            models.Index(fields=["agency", "status"], name="case_agency_inbox"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(extensions__lte=2), name="case_at_most_2_ext"),
            models.CheckConstraint(
                condition=Q(level=1, follows__isnull=True, first_decision="")
                | Q(level=2, follows__isnull=False)
                | (Q(level=2, follows__isnull=True) & ~Q(first_decision="")),
                name="case_level_follows",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("pk")) | Q(duplicate_of__isnull=True),
                name="case_not_own_duplicate",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code  # never the sender

    @property
    def kind_enum(self) -> Kind:
        return Kind(self.kind)

    @property
    def complaint_in_time(self) -> bool | None:
        """For a complaint with the day its sender learned of the act: filed within 90 days
        (Law 02/2011 Art. 9)? None when it does not apply."""
        if self.kind != Kind.COMPLAINT or self.learned_on is None:
            return None
        from .law import complaint_within_time

        return complaint_within_time(self.learned_on, self.received_on)

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.DENUNCIATION and not self.anonymous


class CaseSender(models.Model):
    """Người gửi: who sent a case and how to reach them. Read it only through
    ``secrecy.sender_for`` — for a denunciation, only the handling officer and their leader
    may, and every read is logged (Law 25/2018/QH14 Art. 9(1)(b))."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="sender"
    )
    full_name = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=15, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"sender of case {self.case_id}"


class CaseStep(models.Model):
    """One step of a case's history: a status change, a question to the sender, their reply,
    an internal note. ``public`` steps show on the status page (never personal data)."""

    class Type(models.TextChoices):
        STATUS = "status", "Chuyển trạng thái"
        TO_SENDER = "to_sender", "Gửi người gửi"
        FROM_SENDER = "from_sender", "Người gửi bổ sung"
        NOTE = "note", "Ghi chú nội bộ"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(auto_now_add=True)
    type = models.CharField(max_length=12, choices=Type.choices)
    status = models.CharField(max_length=16, choices=Case.Status.choices, blank=True)
    text = models.TextField(max_length=5000, blank=True)
    public = models.BooleanField(default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"step {self.pk} of case {self.case_id}"


class Attachment(models.Model):
    """A photo or file sent with a case, checked for its real type and size, stored under a
    server-made name, photos stripped of metadata (EXIF location only kept on request)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="feedback/%Y/%m/")
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"attachment {self.pk} of case {self.case_id}"


class CaseAlert(models.Model):
    """A reminder (before a deadline lapses) or an escalation (after) sent for one deadline
    of one case; the unique constraint makes the periodic task send each once."""

    class Stage(models.TextChoices):
        REMINDER = "reminder", "Nhắc hạn"
        ESCALATION = "escalation", "Báo lãnh đạo: quá hạn"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alerts")
    deadline = models.CharField(max_length=50)
    due = models.DateField()
    stage = models.CharField(max_length=12, choices=Stage.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "deadline", "due", "stage"], name="alert_once_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} {self.deadline} of case {self.case_id}"


class Desk(TimeStampedModel):
    """Quầy tiếp nhận ở bộ phận một cửa: a desk (and the officer at it) whose printed QR code
    opens the rating page. ``token`` is the unguessable key in the QR's URL."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="desks")
    name = models.CharField("tên quầy", max_length=120)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    token = models.CharField(max_length=32, unique=True)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class DeskRating(models.Model):
    """Đánh giá qua mã QR: one rating of the reception and of the procedure handled at a desk,
    one per visit code (the receipt number) — a database constraint, not a check."""

    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="ratings")
    visit_code = models.CharField(max_length=30)
    reception_score = models.PositiveSmallIntegerField()
    procedure_score = models.PositiveSmallIntegerField()
    comment = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["desk", "visit_code"], name="one_rating_per_visit"),
            models.CheckConstraint(
                condition=Q(reception_score__gte=1, reception_score__lte=5)
                & Q(procedure_score__gte=1, procedure_score__lte=5),
                name="rating_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"rating {self.pk} at desk {self.desk_id}"

    @property
    def satisfied(self) -> bool:
        return min(self.reception_score, self.procedure_score) >= 4


class ReceptionSession(TimeStampedModel):
    """Buổi tiếp công dân or đối thoại giữa lãnh đạo và Nhân dân: scheduled and published in
    advance, then its record — who came, what was raised, what was promised — with follow-up
    cases opened from it (Law 42/2013 Art. 15; Law 10/2022 Art. 35)."""

    class Kind(models.TextChoices):
        RECEPTION = "reception", "Tiếp công dân"
        DIALOGUE = "dialogue", "Đối thoại giữa lãnh đạo và Nhân dân"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Đã lên lịch"
        HELD = "held", "Đã tổ chức"
        CANCELLED = "cancelled", "Đã hủy"

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RECEPTION)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    title = models.CharField("chủ đề", max_length=200)
    starts_at = models.DateTimeField("thời gian")
    place = models.CharField("địa điểm", max_length=200)
    host = models.CharField("người chủ trì", max_length=150)
    chaired_by_chair = models.BooleanField("Chủ tịch UBND xã chủ trì", default=True)
    agenda = models.TextField("nội dung", max_length=5000, blank=True)
    published = models.BooleanField(default=False)
    attendance = models.PositiveIntegerField(default=0)
    summary = models.TextField("tóm tắt", max_length=10000, blank=True)

    class Meta:
        indexes = [models.Index(fields=["commune", "-starts_at"], name="session_commune_time")]

    def __str__(self) -> str:
        return self.title


class SessionAttendee(models.Model):
    """Người đến dự: who came to a session (officers see the list, the public the count)."""

    session = models.ForeignKey(
        ReceptionSession, on_delete=models.CASCADE, related_name="attendees"
    )
    full_name = models.CharField(max_length=150)
    village = models.ForeignKey(Village, null=True, blank=True, on_delete=models.PROTECT)
    represents = models.PositiveIntegerField(default=1)  # a group's representative counts many

    def __str__(self) -> str:
        return f"attendee {self.pk} of session {self.session_id}"


class SessionItem(models.Model):
    """One matter raised at a session and what was promised, by whom and by when; a follow-up
    case may be opened from it."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="items")
    raised = models.TextField("ý kiến nêu ra", max_length=5000)
    promised = models.TextField("trả lời, cam kết", max_length=5000, blank=True)
    responsible = models.CharField("người, đơn vị thực hiện", max_length=200, blank=True)
    due_on = models.DateField("hạn thực hiện", null=True, blank=True)
    case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="session_item"
    )

    def __str__(self) -> str:
        return f"item {self.pk} of session {self.session_id}"


class UpperBody(TimeStampedModel):
    """Cơ quan cấp trên trực tiếp: the body of the province that receives the cases a commune
    may not keep — second complaints, follow-up denunciations, denunciations outside its
    competence (``routing_law``). Since 01/07/2025 the level above a commune is the province;
    which of its bodies that is, the province decides (data, not code)."""

    province = models.OneToOneField(
        "places.Province", on_delete=models.PROTECT, related_name="feedback_upper_body"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.agency.name


from .survey_models import Question, Survey, SurveyResponse  # noqa: E402,F401
