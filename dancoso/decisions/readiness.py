"""Readiness checklists: what is still missing before each one-way transition (the Helios
``issues_before_freeze`` pattern). Services refuse while a list is not empty; pages show it."""

from django.db.models import Count

from . import law, seal
from .law import Channel
from .models import Batch, Decision, ElectorEntry, OnlinePollAnswer, Participation
from .places import households_of

NO_HOUSEHOLDS = "Thôn (xã) chưa có hộ nào trong sổ hộ: hãy nhập sổ hộ trước."
NO_ELECTORATE = "Danh sách hộ đang trống."
PENDING_BATCHES = "Còn {n} tập phiếu chưa được người thứ hai xác nhận."
UNENTERED_BALLOTS = (
    "{channel}: {households} hộ đã tham gia nhưng mới nhập {ballots} phiếu; hãy nhập đủ phiếu "
    "(mỗi hộ một phiếu) trước khi kết thúc."
)
CHANNEL_WORDS = {
    Channel.MEETING: "Hội nghị",
    Channel.BALLOT: "Phát phiếu",
    Channel.ONLINE: "Trực tuyến",
}
NOT_SHUFFLED = "Hòm phiếu chưa được xáo trộn khi kết thúc."
SEAL_BROKEN = (
    "Hòm phiếu hoặc danh sách hộ tham gia đã bị thay đổi sau khi kết thúc biểu quyết (không "
    "khớp dấu niêm phong ghi trong nhật ký). Không kiểm phiếu; hãy báo ngay cho UBND xã và "
    "kiểm tra nhật ký."
)


def issues_before_publish_electorate(decision: Decision) -> list[str]:
    """The electorate snapshot needs households in the register."""
    if not households_of(decision).exists():
        return [NO_HOUSEHOLDS]
    return []


def poll_counts(decision: Decision) -> tuple[int, int]:
    """(households that chose online, all households of the electorate)."""
    chose = OnlinePollAnswer.objects.filter(decision=decision, wants_online=True).count()
    return chose, ElectorEntry.objects.filter(decision=decision).count()


def issues_before_open_voting(decision: Decision) -> list[str]:
    """Voting opens on a non-empty electorate; online voting only after more than half of all
    households chose it (Decree 59 Art. 5(3))."""
    chose, total = poll_counts(decision)
    if not total:
        return [NO_ELECTORATE]
    issues = []
    if decision.allows_online:
        try:
            law.check_online_poll(chose_online=chose, households=total, on=decision.voting_on)
        except law.LawRefusal as exc:
            issues.append(exc.message)
    return issues


def ballot_balance(decision: Decision) -> dict[str, tuple[int, int]]:
    """Per channel with counted paper or hands: (households that took part, ballots entered)."""
    took_part = dict(
        Participation.objects.filter(decision=decision)
        .values_list("channel")
        .annotate(n=Count("id"))
        .values_list("channel", "n")
    )
    entered: dict[str, int] = {}
    for batch in Batch.objects.filter(decision=decision, status=Batch.Status.CONFIRMED):
        channel = Channel.BALLOT if batch.source == Batch.Source.PAPER else Channel.MEETING
        entered[channel] = entered.get(channel, 0) + batch.total
    return {
        c: (took_part.get(c, 0), entered.get(c, 0))
        for c in (Channel.MEETING, Channel.BALLOT)
        if took_part.get(c) or entered.get(c)
    }


def issues_before_close_voting(decision: Decision) -> list[str]:
    """Every batch confirmed, and as many ballots entered as households took part on paper or
    at the meeting (SECURITY.md test 7: ballots = participations)."""
    issues = []
    pending = Batch.objects.filter(decision=decision, status=Batch.Status.PENDING).count()
    if pending:
        issues.append(PENDING_BATCHES.format(n=pending))
    for channel, (households, ballots) in ballot_balance(decision).items():
        if households != ballots:
            issues.append(
                UNENTERED_BALLOTS.format(
                    channel=CHANNEL_WORDS[Channel(channel)], households=households, ballots=ballots
                )
            )
    return issues


def issues_before_count_votes(decision: Decision) -> list[str]:
    """The count reads a closed, shuffled box; paper ballots need their ballot team (3–5) and
    a secret ballot at the meeting its counting board (3–5), each count two household
    witnesses (Decree 59 Art. 3(3)–(4), Art. 4)."""
    if not decision.closed_at:
        issues = [NOT_SHUFFLED]
    else:
        issues = [] if seal.seal_holds(decision) else [SEAL_BROKEN]
    sources = set(
        Batch.objects.filter(decision=decision).values_list("source", flat=True).distinct()
    )
    checks = []
    if Batch.Source.PAPER in sources:
        checks.append(lambda on: law.check_team(decision.ballot_team, what="Tổ phát phiếu", on=on))
    if Batch.Source.MEETING_BALLOT in sources:
        checks.append(
            lambda on: law.check_team(decision.counting_board, what="Ban kiểm phiếu", on=on)
        )
    if checks:
        checks.append(lambda on: law.check_witnesses(decision.witnesses, on=on))
    for check in checks:
        try:
            check(decision.voting_on)
        except law.LawRefusal as exc:
            issues.append(exc.message)
    return issues


def issues_before_publish_result(decision: Decision) -> list[str]:
    """The result is published as counted."""
    return [] if decision.result else ["Chưa có kết quả kiểm phiếu."]


def totals_agree(decision: Decision) -> bool:
    """Ballots = participations = the sum of the tally (SECURITY.md test 7)."""
    ballots = decision.ballots.count()
    took_part = Participation.objects.filter(decision=decision).count()
    tally = decision.result.get("ballots") if decision.result else ballots
    return ballots == took_part == tally
