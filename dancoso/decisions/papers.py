"""The two papers of a counted decision in the Decree 30/2020 frame, built from the STORED
result sheet (``Decision.result``, frozen at the count — never recomputed from today's rows):

- Biên bản kiểm phiếu — the tally minutes (Decree 59/2023 Art. 3(4), Art. 4): the counting
  board or ballot team, the two household witnesses, every figure per village, the result;
- Biên bản quyết định của cộng đồng dân cư — the community decision (Law 10/2022 Art. 20):
  time, total households, representatives taking part, households absent, content, form,
  results, decision; signed by the village head, the Front work committee head and two
  household representatives; sent to the commune People's Committee and Front committee.

Who may have them is decided by ``queries.result_for`` (organisers after the count, everyone
after publication); this module only assembles text."""

from django.utils import timezone

from dancoso.documents.frame import Document, Heading, Signature, Table, Text, without_prefix
from dancoso.places.models import Village

from .law import KIND_LABELS, Kind, Scope
from .models import Decision

CHANNEL_TEXT = {
    "meeting": "hội nghị đại diện hộ gia đình",
    "ballot": "phát phiếu lấy ý kiến đến từng hộ gia đình",
    "online": "biểu quyết trực tuyến",
}
COPIES = "Biên bản được lập thành 03 bản (Nghị định 59/2023/NĐ-CP, Điều 3)."
WITNESS = "ĐẠI DIỆN HỘ GIA ĐÌNH"
RECIPIENTS = ("Ủy ban nhân dân {c}", "Ban Thường trực Ủy ban MTTQ Việt Nam {c}", "Lưu")


def _place(decision: Decision) -> str:
    return without_prefix(decision.commune.name, decision.commune.get_kind_display())


def _issuer(decision: Decision) -> tuple[str, str]:
    """(parent, issuer): a village's papers name the commune above the village."""
    if decision.village_id:
        return decision.commune.name, decision.village.name
    return "", f"Ủy ban nhân dân {decision.commune.name}"


def _day(decision: Decision):
    at = decision.closed_at or decision.opened_at
    return timezone.localdate(at) if at else decision.voting_on


def _forms(result: dict) -> str:
    used = sorted({c for v in result["villages"] for c in v["participants"]})
    return "; ".join(CHANNEL_TEXT.get(c, c) for c in used) or "không có hộ tham gia"


def _figures(result: dict) -> Table:
    rows = [
        (
            v["name"],
            str(v["electorate"]),
            str(v["took_part"]),
            str(v["absent"]),
            str(v["ballots"]),
            str(v["valid"]),
            str(v["invalid"]),
        )
        for v in result["villages"]
    ]
    if len(rows) > 1:
        keys = ("electorate", "took_part", "absent", "ballots", "valid", "invalid")
        rows.append(("Cộng", *(str(result[k]) for k in keys)))
    header = (
        "Thôn",
        "Tổng số hộ",
        "Số hộ tham gia",
        "Số hộ vắng",
        "Số phiếu",
        "Hợp lệ",
        "Không hợp lệ",
    )
    return Table(header=header, rows=tuple(rows))


def _votes(result: dict) -> list:
    blocks = []
    for v in result["villages"]:
        rows = [(o["label"], str(o["votes"])) for o in v["options"]]
        rows.append(("Phiếu không hợp lệ", str(v["invalid"])))
        blocks += [
            Heading(f"Kết quả tại {v['name']}"),
            Table(header=("Phương án", "Số phiếu"), rows=tuple(rows)),
        ]
        if len(result["villages"]) > 1:  # one village: its sentence is the decision below
            blocks.append(Text(v["sentence"]))
    return blocks


def _subject(decision: Decision) -> list:
    return [
        Text(f"Loại nội dung: {KIND_LABELS[Kind(decision.kind)]}."),
        Text(f"Nội dung: {decision.title.rstrip('.')}."),
        Text(f"Nội dung đưa ra biểu quyết: {decision.question}"),
    ]


def _time(decision: Decision) -> Text:
    when = f"Ngày biểu quyết: {decision.voting_on:%d/%m/%Y}"
    if decision.opened_at and decision.closed_at:
        start = timezone.localtime(decision.opened_at)
        end = timezone.localtime(decision.closed_at)
        when += f"; bắt đầu {start:%H:%M %d/%m/%Y}, kết thúc {end:%H:%M %d/%m/%Y}"
    return Text(when + ".")


