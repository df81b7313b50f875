"""A consultation's lifecycle, declared as data (DESIGN.md convention 8).

States: draft (dự thảo, only the organisers see it) → open (đang lấy ý kiến) → closed (hết
hạn, đang tổng hợp) → synthesised (đã tổng hợp, every opinion answered) → published (đã công
khai kết quả). Each transition is one-way and has a readiness function
``issues_before_<transition>(consultation, today)`` in ``readiness.py`` that the service
enforces and the page shows. ``ALLOWS`` says which actions each state admits.
"""

from dataclasses import dataclass


class State:
    """The states of a consultation (the values stored in ``Consultation.state``)."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    SYNTHESISED = "synthesised"
    PUBLISHED = "published"


STATE_LABELS = {
    State.DRAFT: "Dự thảo (chưa công bố)",
    State.OPEN: "Đang lấy ý kiến",
    State.CLOSED: "Đã hết hạn, đang tổng hợp",
    State.SYNTHESISED: "Đã tổng hợp, tiếp thu, giải trình",
    State.PUBLISHED: "Đã công khai kết quả",
}


@dataclass(frozen=True)
class Transition:
    """A one-way step from ``source`` to ``target`` with its button label."""

    name: str
    source: str
    target: str
    label: str


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("open", State.DRAFT, State.OPEN, "Công bố, bắt đầu lấy ý kiến"),
        Transition("close", State.OPEN, State.CLOSED, "Kết thúc lấy ý kiến"),
        Transition("synthesise", State.CLOSED, State.SYNTHESISED, "Hoàn thành tổng hợp"),
        Transition("publish", State.SYNTHESISED, State.PUBLISHED, "Công khai kết quả tổng hợp"),
    )
}

# Which actions each state allows.
ALLOWS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({"edit_draft", "open"}),
    State.OPEN: frozenset({"comment", "support", "enter_offline", "moderate", "close"}),
    State.CLOSED: frozenset({"enter_offline", "moderate", "answer", "revise", "synthesise"}),
    State.SYNTHESISED: frozenset({"revise", "publish", "moderate"}),
    State.PUBLISHED: frozenset(),
}
PUBLIC_STATES = frozenset({State.OPEN, State.CLOSED, State.SYNTHESISED, State.PUBLISHED})
NOT_ALLOWED_NOW = "Không thể {action} khi lấy ý kiến ở trạng thái “{state}”."
ACTION_WORDS = {
    "edit_draft": "sửa dự thảo",
    "comment": "gửi ý kiến",
    "support": "ủng hộ ý kiến",
    "enter_offline": "nhập ý kiến thu thập trực tiếp",
    "moderate": "ẩn ý kiến",
    "answer": "trả lời ý kiến",
    "revise": "sửa dự thảo sau tiếp thu",
    "open": "công bố",
    "close": "kết thúc lấy ý kiến",
    "synthesise": "hoàn thành tổng hợp",
    "publish": "công khai kết quả",
}


def allows(state: str, action: str) -> bool:
    """Whether ``action`` may happen in ``state``."""
    return action in ALLOWS.get(state, frozenset())


def refusal(state: str, action: str) -> str:
    """The Vietnamese message for an action the state does not allow."""
    return NOT_ALLOWED_NOW.format(action=ACTION_WORDS[action], state=STATE_LABELS[state])
