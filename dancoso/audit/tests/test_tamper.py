# ruff: noqa: S608 -- raw SQL on purpose: a superuser tampering; names are constants
"""SECURITY.md test 18 on a real database: 1,000 random edits, deletions, reorderings,
insertions, truncations and head rewrites made with raw SQL by a database superuser (the
append-only trigger switched off) are all detected, each at the first broken position.

A chain of 50 events is written once through ``record``; each tampering happens inside a
savepoint that is rolled back afterwards, so every one meets a fresh, valid chain.
"""

import json
import os
import random
import secrets
from dataclasses import dataclass

from django.db import connection, transaction

from dancoso.audit import guard
from dancoso.audit.chain import GENESIS_HASH, event_hash
from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import head_of, verify_chain
from dancoso.audit.services import Entry, record, record_many

from .oracle import COLUMNS, expected_break

CODE = 6193
CHAIN = f"commune:{CODE}"
EVENTS = 50
TAMPERINGS = 1000
SEED = int(os.environ.get("DANCOSO_TAMPER_SEED", "20260101"))
TABLE = guard.TABLE
TEXT_FIELDS = ("occurred_at", "actor_label", "actor_role", "action", "object_type", "object_id")
KINDS = ("edit", "delete", "reorder", "insert", "truncate", "head")


@dataclass
class Tampering:
    kind: str
    detail: str
    expected: int  # the position the tampering itself says must be reported


def rows() -> list[dict]:
    return list(AuditEvent.objects.filter(chain=CHAIN).order_by("seq", "id").values(*COLUMNS))


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def json_param() -> str:
    return "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"


