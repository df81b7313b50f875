"""Pure rules for consultations (tham gia ý kiến): who is consulted on what, by which forms, for
how long, and how every opinion must be answered. No ORM imports.

Sources: Law 10/2022/QH15 on Grassroots Democracy, Art. 25–28 (residents of a commune) and
Art. 53–55 (staff of an agency or public unit), in force 01/07/2023. Law 97/2025/QH15 amended
about a third of that law from 01/07/2025; its text was not available (LAW-NOTES §3.1), so the
rules below are dated parameters: an amendment is a new entry with its own ``since`` date, not
an edit of history.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

LAW_IN_FORCE = date(2023, 7, 1)


@dataclass(frozen=True)
class Subject:
    """A matter on which the law requires an opinion before the competent body decides."""

    code: str
    label: str
    article: str
    scope: str  # "commune" (residents) or "agency" (staff)


# Law 10/2022 Art. 25: the nine matters residents of a commune are consulted on.
COMMUNE_SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "kt_xh",
        (
            "Dự thảo kế hoạch phát triển kinh tế - xã hội của xã; phương án chuyển dịch cơ cấu "
            "kinh tế, cơ cấu sản xuất; đề án định canh, định cư, vùng kinh tế mới, phát triển "
            "ngành nghề"
        ),
        "Điều 25 khoản 1",
        "commune",
    ),
    Subject(
        "dat_dai",
        (
            "Dự thảo quy hoạch, kế hoạch sử dụng đất và phương án điều chỉnh; việc quản lý, sử "
            "dụng quỹ đất do xã quản lý"
        ),
        "Điều 25 khoản 2",
        "commune",
    ),
    Subject(
        "dau_tu",
        (
            "Chủ trương, chính sách đầu tư, xây dựng, đất đai, xử lý chất thải và bảo vệ môi "
            "trường, bồi thường, hỗ trợ, giải phóng mặt bằng, tái định cư"
        ),
        "Điều 25 khoản 3",
        "commune",
    ),
    Subject(
        "don_vi_hc",
        (
            "Dự thảo đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới, đổi tên đơn "
            "vị hành chính; thành lập, sáp nhập, đổi tên thôn, tổ dân phố"
        ),
        "Điều 25 khoản 4",
        "commune",
    ),
    Subject(
        "quyet_dinh_hc",
        (
            "Dự thảo quyết định hành chính của UBND xã có ảnh hưởng đến cộng đồng dân cư (môi "
            "trường, sức khỏe, trật tự an toàn xã hội …)"
        ),
        "Điều 25 khoản 5",
        "commune",
    ),
    Subject(
        "quy_hoach",
        "Dự thảo nhiệm vụ, đồ án quy hoạch xây dựng, quy hoạch phân khu",
        "Điều 25 khoản 6",
        "commune",
    ),
    Subject(
        "quy_che_dan_chu",
        "Dự thảo quy chế thực hiện dân chủ ở xã và quy chế thực hiện dân chủ trong từng lĩnh vực",
        "Điều 25 khoản 7",
        "commune",
    ),
    Subject(
        "nghia_vu",
        (
            "Dự thảo quyết định hành chính xác lập nghĩa vụ hoặc làm chấm dứt, hạn chế quyền, "
            "lợi ích của công dân trên địa bàn xã"
        ),
        "Điều 25 khoản 8",
        "commune",
    ),
    Subject(
        "khac",
        (
            "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ ở xã, yêu "
            "cầu của cơ quan cấp trên hoặc UBND xã thấy cần thiết"
        ),
        "Điều 25 khoản 9",
        "commune",
    ),
)

# Law 10/2022 Art. 53: the eleven matters staff of an agency or public unit are consulted on.
AGENCY_SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "cq_thuc_hien",
        "Biện pháp thực hiện chủ trương, chính sách, pháp luật liên quan đến cơ quan, đơn vị",
        "Điều 53 khoản 1",
        "agency",
    ),
    Subject(
        "cq_ke_hoach", "Kế hoạch công tác hằng năm của cơ quan, đơn vị", "Điều 53 khoản 2", "agency"
    ),
    Subject(
        "cq_thi_dua", "Tổ chức phong trào thi đua của cơ quan, đơn vị", "Điều 53 khoản 3", "agency"
    ),
    Subject(
        "cq_bao_cao", "Báo cáo sơ kết, tổng kết của cơ quan, đơn vị", "Điều 53 khoản 4", "agency"
    ),
    Subject(
        "cq_cai_cach",
        (
            "Biện pháp cải tiến tổ chức, hoạt động; phòng, chống tham nhũng, lãng phí, quan "
            "liêu, phiền hà, sách nhiễu"
        ),
        "Điều 53 khoản 5",
        "agency",
    ),
    Subject(
        "cq_nhan_su",
        "Kế hoạch tuyển dụng, đào tạo, bồi dưỡng; bầu cử, bổ nhiệm cán bộ, công chức, viên chức",
        "Điều 53 khoản 6",
        "agency",
    ),
    Subject(
        "cq_che_do",
        (
            "Giải quyết chế độ, chính sách liên quan đến quyền, lợi ích của cán bộ, công chức, "
            "viên chức, người lao động"
        ),
        "Điều 53 khoản 7",
        "agency",
    ),
    Subject(
        "cq_quy_che_dan_chu",
        "Dự thảo quy chế thực hiện dân chủ ở cơ quan, đơn vị",
        "Điều 53 khoản 8",
        "agency",
    ),
    Subject(
        "cq_chi_tieu",
        "Dự thảo quy chế chi tiêu nội bộ, quản lý, sử dụng tài sản công",
        "Điều 53 khoản 9",
        "agency",
    ),
    Subject(
        "cq_noi_quy", "Nội quy, quy chế khác của cơ quan, đơn vị", "Điều 53 khoản 10", "agency"
    ),
    Subject(
        "cq_khac",
        "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ của cơ quan, đơn vị",
        "Điều 53 khoản 11",
        "agency",
    ),
)

SUBJECTS: dict[str, Subject] = {s.code: s for s in COMMUNE_SUBJECTS + AGENCY_SUBJECTS}
SUBJECT_NOT_FOR_SCOPE = (
    "Nội dung '{label}' không thuộc danh mục lấy ý kiến {scope} — chọn nội dung theo {where}."
)
SCOPE_WORDS = {
    "commune": ("Nhân dân ở xã", "Điều 25 Luật Thực hiện dân chủ ở cơ sở"),
    "agency": (
        "cán bộ, công chức, viên chức, người lao động",
        "Điều 53 Luật Thực hiện dân chủ ở cơ sở",
    ),
}


class Form(StrEnum):
    """Law 10/2022 Art. 26: the eight forms in which residents give opinions (UBND xã chooses
    one or more; Art. 54 lists the agency forms, which map onto the same eight)."""

    DIALOGUE = "doi_thoai"
    MEETING = "hop"
    HOUSEHOLD_BALLOT = "phieu_ho"
    SUGGESTION_BOX = "hom_thu"
    FRONT = "mat_tran"
    PORTAL = "cong_thong_tin"
    SOCIAL = "mang_xa_hoi"
    AFFECTED_DIALOGUE = "doi_thoai_nguoi_anh_huong"


FORM_LABELS: dict[Form, tuple[str, str]] = {
    Form.DIALOGUE: ("Hội nghị đối thoại giữa UBND xã với Nhân dân", "Điều 26 điểm a"),
    Form.MEETING: ("Hội nghị, cuộc họp của cộng đồng dân cư", "Điều 26 điểm b"),
    Form.HOUSEHOLD_BALLOT: ("Phát phiếu lấy ý kiến hộ gia đình", "Điều 26 điểm c"),
    Form.SUGGESTION_BOX: ("Hòm thư góp ý, đường dây nóng", "Điều 26 điểm d"),
    Form.FRONT: (
        "Thông qua Ban công tác Mặt trận và các tổ chức chính trị - xã hội",
        "Điều 26 điểm đ",
    ),
    Form.PORTAL: ("Cổng thông tin điện tử, trang thông tin điện tử của xã", "Điều 26 điểm e"),
    Form.SOCIAL: ("Hệ thống viễn thông, mạng xã hội", "Điều 26 điểm g"),
    Form.AFFECTED_DIALOGUE: (
        "Đối thoại với người dân chịu tác động (Điều 25 khoản 8)",
        "Điều 26 điểm h",
    ),
}

NO_FORM = "Chọn ít nhất một hình thức lấy ý kiến (Điều 26 Luật Thực hiện dân chủ ở cơ sở)."
AFFECTED_DIALOGUE_ONLY_FOR_OBLIGATIONS = (
    "Hình thức đối thoại với người dân chịu tác động chỉ dùng cho dự thảo quyết định xác lập "
    "nghĩa vụ hoặc hạn chế quyền của công dân (Điều 25 khoản 8, Điều 26 điểm h)."
)


@dataclass(frozen=True)
class MinimumDuration:
    """A minimum consultation period in days counted from publication of the content."""

    days: int
    since: date
    article: str
    scope: str


# Law 10/2022 Art. 28(2): at least 20 days from publication, unless a law sets another period.
# Agencies: Art. 55 sets no number; the commune's 20 days are not imposed on them (None).
MINIMUM_DURATIONS: tuple[MinimumDuration, ...] = (
    MinimumDuration(20, LAW_IN_FORCE, "Điều 28 khoản 2 Luật Thực hiện dân chủ ở cơ sở", "commune"),
)
TOO_SHORT = (
    "Thời gian lấy ý kiến từ {opens} đến {closes} là {days} ngày, ngắn hơn tối thiểu {minimum} "
    "ngày kể từ ngày công bố nội dung ({article}) — hãy lùi ngày kết thúc đến ít nhất {earliest}."
)
CLOSES_BEFORE_OPENS = "Ngày kết thúc lấy ý kiến phải sau ngày bắt đầu."
NOT_IN_FORCE = (
    "Luật Thực hiện dân chủ ở cơ sở có hiệu lực từ 01/07/2023; không lấy ý kiến trước ngày đó."
)


class Refused(ValueError):
    """A rule below refused; ``message`` says what to fix (Vietnamese)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def subjects_for(scope: str) -> tuple[Subject, ...]:
    """The subjects of a commune consultation (Art. 25) or an agency one (Art. 53)."""
    return COMMUNE_SUBJECTS if scope == "commune" else AGENCY_SUBJECTS


