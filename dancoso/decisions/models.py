"""Dân quyết: the matters households decide (Law 10/2022/QH15 Art. 15–24; Decree 59/2023).

Secrecy is a property of the data design (SECURITY.md tests 6–8): ``Participation`` (which
household took part) and ``Ballot`` (what was chosen) share no column but the decision and
village they belong to — no key, no sequential id, no timestamp, no user, IP or session. A
ballot's key is a random UUID; at close the ballot box is re-written in random order under new
keys (``services.lifecycle.close_voting``). One household, one participation: a database unique
constraint, inserted in the same transaction as the ballot.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from dancoso.core.models import TimeStampedModel
from dancoso.households.models import Household
from dancoso.places.models import Commune, Village

from .law import KIND_LABELS, Channel, Scope


class DecisionQuerySet(models.QuerySet):
    def in_commune(self, commune):
        return self.filter(commune=commune)


class Decision(TimeStampedModel):
    """Một nội dung Nhân dân bàn và quyết định: one matter of one village, or of the whole
    commune (kinds 1–2, counted village by village), with its channels and schedule. Opened by
    the village head (with the Front work committee) or a commune officer (Law Art. 16)."""

    class State(models.TextChoices):
        DRAFT = "draft", "Đang chuẩn bị"
        ELECTORATE = "electorate", "Đã công bố danh sách hộ"
        OPEN = "open", "Đang biểu quyết"
        CLOSED = "closed", "Đã kết thúc biểu quyết"
        COUNTED = "counted", "Đã kiểm phiếu"
        PUBLISHED = "published", "Đã công bố kết quả"

    class Recognition(models.TextChoices):
        RECOGNISED = "recognised", "Đã công nhận"
        REFUSED = "refused", "Từ chối công nhận (có lý do)"

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        Village, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(
        max_length=8, choices=[(s.value, s.value) for s in Scope], default=Scope.VILLAGE
    )
    kind = models.PositiveSmallIntegerField(
        "loại việc", choices=[(int(k), label) for k, label in KIND_LABELS.items()]
    )
    title = models.CharField("tên nội dung", max_length=200)
    question = models.TextField("nội dung đưa ra biểu quyết", max_length=2000)
    documents = models.TextField("tài liệu gửi các hộ", max_length=20000, blank=True)
    allows_meeting = models.BooleanField("hội nghị", default=False)
    allows_ballot = models.BooleanField("phát phiếu đến từng hộ", default=False)
    allows_online = models.BooleanField("biểu quyết trực tuyến", default=False)
    voting_on = models.DateField("ngày biểu quyết")
    notice_on = models.DateField("ngày gửi giấy mời", null=True, blank=True)
    documents_on = models.DateField("ngày gửi tài liệu", null=True, blank=True)
    ballot_plan_on = models.DateField("ngày công khai kế hoạch phát phiếu", null=True, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    carried_over = models.BooleanField("chuyển sang phát phiếu", default=False)
    meeting_present = models.PositiveIntegerField(
        "số hộ dự họp (hội nghị đã chuyển)", null=True, blank=True
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    secretary = models.CharField("thư ký hội nghị", max_length=150, blank=True)
    counting_board = models.JSONField("Ban kiểm phiếu", default=list, blank=True)
    ballot_team = models.JSONField("Tổ phát phiếu", default=list, blank=True)
    witnesses = models.JSONField("đại diện hộ chứng kiến kiểm phiếu", default=list, blank=True)
    sent_on = models.DateField("ngày gửi UBND xã, Ủy ban MTTQ xã", null=True, blank=True)
    recognition = models.CharField(
        "công nhận", max_length=10, choices=Recognition.choices, blank=True
    )
    recognition_on = models.DateField("ngày công nhận / từ chối", null=True, blank=True)
    recognition_reason = models.TextField("lý do từ chối", max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    convention = models.ForeignKey(
        "conventions.Convention",
        verbose_name="hương ước, quy ước đưa ra biểu quyết",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-voting_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="commune", village__isnull=True)
                | Q(scope="village", village__isnull=False),
                name="decision_scope_has_village",
            ),
            models.CheckConstraint(condition=Q(kind__gte=1, kind__lte=6), name="decision_kind"),
        ]
        indexes = [models.Index(fields=["commune", "state"], name="decision_list")]

    def __str__(self) -> str:
        return self.title

    @property
    def channels(self) -> frozenset[Channel]:
        """The channels this decision runs on."""
        flags = {
            Channel.MEETING: self.allows_meeting,
            Channel.BALLOT: self.allows_ballot,
            Channel.ONLINE: self.allows_online,
        }
        return frozenset(c for c, on in flags.items() if on)


class Option(models.Model):
    """Một phương án: agree / disagree / other opinion for a question, or a candidate."""

    class Role(models.TextChoices):
        AGREE = "agree", "Đồng ý"
        DISAGREE = "disagree", "Không đồng ý"
        OTHER = "other", "Ý kiến khác"
        CANDIDATE = "candidate", "Người ứng cử"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    role = models.CharField(max_length=10, choices=Role.choices)
    label = models.CharField("phương án", max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["decision", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "label"], name="option_label_once"),
        ]

    def __str__(self) -> str:
        return self.label


class ElectorEntry(models.Model):
    """Một hộ trong danh sách: the electorate is a snapshot of the households of the village
    (or of every village of the commune) taken when it is published; frozen once voting opens."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="electorate")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    household_code = models.CharField(max_length=30)

    class Meta:
        ordering = ["decision", "village", "household_code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="elector_once"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}:{self.household_code}"


class OnlinePollAnswer(models.Model):
    """The household representative's answer to "decide this online?" (Decree 59 Art. 5(3))."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="poll_answers")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    wants_online = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="poll_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}:{self.household_id}:{self.wants_online}"


class Participation(models.Model):
    """Hộ đã tham gia: which household took part and by which channel — never what it chose.
    The online minutes list the representatives who took part (Decree 59 Art. 5(5))."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="participations")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=[(c.value, c.value) for c in Channel])
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "household"], name="one_participation_per_household"
            ),
        ]
        indexes = [models.Index(fields=["decision", "channel"], name="participation_channel")]

    def __str__(self) -> str:
        return f"{self.decision_id}:{self.household_id}"


