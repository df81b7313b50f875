"""Hương ước, quy ước adopted by the households' vote (Law 10/2022/QH15 Art. 15(3); Decree
61/2023/NĐ-CP Art. 10): a kind-3 decision names the village convention it puts to the vote, and
when its published result adopts it the figures are handed to the conventions capability
(``conventions.services.record_adoption``), which moves the convention on to its dossier."""

from django.core.exceptions import ValidationError

from dancoso.conventions import services as convention_services
from dancoso.conventions.models import Convention
from dancoso.core.errors import DomainError

from ..law import Kind
from ..models import Decision, Option

NOT_A_CONVENTION_KIND = (
    "Chỉ nội dung loại 3 (hương ước, quy ước) mới gắn với một hương ước, quy ước của thôn."
)
WRONG_VILLAGE = "Hương ước, quy ước “{title}” thuộc thôn khác; hãy chọn hương ước của thôn này."
NOT_VOTING = (
    "Hương ước, quy ước “{title}” đang ở bước “{state}”, chưa thể đưa ra biểu quyết: hãy "
    "hoàn thành lấy ý kiến và công khai kết quả tiếp thu trước (Nghị định 61/2023/NĐ-CP, Điều 9)."
)
REFUSED = "Không ghi được kết quả vào hương ước, quy ước: {reason}"


def check_convention(convention: Convention | None, *, kind: Kind, village) -> None:
    """A decision may name a convention only for kind 3, of its own village, waiting for the
    households' vote."""
    if convention is None:
        return
    if kind != Kind.CONVENTION or village is None:
        raise DomainError("not_a_convention_kind", NOT_A_CONVENTION_KIND)
    if convention.village_id != village.pk:
        raise DomainError("convention_village", WRONG_VILLAGE, title=convention.title)
    if convention.state != Convention.State.VOTING:
        raise DomainError(
            "convention_not_voting",
            NOT_VOTING,
            title=convention.title,
            state=convention.get_state_display(),
        )


def hand_over_adoption(decision: Decision, *, actor) -> Convention | None:
    """When the published result adopts the decision's convention, record the adoption with
    the vote's figures, in the caller's transaction (the conventions service writes its own
    audit event). A vote that fails leaves the convention waiting for another vote."""
    if decision.convention_id is None or not decision.result.get("adopted"):
        return None
    village = decision.result["villages"][0]
    agree_ids = set(decision.options.filter(role=Option.Role.AGREE).values_list("pk", flat=True))
    try:
        return convention_services.record_adoption(
            decision.convention,
            actor=actor,
            method="ballot" if decision.carried_over else "meeting",
            voted_on=decision.voting_on,
            total_households=village["electorate"],
            attending=village["took_part"],
            agreeing=sum(o["votes"] for o in village["options"] if o["id"] in agree_ids),
            meeting_attending=decision.meeting_present if decision.carried_over else None,
            decision_ref=f"Biểu quyết số {decision.pk}: {decision.title}"[:100],
        )
    except ValidationError as exc:
        reason = " ".join(m for msgs in exc.message_dict.values() for m in msgs)
        raise DomainError("convention_refused", REFUSED, reason=reason) from exc
