"""Which channels a matter may use (Law Art. 17, 19; Decree 59 Art. 4–5)."""

from datetime import date

from .base import Channel, Kind, LawRefusal, Scope, Share, param, parameter

# --- Channels (Law Art. 17, 19; Decree 59 Art. 4–5) ----------------------------------------

ONLINE_ONLY_KIND_6 = (
    'Biểu quyết trực tuyến chỉ dùng cho "công việc tự quản khác" (loại 6) — Luật 10/2022/QH15, '
    "Điều 17 khoản 2; Nghị định 59/2023/NĐ-CP, Điều 5. Hãy chọn hội nghị hoặc phát phiếu."
)
MEETING_REQUIRED = (
    "Hương ước, quy ước và việc bầu, cho thôi làm Trưởng thôn, thành viên Ban TTND, Ban GSĐTCĐ "
    "phải được quyết định tại hội nghị cộng đồng; chỉ phát phiếu khi hội nghị không đủ số hộ "
    "để đạt tỷ lệ tán thành (Luật 10/2022/QH15, Điều 17 khoản 2, Điều 19 khoản 1 điểm b). "
    "Hãy tổ chức hội nghị trước."
)
ONLINE_POLL_SHORT = (
    "Chỉ biểu quyết trực tuyến khi trên 50% tổng số hộ trong thôn chọn hình thức này "
    "(Nghị định 59/2023/NĐ-CP, Điều 5 khoản 3): mới có {yes}/{total} hộ chọn, cần {needed}."
)
COMMUNE_SCOPE_KINDS = (
    "Chỉ nội dung loại 1 và 2 (đóng góp, quỹ cộng đồng) được quyết định trên phạm vi toàn xã "
    "theo tỷ lệ số thôn (Luật 10/2022/QH15, Điều 21 khoản 1). Hãy chọn phạm vi một thôn."
)
NO_CHANNEL = "Hãy chọn ít nhất một hình thức quyết định."
COMMUNE_NO_ONLINE_MEETING = (
    "Nội dung toàn xã được lấy ý kiến bằng phiếu phát đến từng hộ do Chủ tịch UBND xã quyết "
    "định (Luật 10/2022/QH15, Điều 19 khoản 1 điểm a; họp theo cụm dân cư chưa hỗ trợ)."
)


def check_scope(kind: Kind, scope: Scope) -> None:
    """Only kinds 1–2 have a commune-wide rule over villages (Law Art. 21(1))."""
    if scope == Scope.COMMUNE and kind not in (Kind.CONTRIBUTION, Kind.FUND_USE):
        raise LawRefusal("commune_scope_kind", COMMUNE_SCOPE_KINDS)


def check_channels(kind: Kind, scope: Scope, channels: frozenset[Channel]) -> None:
    """The channels a matter may be opened with (Law Art. 17(2), 19(1)): online only for kind
    6; kinds 3–5 at a meeting (ballots only by the fallback ``meeting_fallback``); a
    commune-wide matter by household ballots (Art. 19(1)(a))."""
    if not channels:
        raise LawRefusal("no_channel", NO_CHANNEL)
    if Channel.ONLINE in channels and kind != Kind.SELF_MANAGED:
        raise LawRefusal("online_kind", ONLINE_ONLY_KIND_6)
    if kind in (Kind.CONVENTION, Kind.VILLAGE_HEAD, Kind.BOARD_MEMBER) and (
        channels != {Channel.MEETING}
    ):
        raise LawRefusal("meeting_required", MEETING_REQUIRED)
    if scope == Scope.COMMUNE and channels != {Channel.BALLOT}:
        raise LawRefusal("commune_ballot", COMMUNE_NO_ONLINE_MEETING)


def online_poll_passed(*, chose_online: int, households: int, on: date) -> bool:
    """More than half of ALL households chose online voting (Decree 59 Art. 5(3))."""
    return param("online_poll_share", on).reached(chose_online, households)


def check_online_poll(*, chose_online: int, households: int, on: date) -> None:
    """Refuse to open online voting until the poll passed (Decree 59 Art. 5(3))."""
    share: Share = param("online_poll_share", on)
    if not share.reached(chose_online, households):
        raise LawRefusal(
            "online_poll",
            ONLINE_POLL_SHORT.format(
                yes=chose_online, total=households, needed=share.minimum(households)
            ),
        )


# --- Who counts (Law Art. 18–19; Decree 59 Art. 3(3)–(4), 4) --------------------------------

TEAM_SIZE = "{what} gồm từ {low} đến {high} người ({article}); hiện ghi {n} người."
TOO_FEW_WITNESSES = (
    "Việc kiểm phiếu phải có ít nhất {n} đại diện hộ gia đình chứng kiến ({article}); hiện ghi "
    "{got} người."
)


def check_team(names: list[str], *, what: str, on: date) -> None:
    """A counting board (secret ballot at a meeting) or a ballot team (household ballots) has
    3 to 5 members (Decree 59 Art. 3(3), Art. 4; Law Art. 19(2))."""
    entry = parameter("team_size", on)
    low, high = entry.value
    if not low <= len(names) <= high:
        raise LawRefusal(
            "team_size",
            TEAM_SIZE.format(what=what, low=low, high=high, article=entry.article, n=len(names)),
        )


def check_witnesses(names: list[str], *, on: date) -> None:
    """Two household representatives witness the count (Decree 59 Art. 3(4), Art. 4)."""
    entry = parameter("count_witnesses", on)
    if len(names) < entry.value:
        raise LawRefusal(
            "witnesses",
            TOO_FEW_WITNESSES.format(n=entry.value, article=entry.article, got=len(names)),
        )