class Ballot(models.Model):
    """Lá phiếu: a choice, with no household, user, time, IP, session or channel — a random
    key, the decision, the village it is counted in (the law's counting unit), the option (none
    when invalid) and the SHA-256 of a receipt code: the voter's for an online ballot, a random
    code nobody keeps for a paper one, so the two kinds look alike in the box."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ballots")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    other_text = models.CharField(max_length=500, blank=True)
    receipt_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["receipt_hash"], name="receipt_once"),
        ]
        indexes = [models.Index(fields=["decision", "village"], name="ballot_count")]

    def __str__(self) -> str:
        return str(self.id)


class Batch(TimeStampedModel):
    """Một tập phiếu: paper ballots (or a show of hands) counted together, entered by one
    person and confirmed by a different one before they enter the ballot box. Holds counts
    only, never households."""

    class Source(models.TextChoices):
        PAPER = "paper", "Phiếu phát đến hộ"
        MEETING_BALLOT = "meeting_ballot", "Bỏ phiếu kín tại hội nghị"
        HANDS = "hands", "Biểu quyết giơ tay tại hội nghị"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ xác nhận"
        CONFIRMED = "confirmed", "Đã xác nhận"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="batches")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=16, choices=Source.choices)
    counts = models.JSONField(default=dict)
    invalid = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["decision", "id"]

    def __str__(self) -> str:
        return f"batch {self.pk}"

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.invalid


class Initiative(TimeStampedModel):
    """Sáng kiến của Nhân dân: a matter residents propose; the village head must put it to the
    community once at least 10% of the village's households consented (consents valid three
    months), or earlier if the Front work committee approves (Law Art. 16(3))."""

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("tên sáng kiến", max_length=200)
    content = models.TextField("nội dung", max_length=5000)
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    front_approved = models.BooleanField("Ban công tác Mặt trận đồng ý", default=False)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="initiative"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Consent(models.Model):
    """Một hộ đồng ý với sáng kiến, on a day (valid three months, Law Art. 16(3)); one per
    household and initiative, held by the database."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="consents")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "household"], name="one_consent_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}:{self.household_id}"