def check_subject(code: str, scope: str) -> Subject:
    """The subject of ``code`` if it belongs to ``scope``'s list (Art. 25 or Art. 53)."""
    subject = SUBJECTS.get(code)
    if subject is None or subject.scope != scope:
        label = subject.label if subject else code
        who, where = SCOPE_WORDS[scope]
        raise Refused(SUBJECT_NOT_FOR_SCOPE.format(label=label, scope=who, where=where))
    return subject


def check_forms(forms: list[str], subject_code: str) -> list[Form]:
    """At least one Art. 26 form; the affected-citizens dialogue (h) only for Art. 25(8)."""
    chosen = [Form(f) for f in dict.fromkeys(forms)]
    if not chosen:
        raise Refused(NO_FORM)
    if Form.AFFECTED_DIALOGUE in chosen and subject_code != "nghia_vu":
        raise Refused(AFFECTED_DIALOGUE_ONLY_FOR_OBLIGATIONS)
    return chosen


def minimum_duration(scope: str, on: date) -> MinimumDuration | None:
    """The minimum period in force on ``on`` for ``scope`` (the latest entry since ≤ on)."""
    entries = [m for m in MINIMUM_DURATIONS if m.scope == scope and m.since <= on]
    return max(entries, key=lambda m: m.since) if entries else None