def build_chain(officer) -> None:
    for i in range(EVENTS // 2):
        record("places.rename_village", actor=officer, obj=("places.village", i),
               summary={"from": f"Thôn {i}", "to": f"Thôn {i + 1}", "n": i * 1.5},
               commune_code=CODE, role="commune_officer")  # fmt: skip
    record_many([Entry("households.update_household", None, ("households.household", i),
                       {"changed": ["address"], "i": i}) for i in range(EVENTS - EVENTS // 2)],
                CODE)  # fmt: skip


def other_text(value: str, rng: random.Random) -> str:
    if not value:
        return "x"
    i = rng.randrange(len(value))
    return value[:i] + ("y" if value[i] != "y" else "z") + value[i + 1 :]


def edit(rng: random.Random, original: list[dict]) -> Tampering:
    k = rng.randint(1, EVENTS)
    row = original[k - 1]
    field = rng.choice(["chain", "seq", "actor_id", "summary", "prev_hash", "hash", *TEXT_FIELDS])
    expected = k
    if field == "summary":
        value, placeholder = json.dumps({**row["summary"], "sửa": rng.random()}), json_param()
    else:
        placeholder = "%s"
        if field == "chain":
            value = "commune:999999"
        elif field == "seq":
            value = rng.choice([0, EVENTS + rng.randint(1, 100)])
            expected = 1 if value == 0 else k
        elif field == "actor_id":
            value = None if row["actor_id"] is not None else rng.randint(1, 10**9)
        elif field in ("prev_hash", "hash"):
            value = secrets.token_hex(32)
        else:
            value = other_text(row[field], rng)
    sql(f"UPDATE {TABLE} SET {field} = {placeholder} WHERE id = %s", [value, row["id"]])
    return Tampering("edit", f"{field} of #{k} := {value!r}", expected)


def delete(rng: random.Random, original: list[dict]) -> Tampering:
    k = rng.randint(1, EVENTS)
    sql(f"DELETE FROM {TABLE} WHERE id = %s", [original[k - 1]["id"]])
    return Tampering("delete", f"#{k}", k)


def reorder(rng: random.Random, original: list[dict]) -> Tampering:
    i, j = sorted(rng.sample(range(1, EVENTS + 1), 2))
    a, b = original[i - 1]["id"], original[j - 1]["id"]
    sql(f"UPDATE {TABLE} SET seq = %s WHERE id = %s", [10**9, a])  # dodge the unique index
    sql(f"UPDATE {TABLE} SET seq = %s WHERE id = %s", [i, b])
    sql(f"UPDATE {TABLE} SET seq = %s WHERE id = %s", [j, a])
    return Tampering("reorder", f"#{i} <-> #{j}", i)


def insert(rng: random.Random, original: list[dict]) -> Tampering:
    k = rng.randint(1, EVENTS + 1)
    recompute = rng.random() < 0.5
    if k <= EVENTS:  # make room: shift every later event one place up (in two steps)
        sql(f"UPDATE {TABLE} SET seq = seq + 1000000 WHERE chain = %s AND seq >= %s", [CHAIN, k])
        sql(f"UPDATE {TABLE} SET seq = seq - 999999 WHERE chain = %s AND seq >= 1000000", [CHAIN])
    template = rng.choice(original)
    fields = {c: template[c] for c in COLUMNS if c not in ("id", "hash")}
    fields |= {"seq": k, "summary": {"giả mạo": True, "k": k},
               "prev_hash": original[k - 2]["hash"] if k > 1 else GENESIS_HASH}  # fmt: skip
    digest = event_hash(fields) if recompute else secrets.token_hex(32)
    names = ", ".join([*fields, "hash"])
    marks = ", ".join(json_param() if name == "summary" else "%s" for name in [*fields, "hash"])
    values = [json.dumps(v) if name == "summary" else v for name, v in fields.items()]
    sql(f"INSERT INTO {TABLE} ({names}) VALUES ({marks})", [*values, digest])
    expected = k + 1 if recompute and k <= EVENTS else k
    return Tampering("insert", f"at {k}, hash {'recomputed' if recompute else 'forged'}", expected)


def truncate(rng: random.Random, original: list[dict]) -> Tampering:
    cut = rng.randint(1, EVENTS)
    sql(f"DELETE FROM {TABLE} WHERE chain = %s AND seq > %s", [CHAIN, EVENTS - cut])
    return Tampering("truncate", f"last {cut}", EVENTS - cut + 1)


def move_head(rng: random.Random, original: list[dict]) -> Tampering:
    if rng.random() < 0.5:
        seq = rng.randint(0, EVENTS - 1)
        digest = original[seq - 1]["hash"] if seq else GENESIS_HASH
        expected = seq + 1
    else:
        seq, digest, expected = EVENTS, secrets.token_hex(32), EVENTS
    sql("UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE chain = %s",
        [seq, digest, CHAIN])  # fmt: skip
    return Tampering("head", f"head := {seq}", expected)


TAMPER = {"edit": edit, "delete": delete, "reorder": reorder, "insert": insert,
          "truncate": truncate, "head": move_head}  # fmt: skip


def test_a_thousand_random_tamperings_are_all_found_at_the_first_broken_position(
    db, commune_officer
):
    build_chain(commune_officer)
    original = rows()
    assert len(original) == EVENTS and verify_chain(CHAIN) == (EVENTS, None)
    head_seq = head_of(CHAIN).seq
    rng = random.Random(SEED)
    guard.maintenance(connection, True)  # a superuser switches the trigger off
    misses, seen = [], dict.fromkeys(KINDS, 0)
    for n in range(TAMPERINGS):
        kind = KINDS[n % len(KINDS)]
        with transaction.atomic():
            tampering = TAMPER[kind](rng, original)
            stored = rows()
            _count, problem = verify_chain(CHAIN)
            oracle = expected_break(original, stored, head_seq, CHAIN)
            found = problem.position if problem else None
            if kind == "head":
                oracle = tampering.expected  # the rows are intact; only the head moved
            if not (found == tampering.expected == oracle):
                misses.append((n, tampering, found, oracle, problem))
            seen[kind] += 1
            transaction.set_rollback(True)
    assert misses == [], f"seed {SEED}: {len(misses)} missed, first: {misses[:3]}"
    assert sum(seen.values()) == TAMPERINGS and min(seen.values()) >= TAMPERINGS // 6
    assert rows() == original and verify_chain(CHAIN) == (EVENTS, None)
