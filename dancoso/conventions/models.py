"""Village conventions (hương ước, quy ước — Decree 61/2023/NĐ-CP): the draft prepared by a
drafting team, consulted among the village's households (a ``consultation.Consultation``),
adopted by a household decision, recognised by the commune People's Committee, published and
reviewed every year; suspended or repealed, in part or whole, by the commune (Art. 12, 14)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dancoso.consultation.models import Consultation
from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Village

from . import law


class Convention(TimeStampedModel):
    """Hương ước / quy ước của một thôn, tổ dân phố, from draft to recognition."""

    class State(models.TextChoices):
        DRAFTING = "drafting", "Đang soạn thảo"
        CONSULTING = "consulting", "Đang lấy ý kiến các hộ"
        VOTING = "voting", "Chờ các hộ biểu quyết"
        ADOPTED = "adopted", "Đã được các hộ thông qua"
        NOT_ADOPTED = "not_adopted", "Không được thông qua"
        SUBMITTED = "submitted", "Đã gửi hồ sơ đề nghị công nhận"
        RECOGNISED = "recognised", "Đã được UBND xã công nhận"
        REFUSED = "refused", "UBND xã không công nhận"
        SUSPENDED = "suspended", "Bị đình chỉ thi hành toàn bộ"
        REPEALED = "repealed", "Đã bị bãi bỏ"

    class Method(models.TextChoices):
        MEETING = "meeting", "Cuộc họp cộng đồng dân cư"
        BALLOT = "ballot", "Phát phiếu lấy ý kiến hộ gia đình"

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="conventions")
    kind = models.CharField(max_length=20, choices=list(law.KINDS.items()))
    title = models.CharField(max_length=250)
    drafting_team = models.JSONField(default=list)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFTING)
    consultation = models.OneToOneField(
        Consultation, on_delete=models.PROTECT, null=True, blank=True, related_name="convention"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The adoption (Art. 10), recorded from the household decision.
    vote_method = models.CharField(max_length=10, choices=Method.choices, blank=True)
    voted_on = models.DateField(null=True, blank=True)
    total_households = models.PositiveIntegerField(null=True, blank=True)
    attending = models.PositiveIntegerField(null=True, blank=True)
    agreeing = models.PositiveIntegerField(null=True, blank=True)
    meeting_attending = models.PositiveIntegerField(null=True, blank=True)
    decision_ref = models.CharField(max_length=100, blank=True)
    dossier_due_on = models.DateField(null=True, blank=True)
    # Recognition (Art. 11) and publication (Art. 15, 18).
    submitted_on = models.DateField(null=True, blank=True)
    recognition_due_on = models.DateField(null=True, blank=True)
    recognised_on = models.DateField(null=True, blank=True)
    recognition_number = models.CharField(max_length=60, blank=True)
    refusal_reason = models.TextField(max_length=5000, blank=True)
    return_due_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    text = models.TextField(max_length=200_000, blank=True)

    class Meta:
        ordering = ["village", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreeing__isnull=True) | Q(agreeing__lte=models.F("total_households")),
                name="convention_agreeing_le_total",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def commune(self):
        return self.village.commune

    @property
    def next_review_on(self):
        """The coming yearly review (18 November, Art. 15(2)): today's if it is today."""
        if self.recognised_on is None or self.state == self.State.REPEALED:
            return None
        from datetime import timedelta

        from django.utils import timezone

        return law.next_review(max(self.recognised_on, timezone.localdate() - timedelta(days=1)))


class ConventionMeasure(TimeStampedModel):
    """Quyết định đình chỉ thi hành / bãi bỏ hương ước, quy ước (Decree 61 Art. 12, 14, Forms 04
    and 05): UBND xã's decision on the whole text or some of its parts, with its ground and
    reasons, the complaint or review finding it answers, the legal deadline it had and — for a
    suspension — the deadline to redo or amend the text. Kept as history and shown publicly."""

    class Measure(models.TextChoices):
        SUSPEND = law.SUSPEND, law.MEASURE_LABELS[law.SUSPEND]
        REPEAL = law.REPEAL, law.MEASURE_LABELS[law.REPEAL]

    class Extent(models.TextChoices):
        WHOLE = law.WHOLE, law.EXTENT_LABELS[law.WHOLE]
        PART = law.PART, law.EXTENT_LABELS[law.PART]

    class Trigger(models.TextChoices):
        COMPLAINT = "complaint", "Kiến nghị, phản ánh bằng văn bản"
        REVIEW = "review", "Kết quả rà soát, kiểm tra của UBND xã"

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT, related_name="measures")
    measure = models.CharField(max_length=10, choices=Measure.choices)
    extent = models.CharField(max_length=10, choices=Extent.choices)
    parts = models.JSONField(default=list, blank=True)
    ground = models.CharField(
        max_length=20, choices=[(g.code, g.label) for g in law.GROUNDS.values()]
    )
    reasons = models.TextField(max_length=5000)
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    received_on = models.DateField()
    due_on = models.DateField()
    decided_on = models.DateField()
    number = models.CharField(max_length=60)
    redo_by = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["convention", "decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure="repeal") | Q(redo_by__isnull=False),
                name="convention_suspension_has_redo_by",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.number}"

    @property
    def is_late(self) -> bool:
        return self.decided_on > self.due_on

    @property
    def ground_info(self) -> law.Ground:
        return law.GROUNDS[self.ground]


class ComplaintAnswer(TimeStampedModel):
    """Trả lời kiến nghị không có căn cứ (Decree 61 Art. 12(2)): UBND xã's written reply to
    whoever complained about a convention that the complaint has no ground, within 3 working
    days; the convention stays as it was. Kept with the deadline it had, as history in the
    officers' workspace (the complainant is named, so it is not on the public page)."""

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="complaint_answers"
    )
    complainant = models.CharField(max_length=200)
    complaint = models.TextField(max_length=5000)
    reasons = models.TextField(max_length=5000)
    received_on = models.DateField()
    due_on = models.DateField()
    answered_on = models.DateField()
    number = models.CharField(max_length=60)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["convention", "answered_on", "pk"]

    def __str__(self) -> str:
        return f"Trả lời kiến nghị {self.number}"

    @property
    def is_late(self) -> bool:
        return self.answered_on > self.due_on
