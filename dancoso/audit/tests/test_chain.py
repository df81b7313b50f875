"""The hash chain in pure Python (SECURITY.md test 18, no database): every honest chain
verifies, and every single edit, deletion, reordering, insertion or truncation is reported at
the first position where the chain is broken."""

import hashlib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dancoso.audit import chain as audit_chain
from dancoso.audit.chain import (
    BEYOND_HEAD,
    GENESIS_HASH,
    HASHED_FIELDS,
    PUBLISHED_MISMATCH,
    SHORTER_THAN_PUBLISHED,
    TRUNCATED,
    canonical_json,
    event_hash,
    normalise,
    verify,
)

from .oracle import build_chain, expected_break, stored_order
from .strategies import TEXT, event_contents, json_values

CHAIN = "commune:1"
chains = st.lists(event_contents, min_size=1, max_size=12).map(build_chain)


def check(rows, head_seq, head_hash, anchors=None):
    return verify(CHAIN, iter(rows), head_seq, head_hash, anchors)[1]


def other_value(field, value, draw):
    """A different value of the same column type."""
    if field in ("seq", "actor_id"):
        return draw(st.integers(min_value=0, max_value=60).filter(lambda v: v != value))
    if field == "summary":
        return draw(st.dictionaries(st.text(TEXT, max_size=4), json_values, max_size=3)
                    .map(normalise).filter(lambda v: v != value))  # fmt: skip
    return draw(st.text(max_size=70).filter(lambda v: v != value))


@given(chains)
def test_every_honest_chain_verifies(built):
    rows, head_seq, head_hash = built
    count, problem = verify(CHAIN, iter(rows), head_seq, head_hash)
    assert problem is None
    assert count == len(rows)


def test_an_empty_chain_with_no_head_verifies():
    assert verify(CHAIN, iter([]), 0, GENESIS_HASH) == (0, None)


@given(chains, st.data())
def test_any_edit_of_any_hashed_field_is_found_where_it_was_made(built, data):
    rows, head_seq, head_hash = built
    k = data.draw(st.integers(min_value=1, max_value=len(rows)), label="position")
    field = data.draw(st.sampled_from([*HASHED_FIELDS, "hash"]), label="field")
    tampered = [dict(row) for row in rows]
    tampered[k - 1][field] = other_value(field, rows[k - 1][field], data.draw)
    stored = stored_order(tampered)
    problem = check(stored, head_seq, head_hash)
    assert problem is not None
    assert problem.position == expected_break(rows, stored, head_seq, CHAIN)
    if field != "seq":  # a changed position moves the row; any other edit stays in place
        assert problem.position == k
        assert problem.event_id == rows[k - 1]["id"]


@given(chains, st.data())
def test_a_deleted_event_is_found_at_its_position(built, data):
    rows, head_seq, head_hash = built
    k = data.draw(st.integers(min_value=1, max_value=len(rows)))
    problem = check(rows[: k - 1] + rows[k:], head_seq, head_hash)
    assert problem is not None and problem.position == k


@given(chains, st.data())
def test_a_deletion_papered_over_by_renumbering_and_rehashing_is_found_where_it_was_made(
    built, data
):
    """Later events moved down one place, each with a freshly computed hash of its own, but
    still pointing at the deleted event: the first of them no longer links."""
    rows, head_seq, head_hash = built
    assume(len(rows) >= 2)
    k = data.draw(st.integers(min_value=1, max_value=len(rows) - 1))
    later = []
    for row in rows[k:]:
        moved = {**row, "seq": row["seq"] - 1}
        later.append({**moved, "hash": event_hash(moved)})
    problem = check(rows[: k - 1] + later, head_seq, head_hash)
    assert problem is not None and problem.position == k
    assert problem.event_id == rows[k]["id"]


@given(chains, st.data())
def test_two_swapped_events_are_found_at_the_first_of_them(built, data):
    rows, head_seq, head_hash = built
    assume(len(rows) >= 2)
    i, j = sorted(data.draw(st.lists(st.integers(1, len(rows)), min_size=2, max_size=2,
                                     unique=True)))  # fmt: skip
    # As a database superuser would do it: exchange the two rows' sequence numbers.
    tampered = [dict(row) for row in rows]
    tampered[i - 1]["seq"], tampered[j - 1]["seq"] = j, i
    problem = check(stored_order(tampered), head_seq, head_hash)
    assert problem is not None and problem.position == i
    # As a stream read out of order: the rows themselves change places.
    moved = list(rows)
    moved[i - 1], moved[j - 1] = moved[j - 1], moved[i - 1]
    problem = check(moved, head_seq, head_hash)
    assert problem is not None and problem.position == i


def forged(rows, k, content, *, recompute: bool, draw) -> dict:
    prev = rows[k - 2]["hash"] if k > 1 else GENESIS_HASH
    fields = {**content, "chain": CHAIN, "seq": k, "prev_hash": prev}
    fake = hashlib.sha256(draw(st.binary(min_size=1))).hexdigest()
    return {**fields, "id": len(rows) + 1, "hash": event_hash(fields) if recompute else fake}


@given(chains, event_contents, st.booleans(), st.data())
def test_a_forged_event_inserted_in_the_middle_is_found(built, content, recompute, data):
    """With a garbage hash it is found at its own position; with a recomputed hash it links to
    its predecessor, so the chain breaks at the next event, whose link no longer holds."""
    rows, head_seq, head_hash = built
    k = data.draw(st.integers(min_value=1, max_value=len(rows)), label="position")
    event = forged(rows, k, content, recompute=recompute, draw=data.draw)
    shifted = [{**row, "seq": row["seq"] + 1} if row["seq"] >= k else row for row in rows]
    stored = stored_order([*shifted, event])
    problem = check(stored, head_seq, head_hash)
    assert problem is not None
    assert problem.position == (k + 1 if recompute else k)
    assert problem.position == expected_break(rows, stored, head_seq, CHAIN)