def duration_days(opens: date, closes: date) -> int:
    """Days of consultation: the day of publication counts, so 01/03 → 20/03 is 20 days."""
    return (closes - opens).days + 1


def earliest_close(opens: date, scope: str) -> date:
    """The first closing date the law allows for a consultation published on ``opens``."""
    rule = minimum_duration(scope, opens)
    return opens if rule is None else opens + timedelta(days=rule.days - 1)


def check_window(opens: date, closes: date, scope: str) -> None:
    """Art. 28(2): a commune consultation lasts at least 20 days from publication (the
    publication day counted as day one); closing never precedes opening."""
    if opens < LAW_IN_FORCE:
        raise Refused(NOT_IN_FORCE)
    if closes < opens:
        raise Refused(CLOSES_BEFORE_OPENS)
    rule = minimum_duration(scope, opens)
    days = duration_days(opens, closes)
    if rule is not None and days < rule.days:
        raise Refused(
            TOO_SHORT.format(
                opens=f"{opens:%d/%m/%Y}",
                closes=f"{closes:%d/%m/%Y}",
                days=days,
                minimum=rule.days,
                article=rule.article,
                earliest=f"{earliest_close(opens, scope):%d/%m/%Y}",
            )
        )


# --- The synthesis: every opinion taken in or explained (Art. 28(3), Art. 55) ---------------


