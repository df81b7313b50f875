"""The hash chain, in pure Python (no ORM): canonical JSON, event hashes, verification.

Each commune has its own chain; each event's hash covers its position, its content and the hash
of the event before it, so an edit, a deletion, a reordering or an insertion breaks the chain at
that place, and a truncated tail no longer reaches the chain head (SECURITY.md, tests 18–19).
The hash is plain SHA-256 so anyone holding an export can verify it; the head hash is published
on the commune's public page and in its reports, so even a rewrite by a database superuser who
recomputes every hash is detectable against what was published (``anchors`` below).

"Position" is the 1-based place in the chain as stored (ordered by sequence number): the first
position whose event does not continue the chain written so far. An event forged so well that
it links correctly to its predecessor cannot be told apart by itself; the chain then breaks at
the next link, or at the head.
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

NOT_PORTABLE = "audit summary must be JSON without NaN, infinity, NUL characters or lone surrogates"


def canonical_json(value: Any) -> str:
    """One byte-exact text for a JSON value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def normalise(value: Any) -> Any:
    """The JSON value as it will read back from any database (dates and ids become text).

    Refuses what PostgreSQL's ``jsonb`` cannot hold (NaN, infinity, NUL, lone surrogates) and
    writes numbers the way ``jsonb`` gives them back (no negative zero; floats from 1e16 up are
    whole numbers), so a summary hashes the same before and after the round trip on SQLite and
    PostgreSQL alike."""
    try:
        return _tidy(json.loads(json.dumps(value, default=str, allow_nan=False)))
    except ValueError as exc:
        raise ValueError(NOT_PORTABLE) from exc


def _tidy(value: Any) -> Any:
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(NOT_PORTABLE)
        value.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError, a ValueError
        return value
    if isinstance(value, float):
        return int(value) if abs(value) >= 1e16 else value + 0.0  # -0.0 + 0.0 == 0.0
    if isinstance(value, dict):
        return {_tidy(k): _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def event_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the hashed fields of one event."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place where a chain stops being what was written."""

    chain: str
    position: int  # 1-based place in the stored chain (= the sequence number expected there)
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"sự kiện #{self.event_id}" if self.event_id is not None else "cuối chuỗi"
        return f"Chuỗi {self.chain}: hỏng tại vị trí {self.position} ({where}): {self.reason}"


EDITED = "nội dung sự kiện không khớp mã băm — đã bị sửa (edited)"
MISSING = "thiếu sự kiện ở vị trí này — bị xóa hoặc đảo thứ tự (deleted or reordered)"
OUT_OF_ORDER = (
    "sự kiện không nối tiếp sự kiện trước — bị chèn hoặc đảo thứ tự (inserted or reordered)"
)
TRUNCATED = "chuỗi dừng trước đầu chuỗi — đã bị cắt cụt (truncated)"
BEYOND_HEAD = "sự kiện nằm sau đầu chuỗi — bị chèn thêm hoặc đầu chuỗi bị sửa (beyond the head)"
HEAD_MISMATCH = "mã băm đầu chuỗi không khớp sự kiện cuối (head mismatch)"
PUBLISHED_MISMATCH = "mã băm khác mã đầu chuỗi đã công bố — lịch sử đã bị viết lại (rewritten)"
SHORTER_THAN_PUBLISHED = "chuỗi ngắn hơn đầu chuỗi đã công bố — đã bị cắt cụt (truncated)"


def verify(
    chain: str,
    events: Iterable[Mapping[str, Any]],
    head_seq: int,
    head_hash: str,
    anchors: Mapping[int, str] | None = None,
) -> tuple[int, Break | None]:
    """Walk ``events`` (ordered by seq, then id) once and return (events read, first break).

    ``head_seq``/``head_hash`` come from the chain's head row; ``anchors`` maps positions to
    hashes published earlier (on the public page or in a report). Reads lazily: a database
    iterator is never loaded whole, and the walk stops at the first break."""
    anchors = anchors or {}
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for event in events:
        count += 1
        problem = _check_event(chain, event, expected_seq, prev_hash)
        if problem is None and expected_seq > head_seq:
            problem = BEYOND_HEAD
        if problem is None and anchors.get(expected_seq, event["hash"]) != event["hash"]:
            problem = PUBLISHED_MISMATCH
        if problem:
            return count, Break(chain, expected_seq, event.get("id"), problem)
        prev_hash = event["hash"]
        expected_seq += 1
    return count, _check_end(chain, expected_seq - 1, prev_hash, head_seq, head_hash, anchors)


def _check_event(
    chain: str, event: Mapping[str, Any], expected_seq: int, prev_hash: str
) -> str | None:
    if event["seq"] > expected_seq:
        return MISSING
    if event["seq"] < expected_seq or event["prev_hash"] != prev_hash:
        return OUT_OF_ORDER if _hash_holds(event) else EDITED
    if event["chain"] != chain or not _hash_holds(event):
        return EDITED
    return None


def _hash_holds(event: Mapping[str, Any]) -> bool:
    try:
        return event_hash(event) == event["hash"]
    except (TypeError, ValueError):  # a value no honest writer could have stored
        return False


def _check_end(
    chain: str, last_seq: int, last_hash: str, head_seq: int, head_hash: str,
    anchors: Mapping[int, str],
) -> Break | None:  # fmt: skip
    if last_seq < head_seq:
        return Break(chain, last_seq + 1, None, TRUNCATED)
    if last_hash != head_hash:
        return Break(chain, last_seq, None, HEAD_MISMATCH)
    if anchors and max(anchors) > last_seq:
        return Break(chain, last_seq + 1, None, SHORTER_THAN_PUBLISHED)
    return None
