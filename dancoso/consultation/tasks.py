"""Background work of consultations, run by Django's task API (django-tasks)."""

from django_tasks import task

from dancoso.accounts.messaging import sender

from .models import Consultation, Follow

RESULT_PUBLISHED = "Kết quả lấy ý kiến “{title}” đã được công khai: {path}"
SUBJECT = "Kết quả lấy ý kiến đã được công khai"
BATCH = 500


@task()
def notify_followers(consultation_id: int) -> int:
    """Tell every follower (by e-mail, else SMS) that the synthesis of a consultation is
    published; returns how many were told. Followers are read in batches by id."""
    consultation = Consultation.objects.get(pk=consultation_id)
    text = RESULT_PUBLISHED.format(
        title=consultation.title[:120], path=f"/lay-y-kien/{consultation.pk}/ket-qua/"
    )
    out = sender()
    told, last = 0, 0
    while True:
        rows = list(
            Follow.objects.filter(consultation_id=consultation_id, pk__gt=last)
            .order_by("pk")
            .values_list("pk", "user__email", "user__phone")[:BATCH]
        )
        if not rows:
            return told
        for pk, email, phone in rows:
            last = pk
            if email:
                out.send_email(email, SUBJECT, text)
            elif phone:
                out.send_sms(phone, text)
            else:
                continue
            told += 1


@task()
def build_synthesis_export(export_id: int) -> str:
    """Build one synthesis report file (``services.build_export``) and return its status."""
    from .services import build_export

    return build_export(export_id).status
