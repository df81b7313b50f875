"""Annual satisfaction surveys (khảo sát mức độ hài lòng): built by a commune or a province,
answered online by signed-in residents (one answer each) or entered from paper forms (one per
form number) — both uniqueness rules are database constraints (SECURITY.md test 2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dancoso.core.models import TimeStampedModel
from dancoso.places.models import Commune, Province


class Survey(TimeStampedModel):
    """Phiếu khảo sát: a set of questions for one year, for a commune or a whole province."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        OPEN = "open", "Đang nhận trả lời"
        CLOSED = "closed", "Đã kết thúc"

    commune = models.ForeignKey(
        Commune, null=True, blank=True, on_delete=models.PROTECT, related_name="surveys"
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField("tên phiếu", max_length=200)
    year = models.PositiveSmallIntegerField()
    intro = models.TextField(max_length=3000, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One question: single or multiple choice, a 1–5 scale, or free text."""

    class Kind(models.TextChoices):
        SINGLE = "single", "Chọn một"
        MULTIPLE = "multiple", "Chọn nhiều"
        SCALE = "scale", "Thang điểm 1–5"
        TEXT = "text", "Trả lời tự do"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.CharField(max_length=300)
    options = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_position_once")
        ]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """Một phiếu trả lời: online (the resident's account, once) or from paper (the form
    number, once). The answers are in ``answers`` keyed by question id."""

    class Channel(models.TextChoices):
        ONLINE = "online", "Trực tuyến"
        PAPER = "paper", "Phiếu giấy"

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paper_number = models.CharField(max_length=30, blank=True)
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="one_online_answer_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "paper_number"],
                condition=~Q(paper_number=""),
                name="one_entry_per_paper_form",
            ),
        ]

    def __str__(self) -> str:
        return f"response {self.pk} to survey {self.survey_id}"
