"""Request and answer schemas of the decisions API (``api.py``)."""

from datetime import date

from ninja import Field, Schema

from dancoso.core.schema_types import IsoDate

from .law import Channel
from .models import Batch


class ErrorOut(Schema):
    detail: str
    code: str = ""


class DecisionIn(Schema):
    village_id: int | None = Field(None, ge=1, le=2**62)
    commune_code: int | None = Field(None, ge=1, le=999_999)
    kind: int = Field(..., ge=1, le=6)
    title: str = Field(..., min_length=3, max_length=200)
    question: str = Field(..., min_length=3, max_length=2000)
    documents: str = Field("", max_length=20000)
    channels: list[Channel] = Field(..., min_length=1, max_length=3)
    candidates: list[str] = Field([], max_length=50)
    voting_on: IsoDate
    notice_on: IsoDate | None = None
    documents_on: IsoDate | None = None
    ballot_plan_on: IsoDate | None = None
    convention_id: int | None = Field(None, ge=1, le=2**62)


class OptionOut(Schema):
    id: int
    role: str
    label: str


class DecisionOut(Schema):
    id: int
    title: str
    kind: int
    scope: str
    state: str
    commune_code: int
    village_id: int | None
    question: str
    channels: list[str]
    voting_on: date
    options: list[OptionOut]
    schedule_warnings: list[str]


class DecisionPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[DecisionOut]


class PollIn(Schema):
    wants_online: bool
    household_id: int | None = Field(None, ge=1, le=2**62)


class BallotIn(Schema):
    option_id: int = Field(..., ge=1, le=2**62)
    other_text: str = Field("", max_length=500)
    household_id: int | None = Field(None, ge=1, le=2**62)


class AttendanceIn(Schema):
    household_id: int = Field(..., ge=1, le=2**62)
    present: bool = True


class ReturnsIn(Schema):
    household_ids: list[int] = Field(..., min_length=1, max_length=5000)


class BatchIn(Schema):
    source: Batch.Source
    counts: dict[int, int]
    invalid: int = Field(0, ge=0, le=1_000_000)
    village_id: int | None = Field(None, ge=1, le=2**62)


class SendIn(Schema):
    sent_on: IsoDate


class RecognitionIn(Schema):
    recognised: bool
    on: IsoDate
    reason: str = Field("", max_length=2000)


class OfficersIn(Schema):
    secretary: str | None = Field(None, max_length=150)
    counting_board: list[str] | None = Field(None, max_length=10)
    ballot_team: list[str] | None = Field(None, max_length=10)
    witnesses: list[str] | None = Field(None, max_length=10)


class ReceiptIn(Schema):
    code: str = Field(..., min_length=4, max_length=40)
