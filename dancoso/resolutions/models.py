"""People's Council resolutions on the measures ensuring grassroots democracy, as data.

A resolution (nghị quyết) is issued by a provincial or commune People's Council (Law 10/2022
Art. 85–86) for its province or commune; it sets targets (mục tiêu) and measure groups with
items (nhóm giải pháp, biện pháp). The People's Committee adopts a yearly implementation plan
(kế hoạch) whose tasks come from the measure items.

History: a target's terms (text, threshold, indicator …) can change after its plan started.
``Target`` holds the terms in force since ``terms_since``; every earlier version is an
append-only ``TargetRevision`` row with the dates it was in force. "What was target T1 on
1 March?" is then one indexed read, the current terms stay a plain row the dashboard joins,
and nothing that was reported against an old threshold is ever re-judged by a new one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Agency, Commune, Province, Village

PERCENT = {"max_digits": 5, "decimal_places": 1}


class Level(models.TextChoices):
    PROVINCE = "province", "Tỉnh"
    COMMUNE = "commune", "Xã, phường, đặc khu"


class Reporter(models.TextChoices):
    """Who enters a hand-reported figure of a target."""

    AGENCY = "agency", "Cơ quan, đơn vị"
    COMMUNE = "commune", "Ủy ban nhân dân xã"
    VILLAGE = "village", "Thôn, tổ dân phố"
    PROVINCE = "province", "Cấp tỉnh"


class ResolutionQuerySet(models.QuerySet):
    def in_province(self, province):
        """Resolutions of the province and of its communes."""
        return self.filter(Q(province=province) | Q(commune__province=province))


class Resolution(TimeStampedModel):
    """Nghị quyết của Hội đồng nhân dân quy định các biện pháp bảo đảm thực hiện dân chủ ở cơ
    sở. Exactly one of ``province`` / ``commune`` is its scope."""

    number = models.CharField(max_length=60)
    title = models.CharField(max_length=500)
    issued_on = models.DateField()
    council_level = models.CharField(max_length=10, choices=Level.choices)
    council_name = models.CharField(max_length=200)
    council_term = models.CharField(max_length=120, blank=True)
    council_session = models.CharField(max_length=120, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="resolutions"
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="resolutions"
    )
    effective_from = models.DateField()
    effective_until = models.DateField(null=True, blank=True)
    implementer = models.CharField(max_length=200)
    supervisors = models.JSONField(default=list, blank=True)
    reporting = models.TextField(blank=True)
    source = models.TextField(blank=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(province__isnull=False) & Q(commune__isnull=True))
                | (Q(province__isnull=True) & Q(commune__isnull=False)),
                name="resolution_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
                name="resolution_valid_dates",
            ),
            models.UniqueConstraint(
                fields=["province", "number"],
                condition=Q(commune__isnull=True),
                name="resolution_number_in_province",
            ),
            models.UniqueConstraint(
                fields=["commune", "number"],
                condition=Q(province__isnull=True),
                name="resolution_number_in_commune",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def scope(self):
        """The province or commune where the resolution applies."""
        return self.commune or self.province

    @property
    def scope_level(self) -> str:
        return Level.COMMUNE if self.commune_id else Level.PROVINCE

    @property
    def audit_commune_code(self) -> int | None:
        """The audit chain: the commune's for a commune resolution, global for a province's."""
        return self.commune.code if self.commune_id else None


class Target(TimeStampedModel):
    """Mục tiêu: one target of a resolution, with the terms in force since ``terms_since``.
    Bound to exactly one source: a registered indicator code, or a hand-entered figure
    (``manual_reporter``)."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(max_length=30)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    source = models.CharField(max_length=200)
    threshold = models.DecimalField(**PERCENT)
    amber_from = models.DecimalField(null=True, blank=True, **PERCENT)
    due = models.DateField(null=True, blank=True)
    indicator = models.CharField(max_length=100, blank=True)
    manual_reporter = models.CharField(max_length=10, choices=Reporter.choices, blank=True)
    terms_since = models.DateField()

    class Meta:
        ordering = ["resolution", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "code"], name="target_unique_code"),
            models.CheckConstraint(
                condition=(~Q(indicator="") & Q(manual_reporter=""))
                | (Q(indicator="") & ~Q(manual_reporter="")),
                name="target_one_source",
            ),
            models.CheckConstraint(
                condition=Q(threshold__gte=0) & Q(threshold__lte=100), name="target_threshold"
            ),
            models.CheckConstraint(
                condition=Q(amber_from__isnull=True)
                | (Q(amber_from__gte=0) & Q(amber_from__lt=models.F("threshold"))),
                name="target_amber_below_threshold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution.number} {self.code}"

    @property
    def is_manual(self) -> bool:
        return bool(self.manual_reporter)


class TargetRevision(models.Model):
    """The terms a target had from ``valid_from`` to ``valid_until`` (inclusive), kept when a
    change after the plan started replaced them. Append-only: written once, never edited."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="revisions")
    valid_from = models.DateField()
    valid_until = models.DateField()
    terms = models.JSONField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target", "valid_from"]
        indexes = [models.Index(fields=["target", "valid_from"], name="target_revision_from")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="revision_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.valid_from} – {self.valid_until}"


class MeasureGroup(TimeStampedModel):
    """Nhóm giải pháp / biện pháp, in the resolution's order."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(max_length=30)
    position = models.PositiveIntegerField(default=0)
    title = models.TextField()
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["resolution", "position"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "code"], name="measure_unique_code"),
        ]


