"""Readiness checklists (Helios's ``issues_before_freeze``): each one-way transition of a
consultation has a function that lists, in Vietnamese, what is still missing. The service
refuses while the list is not empty; the officer page shows the list beside the button."""

from datetime import date

from . import law
from .lifecycle import State
from .models import Consultation, Opinion

NO_SECTIONS = "Dự thảo chưa có phần nào — nhập nội dung dự thảo (từng phần hoặc từ tệp DOCX)."
NO_SUMMARY = "Chưa có tóm tắt nội dung bằng ngôn ngữ dễ hiểu."
PLAN_NOT_SENT = (
    "Chưa ghi ngày gửi kế hoạch lấy ý kiến đến Hội đồng nhân dân xã và Ủy ban Mặt trận Tổ quốc "
    "xã (Điều 28 khoản 1) — ghi ngày gửi trong “Sửa thông tin dự thảo”."
)
NOT_YET_DUE = (
    "Chưa hết thời hạn lấy ý kiến (đến hết ngày {closes}) — không được kết thúc sớm "
    "(Điều 28 khoản 2)."
)
NO_SYNTHESIS_TEXT = "Chưa viết báo cáo tổng hợp (phần mở đầu nêu số ý kiến và kết quả tiếp thu)."


def issues_before_open(consultation: Consultation, today: date) -> list[str]:
    """What prevents publishing the draft and opening the consultation today."""
    issues = []
    if not consultation.sections.exists():
        issues.append(NO_SECTIONS)
    if not consultation.summary.strip():
        issues.append(NO_SUMMARY)
    needs_plan = consultation.scope == "commune" and consultation.plan_required
    if needs_plan and consultation.plan_sent_on is None:
        issues.append(PLAN_NOT_SENT)
    try:
        law.check_forms(consultation.forms, consultation.subject)
    except law.Refused as refused:
        issues.append(refused.message)
    try:
        law.check_window(
            max(today, consultation.opens_on), consultation.closes_on, consultation.scope
        )
    except law.Refused as refused:
        issues.append(refused.message)
    return issues


def issues_before_close(consultation: Consultation, today: date) -> list[str]:
    """A consultation closes only once its last day has passed."""
    if today <= consultation.closes_on:
        return [NOT_YET_DUE.format(closes=f"{consultation.closes_on:%d/%m/%Y}")]
    return []


def unanswered_issues(consultation: Consultation) -> list[str]:
    """ "ý kiến #12 chưa được trả lời" for every visible opinion outside an answered group."""
    rows = Opinion.objects.filter(consultation=consultation, hidden_at__isnull=True).values_list(
        "number", "group_id"
    )
    return law.unanswered([(number, group is not None) for number, group in rows])


def issues_before_synthesise(consultation: Consultation, today: date) -> list[str]:
    """Every opinion synthesised and answered (Art. 28(3)); a synthesis report written; a
    decision against the majority view explained (Art. 28(4))."""
    issues = unanswered_issues(consultation)
    if not consultation.synthesis_text.strip():
        issues.append(NO_SYNTHESIS_TEXT)
    agree, disagree = stance_counts(consultation)
    try:
        law.check_majority_reason(agree, disagree, consultation.majority_reason)
    except law.Refused as refused:
        issues.append(refused.message)
    return issues


def issues_before_publish(consultation: Consultation, today: date) -> list[str]:
    """Publishing re-checks the synthesis (an opinion may have been entered since)."""
    return unanswered_issues(consultation)


def stance_counts(consultation: Consultation) -> tuple[int, int]:
    """(agree, disagree) among the visible opinions."""
    visible = Opinion.objects.filter(consultation=consultation, hidden_at__isnull=True)
    return (
        visible.filter(stance=Opinion.Stance.AGREE).count(),
        visible.filter(stance=Opinion.Stance.DISAGREE).count(),
    )


CHECKLISTS = {
    "open": issues_before_open,
    "close": issues_before_close,
    "synthesise": issues_before_synthesise,
    "publish": issues_before_publish,
}
STATE_AFTER = {"open": State.OPEN, "close": State.CLOSED}
