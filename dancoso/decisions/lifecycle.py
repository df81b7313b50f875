"""The life of a decision, declared as data (DESIGN.md convention 8).

draft → electorate (the household list is published) → open → closed (the ballot box is
shuffled) → counted → published. ``ACTIONS`` says what each state allows; each one-way
transition has a readiness function ``issues_before_<transition>`` in ``readiness.py``, which
the service enforces and the page shows.
"""

from dataclasses import dataclass

from dancoso.core.errors import DomainError

DRAFT, ELECTORATE, OPEN, CLOSED, COUNTED, PUBLISHED = (
    "draft",
    "electorate",
    "open",
    "closed",
    "counted",
    "published",
)


@dataclass(frozen=True)
class Transition:
    """A one-way step from ``source`` to ``target``."""

    name: str
    source: str
    target: str
    label: str


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("publish_electorate", DRAFT, ELECTORATE, "Công bố danh sách hộ"),
        Transition("open_voting", ELECTORATE, OPEN, "Mở biểu quyết"),
        Transition("close_voting", OPEN, CLOSED, "Kết thúc biểu quyết"),
        Transition("count_votes", CLOSED, COUNTED, "Kiểm phiếu"),
        Transition("publish_result", COUNTED, PUBLISHED, "Công bố kết quả"),
    )
}

ACTIONS: dict[str, frozenset[str]] = {
    DRAFT: frozenset({"edit_decision", "publish_electorate"}),
    ELECTORATE: frozenset(
        {"change_electorate", "answer_online_poll", "record_officers", "open_voting"}
    ),
    OPEN: frozenset(
        {
            "cast_ballot",
            "record_attendance",
            "record_return",
            "enter_batch",
            "confirm_batch",
            "carry_over",
            "remind_households",
            "record_officers",
            "close_voting",
        }
    ),
    CLOSED: frozenset({"count_votes", "record_officers"}),
    COUNTED: frozenset({"publish_result"}),
    PUBLISHED: frozenset({"send_decision", "record_recognition"}),
}

NOT_NOW = 'Nội dung này đang ở bước "{state}": không thể {action} lúc này.'
ACTION_WORDS = {
    "edit_decision": "sửa nội dung",
    "publish_electorate": "công bố danh sách hộ",
    "change_electorate": "thay đổi danh sách hộ (danh sách đã khóa khi mở biểu quyết)",
    "answer_online_poll": "trả lời có biểu quyết trực tuyến hay không",
    "open_voting": "mở biểu quyết",
    "cast_ballot": "biểu quyết",
    "record_attendance": "điểm danh hộ dự họp",
    "record_return": "ghi nhận hộ nộp phiếu",
    "enter_batch": "nhập tập phiếu",
    "confirm_batch": "xác nhận tập phiếu",
    "carry_over": "chuyển sang phát phiếu",
    "remind_households": "nhắc các hộ chưa biểu quyết",
    "record_officers": "ghi thư ký, Ban kiểm phiếu, Tổ phát phiếu, người chứng kiến",
    "close_voting": "kết thúc biểu quyết",
    "count_votes": "kiểm phiếu",
    "publish_result": "công bố kết quả",
    "send_decision": "ghi ngày gửi quyết định (chỉ sau khi công bố kết quả)",
    "record_recognition": "ghi quyết định công nhận (chỉ sau khi công bố kết quả)",
}
STATE_WORDS = {
    DRAFT: "Đang chuẩn bị",
    ELECTORATE: "Đã công bố danh sách hộ",
    OPEN: "Đang biểu quyết",
    CLOSED: "Đã kết thúc biểu quyết",
    COUNTED: "Đã kiểm phiếu",
    PUBLISHED: "Đã công bố kết quả",
}


def allows(state: str, action: str) -> bool:
    """Whether a decision in ``state`` allows ``action``."""
    return action in ACTIONS[state]


def check_allows(state: str, action: str) -> None:
    """Refuse with ``DomainError("wrong_state")`` unless ``state`` allows ``action``."""
    if not allows(state, action):
        raise DomainError(
            "wrong_state",
            NOT_NOW.format(state=STATE_WORDS[state], action=ACTION_WORDS.get(action, action)),
        )