class MeasureItem(TimeStampedModel):
    """Biện pháp cụ thể: one item of a measure group, and the targets it serves."""

    group = models.ForeignKey(MeasureGroup, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=30)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    source = models.CharField(max_length=200)
    targets = models.ManyToManyField(Target, blank=True, related_name="measure_items")

    class Meta:
        ordering = ["group", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "code"], name="measure_item_unique_code"),
        ]


def evidence_path(instance, filename: str) -> str:
    # The name is made by the server (files.checked_evidence); never the uploader's.
    return f"resolutions/{instance.__class__.__name__.lower()}/{filename}"


class ManualFigure(TimeStampedModel):
    """Số liệu báo cáo: a figure a unit reports by hand for a target with no indicator —
    numerator ÷ denominator for one unit and one period, with its evidence. Shown as
    "báo cáo, không tính tự động"; ``audited_by`` marks that an officer checked the evidence."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="manual_figures")
    unit_level = models.CharField(max_length=10, choices=Reporter.choices)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, null=True, blank=True)
    village = models.ForeignKey(Village, on_delete=models.PROTECT, null=True, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    evidence = models.FileField(upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["target", "-period_end"]
        indexes = [models.Index(fields=["target", "period_end"], name="manual_figure_period")]
        constraints = [
            models.CheckConstraint(
                condition=Q(numerator__lte=models.F("denominator")), name="figure_num_le_den"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="figure_period"
            ),
        ]


class Plan(TimeStampedModel):
    """Kế hoạch thực hiện: the People's Committee's plan for one year of a resolution. Once a
    plan exists for a year, a change of a target's terms keeps the old terms as a revision."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveIntegerField()
    number = models.CharField(max_length=60)
    adopted_on = models.DateField()

    class Meta:
        ordering = ["resolution", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "year"], name="plan_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.year})"


class TaskStatus(models.TextChoices):
    TODO = "todo", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"


class Task(TimeStampedModel):
    """Nhiệm vụ: one task of a plan, derived from a measure item, assigned to one village or
    one agency, with a deadline."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    measure_item = models.ForeignKey(
        MeasureItem, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    title = models.TextField()
    village = models.ForeignKey(Village, on_delete=models.PROTECT, null=True, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    deadline = models.DateField()
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default=TaskStatus.TODO)
    done_on = models.DateField(null=True, blank=True)
    overdue_notified_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="task_status_deadline")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(village__isnull=False) & Q(agency__isnull=True))
                | (Q(village__isnull=True) & Q(agency__isnull=False)),
                name="task_one_assignee",
            ),
        ]

    @property
    def assignee(self):
        return self.village or self.agency


class TaskUpdate(models.Model):
    """A progress note on a task, by its assignee or an officer, with optional evidence.
    Append-only: the history of a task is the list of its updates."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=TaskStatus.choices)
    note = models.TextField()
    evidence = models.FileField(upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["task", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.status}"


class Snapshot(models.Model):
    """The dashboard of a resolution for one year, precomputed by a task: ``data`` holds every
    target's figures per unit and per quarter; ``computed_at`` is printed on the page. Values
    computed before ``computed_at`` are never shown as later than that."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="snapshots")
    year = models.PositiveIntegerField()
    computed_at = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resolution", "year"], name="snapshot_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.resolution_id} {self.year} @ {self.computed_at:%Y-%m-%d %H:%M}"


class ReportJob(TimeStampedModel):
    """The annual report of the People's Committee to the People's Council on a resolution,
    generated in the background: its progress (units done of total) and the three files."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang tạo"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Lỗi"

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveIntegerField()
    number = models.CharField(max_length=60)
    signer = models.CharField(max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    docx = models.FileField(upload_to="resolutions/reports/", blank=True)
    pdf = models.FileField(upload_to="resolutions/reports/", blank=True)
    xlsx = models.FileField(upload_to="resolutions/reports/", blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} ({self.year})"

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0
