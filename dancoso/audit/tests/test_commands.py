"""``manage.py audit_verify``: OK on intact chains; on a tampered one it exits non-zero naming
the chain, the first broken position and the event; ``--published`` catches a rewrite that
recomputed every hash."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from dancoso.audit import guard
from dancoso.audit.chain import event_hash
from dancoso.audit.models import AuditChainHead, AuditEvent
from dancoso.audit.queries import head_of
from dancoso.audit.services import record


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("audit_verify", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fail(*args) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify", *args, stdout=io.StringIO(), stderr=err)
    return caught.value, err.getvalue()


@pytest.fixture
def chains(db):
    for code in (6193, 6199):
        for i in range(6):
            record("places.rename_village", actor=None, obj=("places.village", i),
                   summary={"to": f"Thôn {i}"}, commune_code=code)  # fmt: skip
    record("places.load_places", actor=None, obj=("places.map", "vn"))
    return ["commune:6193", "commune:6199", "global"]


def test_intact_chains_print_ok(chains):
    out, err = run()
    assert out.strip() == "OK: 13 sự kiện trong 3 chuỗi toàn vẹn."
    assert err == ""


def test_an_empty_database_is_ok(db):
    assert run()[0].startswith("OK: 0 sự kiện trong 0 chuỗi")


def test_an_edited_event_is_named_with_its_position(chains):
    victim = AuditEvent.objects.get(chain="commune:6199", seq=4)
    guard.maintenance(connection, True)
    AuditEvent.objects.filter(pk=victim.pk).update(summary={"to": "Thôn giả"})
    error, err = fail()
    assert error.returncode == 1  # manage.py exits with it
    assert "1/3 chuỗi bị hỏng" in str(error)
    assert f"Chuỗi commune:6199: hỏng tại vị trí 4 (sự kiện #{victim.pk})" in err
    assert "commune:6193" not in err
    assert run("--chain", "commune:6193")[0].startswith("OK: 6 sự kiện trong 1 chuỗi")


def test_a_deleted_event_is_named(chains):
    guard.maintenance(connection, True)
    AuditEvent.objects.filter(chain="commune:6193", seq=2).delete()
    missing_after = AuditEvent.objects.get(chain="commune:6193", seq=3)
    _error, err = fail("--chain", "commune:6193")
    assert f"hỏng tại vị trí 2 (sự kiện #{missing_after.pk})" in err


def test_an_event_whose_head_was_deleted_is_still_checked(chains):
    guard.maintenance(connection, True)
    AuditChainHead.objects.filter(chain="global").delete()
    _error, err = fail()
    assert "Chuỗi global: hỏng tại vị trí 1" in err


def rewrite_everything_after(chain: str, seq: int) -> None:
    """What a superuser who knows the scheme would do: edit one event and recompute every hash
    after it, and the head, so that the chain verifies by itself."""
    guard.maintenance(connection, True)
    prev = None
    for event in AuditEvent.objects.filter(chain=chain, seq__gte=seq).order_by("seq"):
        if event.seq == seq:
            event.summary = {"to": "Thôn bị viết lại"}
        if prev is not None:
            event.prev_hash = prev
        event.hash = prev = event_hash(event.as_hashed())
        event.save()
    AuditChainHead.objects.filter(chain=chain).update(hash=prev)


def test_a_full_rewrite_is_caught_by_the_published_head(chains):
    published = head_of("commune:6193")
    rewrite_everything_after("commune:6193", 3)
    assert run("--chain", "commune:6193")[0].startswith("OK")  # undetectable from inside
    anchor = f"{published.seq}:{published.hash}"
    error, err = fail("--chain", "commune:6193", "--published", anchor)
    assert "hỏng tại vị trí 6" in err and "đã công bố" in err


def test_published_heads_that_still_match_pass(chains):
    head = head_of("commune:6193")
    record("places.rename_village", actor=None, obj=("places.village", 7), commune_code=6193)
    out, _err = run("--chain", "commune:6193", "--published", f"{head.seq}:{head.hash}")
    assert out.startswith("OK: 7 sự kiện")


def test_a_published_head_needs_its_chain(chains):
    with pytest.raises(CommandError, match="cần đi cùng --chain"):
        call_command("audit_verify", "--published", f"6:{'0' * 64}")


@pytest.mark.parametrize("anchor", ["6:abc", f"sáu:{'0' * 64}", f"6-{'0' * 64}"])
def test_malformed_published_heads_are_explained(chains, anchor):
    with pytest.raises(CommandError, match="VỊ_TRÍ:MÃ_BĂM"):
        call_command("audit_verify", "--chain", "global", "--published", anchor)
