"""``record`` and ``record_many``: what an event holds, and that every accepted summary hashes
the same after its round trip through the database (SQLite text or PostgreSQL jsonb)."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import verify_chain
from dancoso.audit.services import GLOBAL_CHAIN, Entry, chain_for, record, record_many
from dancoso.core.actors import SystemActor
from dancoso.places.models import Village

from .strategies import json_values, labels

codes = itertools.count(200_000)


def test_an_event_says_who_in_which_role_did_what_to_which_object(world, commune_officer):
    event = record("places.rename_village", actor=commune_officer, obj=world.village,
                   summary={"from": "A", "to": "B"}, commune_code=world.commune.code,
                   role="commune_officer")  # fmt: skip
    stored = AuditEvent.objects.get()
    assert stored == event
    assert (stored.chain, stored.seq, stored.actor_id, stored.actor_label, stored.actor_role) == (
        "commune:6193", 1, commune_officer.pk, "canbo", "commune_officer")  # fmt: skip
    assert (stored.object_type, stored.object_id) == ("places.village", str(world.village.pk))
    assert stored.occurred_at.endswith("+00:00")
    assert stored.summary == {"from": "A", "to": "B"}


def test_system_actors_and_the_global_chain(db):
    event = record("places.load_places", actor=SystemActor("load_places"), obj=("places.map", "vn"))
    assert (event.chain, event.actor_id, event.actor_label) == (
        GLOBAL_CHAIN,
        None,
        "system:load_places",
    )
    assert chain_for(None) == GLOBAL_CHAIN and chain_for(6193) == "commune:6193"


def test_an_unsaved_object_cannot_be_audited(world):
    with pytest.raises(ValueError, match="save it first"):
        record("places.create_village", actor=None, obj=Village(commune=world.commune, name="X"))
    assert not AuditEvent.objects.exists()


def test_codes_longer_than_their_column_are_refused_on_every_database(db):
    with pytest.raises(ValueError, match="action longer than 80"):
        record("x" * 81, actor=None, obj=("places.map", "vn"))
    with pytest.raises(ValueError, match="object_id longer than 64"):
        record_many([Entry("a.b", None, ("places.map", "9" * 65))])
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("bad", [{"x": float("nan")}, {"x": "\x00"}])
def test_summaries_that_would_not_survive_the_database_are_refused(db, bad):
    with pytest.raises(ValueError, match="NUL"):
        record("a.b", actor=None, obj=("places.map", "vn"), summary=bad)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(labels, json_values, max_size=5), labels)
def test_any_accepted_summary_verifies_after_the_database_round_trip(db, summary, label):
    code = next(codes)
    record("a.b", actor=label, obj=("x.y", 1), summary=summary, commune_code=code)
    record("a.b", actor=None, obj=("x.y", 2), summary={"sau": summary}, commune_code=code)
    assert verify_chain(chain_for(code)) == (2, None)