@given(chains, event_contents, st.data())
def test_a_forged_event_sharing_a_position_is_found_right_after_it(built, content, data):
    """Without renumbering (a superuser who dropped the unique constraint): the genuine event
    still comes first, so the forgery is found at the next position."""
    rows, head_seq, head_hash = built
    k = data.draw(st.integers(min_value=1, max_value=len(rows)))
    stored = stored_order([*rows, forged(rows, k, content, recompute=True, draw=data.draw)])
    problem = check(stored, head_seq, head_hash)
    assert problem is not None and problem.position == k + 1


@given(chains, event_contents, st.data())
def test_a_forged_event_appended_past_the_head_is_found(built, content, data):
    rows, head_seq, head_hash = built
    event = forged(rows, len(rows) + 1, content, recompute=True, draw=data.draw)
    problem = check([*rows, event], head_seq, head_hash)
    assert problem is not None
    assert (problem.position, problem.reason) == (len(rows) + 1, BEYOND_HEAD)


@given(chains, st.data())
def test_a_truncated_tail_is_found_where_it_was_cut(built, data):
    rows, head_seq, head_hash = built
    keep = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    problem = check(rows[:keep], head_seq, head_hash)
    assert problem is not None
    assert (problem.position, problem.event_id, problem.reason) == (keep + 1, None, TRUNCATED)


@given(chains, st.data())
def test_a_head_moved_back_is_found_past_its_new_position(built, data):
    rows, _head_seq, _head_hash = built
    new_seq = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    new_hash = rows[new_seq - 1]["hash"] if new_seq else GENESIS_HASH
    problem = check(rows, new_seq, new_hash)
    assert problem is not None and problem.position == new_seq + 1


@given(chains, st.text(min_size=1, max_size=64))
def test_a_changed_head_hash_is_found_at_the_last_event(built, new_hash):
    rows, head_seq, head_hash = built
    assume(new_hash != head_hash)
    problem = check(rows, head_seq, new_hash)
    assert problem is not None and problem.position == len(rows)


@given(chains, st.data())
def test_a_full_rewrite_passes_alone_but_not_against_the_published_head(built, data):
    """A superuser who edits an event and recomputes every later hash and the head leaves a
    chain that verifies by itself; the head hash published earlier catches it (SECURITY.md)."""
    rows, head_seq, head_hash = built
    k = data.draw(st.integers(min_value=1, max_value=len(rows)))
    contents = [{f: row[f] for f in HASHED_FIELDS if f not in ("chain", "seq", "prev_hash")}
                for row in rows]  # fmt: skip
    contents[k - 1]["actor_label"] += " (sửa)"
    rewritten, new_seq, new_hash = build_chain(contents, CHAIN)
    assert check(rewritten, new_seq, new_hash) is None
    problem = check(rewritten, new_seq, new_hash, anchors={head_seq: head_hash})
    assert problem is not None
    assert (problem.position, problem.reason) == (head_seq, PUBLISHED_MISMATCH)


@given(chains, st.data())
def test_a_chain_cut_short_of_the_published_head_is_found(built, data):
    rows, head_seq, head_hash = built
    keep = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    new_hash = rows[keep - 1]["hash"] if keep else GENESIS_HASH
    problem = check(rows[:keep], keep, new_hash, anchors={head_seq: head_hash})
    assert problem is not None
    assert (problem.position, problem.reason) == (keep + 1, SHORTER_THAN_PUBLISHED)


def test_verification_reads_lazily_and_stops_at_the_first_break():
    rows, head_seq, head_hash = build_chain([
        {"occurred_at": "2026-01-01T00:00:00.000000+00:00", "actor_id": None,
         "actor_label": "system", "actor_role": "", "action": "a.b", "object_type": "x.y",
         "object_id": str(i), "summary": {}} for i in range(10)
    ], CHAIN)  # fmt: skip
    rows[3] = {**rows[3], "summary": {"sửa": True}}
    consumed = []

    def stream():
        for row in rows:
            consumed.append(row["seq"])
            yield row

    count, problem = verify(CHAIN, stream(), head_seq, head_hash)
    assert problem.position == 4
    assert count == 4 and consumed == [1, 2, 3, 4]


@given(json_values)
def test_canonical_json_is_the_same_for_any_key_order(value):
    if isinstance(value, dict):
        reordered = dict(reversed(list(value.items())))
        assert canonical_json(reordered) == canonical_json(value)
    assert canonical_json(normalise(value)) == canonical_json(normalise(normalise(value)))


@pytest.mark.parametrize(
    "bad", [float("nan"), float("inf"), "nul\x00", {"k\x00": 1}, [-float("inf")], "\ud800"]
)
def test_summaries_a_database_cannot_store_faithfully_are_refused(bad):
    with pytest.raises(ValueError, match="NUL"):
        normalise({"value": bad})


def test_numbers_are_written_the_way_postgresql_reads_them_back():
    assert normalise({"a": -0.0, "b": 1e16, "c": 1.5}) == {"a": 0.0, "b": 10**16, "c": 1.5}
    assert canonical_json(normalise({"a": -0.0})) == '{"a":0.0}'


def test_the_hash_is_sha256_of_the_canonical_json():
    fields = {name: "" for name in HASHED_FIELDS} | {"seq": 1, "actor_id": None, "summary": {}}
    expected = hashlib.sha256(canonical_json(fields).encode()).hexdigest()
    assert audit_chain.event_hash(fields) == expected