class Verdict(StrEnum):
    """How an opinion (or a group of like opinions) was answered: tiếp thu, tiếp thu một phần,
    không tiếp thu (giải trình)."""

    ACCEPTED = "tiep_thu"
    PARTLY = "tiep_thu_mot_phan"
    NOT_ACCEPTED = "khong_tiep_thu"


VERDICT_LABELS = {
    Verdict.ACCEPTED: "Tiếp thu",
    Verdict.PARTLY: "Tiếp thu một phần",
    Verdict.NOT_ACCEPTED: "Không tiếp thu (giải trình)",
}
EXPLANATION_REQUIRED = (
    "Ý kiến không được tiếp thu hoặc chỉ tiếp thu một phần phải có giải trình lý do "
    "(Điều 28 khoản 3 Luật Thực hiện dân chủ ở cơ sở)."
)
ANSWER_REQUIRED = "Hãy ghi nội dung trả lời (tiếp thu thế nào, sửa ở đâu trong dự thảo)."
MIN_EXPLANATION = 20
EXPLANATION_TOO_SHORT = "Lời giải trình quá ngắn — viết ít nhất {n} ký tự nói rõ lý do."
UNANSWERED = "ý kiến #{number} chưa được trả lời"
MAJORITY_REASON_REQUIRED = (
    "Quyết định khác với ý kiến của đa số ({against} trên {total} ý kiến không đồng tình) — phải "
    "nêu rõ lý do (Điều 28 khoản 4 Luật Thực hiện dân chủ ở cơ sở)."
)


def check_answer(verdict: str, text: str) -> Verdict:
    """An answer says what was done; "partly" and "not accepted" need a real explanation."""
    verdict = Verdict(verdict)
    text = (text or "").strip()
    if not text:
        raise Refused(EXPLANATION_REQUIRED if verdict != Verdict.ACCEPTED else ANSWER_REQUIRED)
    if verdict != Verdict.ACCEPTED and len(text) < MIN_EXPLANATION:
        raise Refused(EXPLANATION_TOO_SHORT.format(n=MIN_EXPLANATION))
    return verdict


def unanswered(opinions: list[tuple[int, bool]]) -> list[str]:
    """Art. 28(3): every opinion must be answered. ``opinions`` are (number, answered) pairs of
    the visible opinions; the result lists one message per unanswered one, in number order."""
    return [UNANSWERED.format(number=n) for n, answered in sorted(opinions) if not answered]


def against_majority(agree: int, disagree: int) -> bool:
    """Art. 28(4): a decision that keeps a draft most opinions disagreed with goes against the
    majority view (strictly more disagreements than agreements)."""
    return disagree > agree


def check_majority_reason(agree: int, disagree: int, reason: str) -> None:
    """A decision against the majority view must state its reasons (Art. 28(4))."""
    if against_majority(agree, disagree) and len((reason or "").strip()) < MIN_EXPLANATION:
        raise Refused(MAJORITY_REASON_REQUIRED.format(against=disagree, total=agree + disagree))
