"""The people's inspection and supervision boards (Law 10/2022 Art. 36–45, 60–63) and their
work: projects, plans with activities, recommendations and their answers."""

from django.conf import settings
from django.db import models

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Agency, Commune, Village

from .law import END_REASON_LABELS, BoardKind, Seat


class Project(TimeStampedModel):
    """An investment project in a commune that a community supervision board watches
    (Art. 41(1)): public investment, PPP, or funded by the people's contributions."""

    class Funding(models.TextChoices):
        STATE = "state", "Ngân sách nhà nước"
        PPP = "ppp", "Đối tác công tư (PPP)"
        PEOPLE = "people", "Nhân dân đóng góp"
        SPONSOR = "sponsor", "Tài trợ trực tiếp cho xã"
        OTHER = "other", "Nguồn khác"

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("Tên dự án", max_length=300)
    investor = models.CharField("Chủ đầu tư", max_length=300)
    contractor = models.CharField("Nhà thầu", max_length=300, blank=True)
    funding = models.JSONField("Nguồn vốn", default=list)
    budget = models.PositiveBigIntegerField("Tổng mức đầu tư (đồng)")
    people_contribution = models.PositiveBigIntegerField("Nhân dân đóng góp (đồng)", default=0)
    location = models.CharField("Địa điểm", max_length=300, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name="Quyết định của cộng đồng về đóng góp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField("Khởi công")
    ends_on = models.DateField("Hoàn thành (dự kiến)")

    class Meta:
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.name


class Board(TimeStampedModel):
    """A board: the commune's People's Inspection Board (one per commune, Art. 36), a project's
    Community Investment Supervision Board (Art. 41) or an agency's board (Art. 60)."""

    kind = models.CharField(max_length=24, choices=[(k.value, k.value) for k in BoardKind])
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT)
    project = models.OneToOneField(Project, null=True, blank=True, on_delete=models.PROTECT)
    name = models.CharField(max_length=300)
    term_start = models.DateField("Bắt đầu nhiệm kỳ")
    term_end = models.DateField("Kết thúc nhiệm kỳ")
    dissolved_on = models.DateField(null=True, blank=True)
    recognised_on = models.DateField("Ngày Ủy ban MTTQ xã công nhận", null=True, blank=True)
    recognition_document = models.CharField("Văn bản công nhận", max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune"],
                condition=models.Q(kind="commune_inspection", dissolved_on__isnull=True),
                name="oversight_one_inspection_board_per_commune",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gt=models.F("term_start")),
                name="oversight_board_term_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_code(self) -> int:
        return self.commune.code


