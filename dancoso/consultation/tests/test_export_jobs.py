"""The synthesis report built in the background: progress committed batch by batch, the file
holding every opinion and its answer, a retried task that does not build twice, failures that
end the job with a message, the progress page (htmx) and the download, scoped like the page."""

import io

import pytest
from django.urls import reverse
from docx import Document as ReadDocx

from dancoso.audit.models import AuditEvent
from dancoso.consultation import export, services
from dancoso.consultation.lifecycle import State
from dancoso.consultation.models import SynthesisExport
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified

from .factories import force_state

pytestmark = pytest.mark.django_db


def _answered(consultation, officer, resident, n=5):
    for i in range(n):
        services.post_opinion(consultation, actor=resident, text=f"Ý kiến số {i} về bãi rác.")
    force_state(consultation, State.CLOSED)
    services.answer_opinions(
        consultation, actor=officer, numbers=list(range(1, n)), title="Về bãi rác",
        verdict="tiep_thu", answer="Tiếp thu: dời bãi rác ra xa khu dân cư.",
    )  # fmt: skip
    return consultation


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in ReadDocx(io.BytesIO(data)).paragraphs)


def test_the_build_reports_progress_and_holds_every_opinion(
    open_consultation, commune_officer, resident, monkeypatch, django_capture_on_commit_callbacks
):
    consultation = _answered(open_consultation, commune_officer, resident)
    monkeypatch.setattr(export, "BATCH", 2)
    seen = []
    original = services.exports._progress
    monkeypatch.setattr(
        services.exports, "_progress", lambda job, **f: (seen.append(dict(f)), original(job, **f))
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_export(consultation, actor=commune_officer)
    job.refresh_from_db()
    assert job.status == SynthesisExport.Status.DONE and job.percent == 100
    assert [s["processed"] for s in seen if "processed" in s and "file" not in s] == [2, 4, 5]
    text = _text(job.file.read())
    assert "Tiếp thu: dời bãi rác" in text and "Ý kiến chưa được trả lời" in text
    assert all(f"Ý kiến số {i}" in text for i in range(5))
    assert AuditEvent.objects.filter(action="consultation.export_synthesis").count() == 1


def test_a_retried_task_does_not_build_twice(open_consultation, commune_officer, resident):
    consultation = _answered(open_consultation, commune_officer, resident)
    job = services.request_export(consultation, actor=commune_officer)  # not committed: queued
    assert services.build_export(job.pk).status == SynthesisExport.Status.DONE
    first = SynthesisExport.objects.get(pk=job.pk).file.name
    services.build_export(job.pk)
    assert SynthesisExport.objects.get(pk=job.pk).file.name == first


def test_a_failed_build_ends_with_a_message(
    open_consultation, commune_officer, resident, monkeypatch
):
    consultation = _answered(open_consultation, commune_officer, resident)
    job = services.request_export(consultation, actor=commune_officer)

    def broken(consultation, progress):
        raise RuntimeError("Ý kiến số 1 — must not reach the log")

    monkeypatch.setitem(services.exports.RENDERERS, "docx", broken)
    services.build_export(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "thử lại" in job.error and not job.file


def test_who_may_ask_for_a_build(open_consultation, commune_officer, resident):
    with pytest.raises(DomainError, match="chưa kết thúc"):
        services.request_export(open_consultation, actor=commune_officer)
    force_state(open_consultation, State.CLOSED)
    with pytest.raises(PermissionDeniedError):
        services.request_export(open_consultation, actor=resident)
    assert not SynthesisExport.objects.exists()


def test_progress_page_and_download_are_scoped_like_the_synthesis(
    client, open_consultation, commune_officer, resident, officer_of_other_commune,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    consultation = _answered(open_consultation, commune_officer, resident)
    login_verified(client, commune_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consultation:export_request", args=[consultation.pk]))
    job = SynthesisExport.objects.get()
    assert response.url == reverse("consultation:export", args=[consultation.pk, job.pk])
    page = client.get(response.url).content.decode()
    assert 'id="export-progress-bar"' in page and "Đã xong" in page
    fragment = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="export-status"') and "hx-trigger" not in fragment
    download = reverse("consultation:export_download", args=[consultation.pk, job.pk])
    assert "Ý kiến số 3" in _text(b"".join(client.get(download).streaming_content))
    for user in (resident, officer_of_other_commune):  # before publication: organisers only
        login_verified(client, user)
        assert client.get(response.url).status_code == 404
        assert client.get(download).status_code == 404


def test_a_running_build_polls_and_a_large_report_waits_for_it(
    client, open_consultation, commune_officer, resident, monkeypatch
):
    consultation = _answered(open_consultation, commune_officer, resident)
    job = services.request_export(consultation, actor=commune_officer)  # queued, not built
    login_verified(client, commune_officer)
    fragment = client.get(
        reverse("consultation:export", args=[consultation.pk, job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "Đang chờ" in fragment
    monkeypatch.setattr(export, "INLINE_LIMIT", 3)
    docx = client.get(reverse("consultation:synthesis_docx", args=[consultation.pk]))
    assert docx.url == reverse("consultation:export", args=[consultation.pk, job.pk])
    services.build_export(job.pk)
    served = client.get(reverse("consultation:synthesis_docx", args=[consultation.pk]))
    assert "Ý kiến số 4" in _text(b"".join(served.streaming_content))


def test_publishing_a_large_consultation_queues_its_report(
    open_consultation, commune_officer, resident, monkeypatch
):
    consultation = _answered(open_consultation, commune_officer, resident)
    services.answer_opinions(
        consultation, actor=commune_officer, numbers=[5], title="Khác",
        verdict="khong_tiep_thu", answer="Không tiếp thu vì trái quy hoạch đã duyệt.",
    )  # fmt: skip
    services.write_synthesis(consultation, actor=commune_officer, text="5 ý kiến.")
    services.advance(consultation, "synthesise", actor=commune_officer)
    monkeypatch.setattr(export, "INLINE_LIMIT", 3)
    services.advance(consultation, "publish", actor=commune_officer)
    queued = SynthesisExport.objects.values_list("format", "status")
    assert sorted(queued) == [("docx", "queued"), ("pdf", "queued")]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_report_reads_back_with_every_answer(
    client, open_consultation, commune_officer, resident, django_capture_on_commit_callbacks
):
    consultation = _answered(open_consultation, commune_officer, resident)
    login_verified(client, commune_officer)
    inline = client.get(reverse("consultation:synthesis_pdf", args=[consultation.pk]))
    assert inline["Content-Type"] == "application/pdf"
    text = _pdf_text(inline.content)
    assert "Tiếp thu: dời bãi rác ra xa khu dân cư." in text and "Ý kiến số 4" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultation:export_request", args=[consultation.pk]),
                    {"dinh_dang": "pdf"})  # fmt: skip
    job = SynthesisExport.objects.get()
    assert job.format == "pdf" and job.status == "done"
    assert "Về bãi rác" in _pdf_text(job.file.read())
