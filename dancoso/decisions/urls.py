"""Decision pages: the organiser's under /can-bo/quyet-dinh/ (``decisions``), the households'
and the public result under /quyet-dinh/ (``decisions_public``)."""

from django.urls import path

from .views import initiatives, organiser, papers, voter

app_name = "decisions"
urlpatterns = [
    path("", organiser.decision_list, name="list"),
    path("tao/", organiser.decision_create, name="create"),
    path("<int:pk>/", organiser.decision_manage, name="manage"),
    path("<int:pk>/buoc/<slug:step>/", organiser.decision_step, name="step"),
    path("<int:pk>/diem-danh/<int:household_id>/", organiser.attendance, name="attendance"),
    path("<int:pk>/quet-the/", organiser.attendance_scan, name="scan"),
    path("<int:pk>/the-diem-danh/", organiser.attendance_cards, name="cards"),
    path("<int:pk>/nop-phieu/<int:household_id>/", organiser.ballot_return, name="return"),
    path("<int:pk>/gui-quyet-dinh/", organiser.send, name="send"),
    path("<int:pk>/nguoi-kiem-phieu/", organiser.officers, name="officers"),
    path("<int:pk>/cong-nhan/", organiser.recognise, name="recognise"),
    path("<int:pk>/tap-phieu/", organiser.batch_enter, name="batch_enter"),
    path(
        "<int:pk>/tap-phieu/<int:batch_pk>/xac-nhan/", organiser.batch_confirm, name="batch_confirm"
    ),
]

public_urlpatterns = (
    [
        path("", voter.my_decisions, name="mine"),
        path("<int:pk>/", voter.vote_page, name="vote"),
        path("<int:pk>/hinh-thuc/", voter.poll_answer, name="poll"),
        path("<int:pk>/bieu-quyet/", voter.cast, name="cast"),
        path("<int:pk>/ket-qua/", voter.result_sheet, name="result"),
        path("<int:pk>/bien-ban/", voter.minutes, name="minutes"),
        path("<int:pk>/bien-ban-<slug:paper>.docx", papers.paper_docx, name="paper"),
        path("<int:pk>/bien-ban-<slug:paper>.pdf", papers.paper_pdf, name="paper_pdf"),
        path("<int:pk>/kiem-tra-bien-nhan/", voter.receipt_check, name="receipt_check"),
        path("sang-kien/", initiatives.initiative_list, name="initiatives"),
        path("sang-kien/<int:pk>/", initiatives.initiative_detail, name="initiative"),
        path("sang-kien/<int:pk>/dong-y/", initiatives.consent, name="consent"),
        path("sang-kien/<int:pk>/mat-tran-dong-y/", initiatives.approve, name="approve"),
    ],
    "decisions_public",
)
