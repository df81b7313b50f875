"""The hash chain, in pure Python (no ORM): canonical JSON, event hashes, verification.

Each commune has its own chain; each event's hash covers its position, its content and the hash
of the event before it, so an edit, a deletion, a reordering or an insertion breaks every hash
after it, and a truncated tail no longer matches the chain head (SECURITY.md, tests 18–19).
The hash is plain SHA-256 so anyone holding an export can verify it; the head hash is published
on the commune's public page and in its reports, so even a rewrite by a database superuser who
recomputes every hash is detectable against what was published.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
HASHED_FIELDS = (
    "chain", "seq", "occurred_at", "actor_id", "actor_label", "actor_role",
    "action", "object_type", "object_id", "summary", "prev_hash",
)  # fmt: skip


def canonical_json(value: Any) -> str:
    """One byte-exact text for a JSON value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def normalise(value: Any) -> Any:
    """The JSON value as it will read back from the database (dates and ids become text)."""
    return json.loads(json.dumps(value, default=str))


def event_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the hashed fields of one event."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place where a chain stops being what was written."""

    chain: str
    position: int  # the sequence number expected at that place (1-based)
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"sự kiện #{self.event_id}" if self.event_id is not None else "cuối chuỗi"
        return f"Chuỗi {self.chain}: hỏng tại vị trí {self.position} ({where}): {self.reason}"


EDITED = "nội dung sự kiện đã bị sửa (edited)"
MISSING = "thiếu sự kiện — đã bị xóa (deleted)"
OUT_OF_ORDER = "sự kiện bị chèn thêm hoặc đảo thứ tự (inserted or reordered)"
TRUNCATED = "chuỗi bị cắt cụt so với đầu chuỗi (truncated)"
HEAD_MISMATCH = "đầu chuỗi không khớp sự kiện cuối (head mismatch)"


def verify(
    chain: str, events: Iterable[Mapping[str, Any]], head_seq: int, head_hash: str
) -> tuple[int, Break | None]:
    """Walk ``events`` (ordered by seq) and return (events read, first break or None)."""
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for event in events:
        count += 1
        problem = _check_event(event, expected_seq, prev_hash)
        if problem:
            return count, Break(chain, expected_seq, event.get("id"), problem)
        prev_hash = event["hash"]
        expected_seq += 1
    last_seq = expected_seq - 1
    if last_seq < head_seq:
        return count, Break(chain, expected_seq, None, TRUNCATED)
    if last_seq > head_seq or prev_hash != head_hash:
        return count, Break(chain, last_seq, None, HEAD_MISMATCH)
    return count, None


def _check_event(event: Mapping[str, Any], expected_seq: int, prev_hash: str) -> str | None:
    if event["seq"] > expected_seq:
        return MISSING
    if event["seq"] < expected_seq or event["prev_hash"] != prev_hash:
        return OUT_OF_ORDER if event_hash(event) == event["hash"] else EDITED
    if event_hash(event) != event["hash"]:
        return EDITED
    return None