def _decision_text(result: dict) -> list:
    blocks = [Text(result["sentence"])]
    if result.get("winner"):
        blocks.append(Text(f"Người trúng cử: {result['winner']}."))
    if result.get("effect"):
        blocks.append(Text(result["effect"]))
    if result.get("carried_over"):
        blocks.append(
            Text(
                f"Hội nghị có {result.get('meeting_present') or 0} hộ dự, không đủ để đạt tỷ lệ;"
                " nội dung đã chuyển sang phát phiếu đến từng hộ (Luật 10/2022/QH15, Điều 19)."
            )
        )
    return blocks


def _witnesses(decision: Decision) -> tuple[Signature, ...]:
    names = [*decision.witnesses[:2], "", ""][:2]
    return tuple(Signature(title=WITNESS, name=n) for n in names)


def _frame(decision: Decision, *, symbol: str, summary: str, body, signatures, note="") -> Document:
    parent, issuer = _issuer(decision)
    commune = decision.commune.name
    return Document(
        parent_issuer=parent,
        issuer=issuer,
        number=f"Số: {decision.pk}/{symbol}",
        place=_place(decision),
        day=_day(decision),
        kind="BIÊN BẢN",
        summary=summary,
        body=tuple(body),
        signatures=tuple(signatures),
        recipients=tuple(r.format(c=commune) for r in RECIPIENTS),
        footer_note=note,
    )


def _counters(decision: Decision) -> tuple[Signature, ...]:
    if decision.counting_board:
        lead = Signature(
            capacity="TM. Ban kiểm phiếu", title="Trưởng ban", name=decision.counting_board[0]
        )
    elif decision.ballot_team:
        lead = Signature(
            capacity="TM. Tổ phát phiếu", title="Tổ trưởng", name=decision.ballot_team[0]
        )
    else:
        lead = _head(decision)
    return (lead, Signature(title="Thư ký", name=decision.secretary), *_witnesses(decision))


def _head(decision: Decision) -> Signature:
    if decision.scope == Scope.COMMUNE:
        return Signature(capacity="TM. Ủy ban nhân dân", title="Chủ tịch")
    village = decision.village
    if village.kind == Village.Kind.TO_DAN_PHO:
        return Signature(title="Tổ trưởng tổ dân phố")
    return Signature(title=f"Trưởng {village.get_kind_display().lower()}")


def tally_minutes(decision: Decision, result: dict) -> Document:
    """Biên bản kiểm phiếu (Decree 59/2023 Art. 3–4) from the stored result sheet."""
    body = [
        Heading("I. Thời gian, nội dung"),
        _time(decision),
        *_subject(decision),
        Text(f"Hình thức: {_forms(result)}."),
        Heading("II. Thành phần kiểm phiếu"),
        Text(f"Ban kiểm phiếu: {', '.join(decision.counting_board) or 'không bầu'}."),
        Text(f"Tổ phát phiếu: {', '.join(decision.ballot_team) or 'không có'}."),
        Text(f"Đại diện hộ gia đình chứng kiến: {', '.join(decision.witnesses) or 'không có'}."),
        Heading("III. Số liệu kiểm phiếu"),
        _figures(result),
        *_votes(result),
        Heading("IV. Kết quả"),
        *_decision_text(result),
    ]
    return _frame(
        decision,
        symbol="BB-KP",
        summary=f"Kiểm phiếu: {decision.title}",
        body=body,
        signatures=_counters(decision),
        note=COPIES,
    )


def community_decision(decision: Decision, result: dict) -> Document:
    """Biên bản quyết định của cộng đồng dân cư (Law 10/2022 Art. 20) from the stored result
    sheet: time, households, presence and absence, content, form, results, decision."""
    body = [
        Heading("1. Thời gian"),
        _time(decision),
        Heading("2. Số hộ gia đình"),
        Text(f"Tổng số hộ gia đình: {result['electorate']}."),
        Text(f"Số đại diện hộ gia đình tham gia: {result['took_part']}."),
        Text(f"Số hộ gia đình vắng mặt, không tham gia: {result['absent']}."),
        Heading("3. Nội dung"),
        *_subject(decision),
        Heading("4. Hình thức"),
        Text(f"{_forms(result)[:1].upper()}{_forms(result)[1:]}."),
        Heading("5. Kết quả"),
        _figures(result),
        *_votes(result),
        Heading("6. Quyết định"),
        *_decision_text(result),
    ]
    front = Signature(title="Trưởng ban công tác Mặt trận")
    if decision.scope == Scope.COMMUNE:
        front = Signature(capacity="TM. Ban Thường trực Ủy ban MTTQ", title="Chủ tịch")
    return _frame(
        decision,
        symbol="BB-QĐ",
        summary=f"Quyết định của cộng đồng dân cư về {decision.title}",
        body=body,
        signatures=(_head(decision), front, *_witnesses(decision)),
    )