class Membership(TimeStampedModel):
    """A seat held by one person from ``starts_on`` to ``ends_on`` (open while ``None``), with
    the document that recognised it (Art. 36, 40(2)(b), D59 Art. 13)."""

    class Role(models.TextChoices):
        HEAD = "head", "Trưởng ban"
        DEPUTY = "deputy", "Phó Trưởng ban"
        MEMBER = "member", "Ủy viên"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    full_name = models.CharField("Họ và tên", max_length=120)
    village = models.ForeignKey(Village, null=True, blank=True, on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField("Từ ngày")
    ends_on = models.DateField("Đến ngày", null=True, blank=True)
    recognised_by = models.CharField("Văn bản công nhận", max_length=200)
    seat = models.CharField(
        "Đại diện cho",
        max_length=16,
        choices=[
            (Seat.RESIDENT.value, "Nhân dân"),
            (Seat.FRONT.value, "Ủy ban MTTQ xã"),
            (Seat.INSPECTION_BOARD.value, "Ban Thanh tra nhân dân"),
        ],
        default=Seat.RESIDENT.value,
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name="Cuộc bầu của cộng đồng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    end_reason = models.CharField(
        "Lý do thôi",
        max_length=16,
        blank=True,
        choices=[(k.value, v) for k, v in END_REASON_LABELS.items()],
    )
    end_document = models.CharField("Văn bản cho thôi", max_length=200, blank=True)

    class Meta:
        ordering = ["role", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(decision__isnull=False),
                name="oversight_one_seat_per_election",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class Plan(TimeStampedModel):
    """A board's plan for a quarter, six months, a year or its term (Art. 39, D59 Art. 14)."""

    class Period(models.TextChoices):
        QUARTER = "quarter", "Quý"
        HALF = "half", "6 tháng"
        YEAR = "year", "Năm"
        TERM = "term", "Nhiệm kỳ"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="plans")
    period = models.CharField(max_length=8, choices=Period.choices)
    title = models.CharField("Tên kế hoạch", max_length=300)
    starts_on = models.DateField("Từ ngày")
    ends_on = models.DateField("Đến ngày")
    approved_on = models.DateField("Ngày thông qua", null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Activity(TimeStampedModel):
    """One supervision or inspection in a plan: what, when, by whom, how."""

    class Subject(models.TextChoices):
        POLICY = "policy", "Thực hiện chính sách, pháp luật"
        DISCLOSURE = "disclosure", "Thực hiện công khai thông tin"
        CASES = "cases", "Giải quyết khiếu nại, tố cáo, kiến nghị"
        DECISIONS = "decisions", "Thực hiện nội dung Nhân dân bàn và quyết định"
        PROJECT = "project", "Thực hiện dự án đầu tư"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    subject = models.CharField("Nội dung", max_length=12, choices=Subject.choices)
    title = models.CharField("Tên hoạt động", max_length=300)
    method = models.CharField("Phương pháp", max_length=300)
    starts_on = models.DateField("Từ ngày")
    ends_on = models.DateField("Đến ngày")
    announced_on = models.DateField("Ngày thông báo kiểm tra", null=True, blank=True)
    members = models.ManyToManyField(Membership, related_name="activities")
    held_on = models.DateField("Ngày thực hiện", null=True, blank=True)
    checked = models.TextField("Nội dung đã kiểm tra, giám sát", max_length=5000, blank=True)
    findings = models.TextField("Kết quả, phát hiện", max_length=10000, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Evidence(models.Model):
    """A photo, document or scanned signed minutes kept as evidence of an activity: real type
    checked by magic bytes, stored under a server-made name, photos re-encoded without their
    metadata (``feedback.files``)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="oversight/%Y/%m/")
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"evidence {self.pk} of activity {self.activity_id}"


class Recommendation(TimeStampedModel):
    """A recommendation (kiến nghị) of a board to a competent body, answered within the legal
    time (Art. 40(1)(c), 45(2), 63); escalated to the commune leader when overdue."""

    class Addressee(models.TextChoices):
        COMMUNE_COMMITTEE = "commune_committee", "Ủy ban nhân dân xã"
        UNIT_HEAD = "unit_head", "Thủ trưởng cơ quan, đơn vị"
        INVESTOR = "investor", "Chủ đầu tư"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="recommendations")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations"
    )
    addressee = models.CharField("Gửi tới", max_length=20, choices=Addressee.choices)
    content = models.TextField("Nội dung kiến nghị", max_length=5000)
    received_on = models.DateField("Ngày cơ quan nhận")
    due_on = models.DateField("Hạn trả lời")
    answer = models.TextField("Trả lời", max_length=5000, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    resolved = models.BooleanField("Đã giải quyết xong?", null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["commune", "answered_on", "due_on"]),
            # The overdue lists (a commune's, a province's): unanswered rows in due order, with
            # the commune so PostgreSQL counts a province's from the index alone.
            models.Index(
                fields=["due_on", "id"],
                include=["commune"],
                condition=models.Q(answered_on__isnull=True),
                name="oversight_rec_unanswered",
            ),
        ]

    def __str__(self) -> str:
        return f"Kiến nghị #{self.pk}"

    def overdue_on(self, day) -> bool:
        return self.answered_on is None and day > self.due_on


class Tip(TimeStampedModel):
    """Information a resident sends a board from the portal (Art. 34, 38): owned by the board,
    answered by it, followed by the sender with an unguessable tracking code. The sender's name
    and contact are read only by the board's workspace; an anonymous tip has none."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="tips")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    tracking_code = models.CharField(max_length=16, unique=True)
    content = models.TextField("Nội dung", max_length=5000)
    anonymous = models.BooleanField("Gửi không ghi tên", default=False)
    full_name = models.CharField("Họ và tên", max_length=120, blank=True)
    contact = models.CharField("Số điện thoại hoặc thư điện tử", max_length=254, blank=True)
    answer = models.TextField("Trả lời của Ban", max_length=5000, blank=True)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["board", "answered_on"])]

    def __str__(self) -> str:
        return self.tracking_code  # never the sender
