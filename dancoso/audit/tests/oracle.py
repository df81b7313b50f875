"""An oracle for tamper tests, written without the verifier: where should a tampered chain be
reported broken?

The answer is the first position where the stored rows (ordered by sequence number, then id)
differ from the rows that were written — except when the row found there is a perfect forgery
(it links to its predecessor with a correct, recomputed hash). No verifier can tell such a row
from a real one, so the chain breaks at the next link; if the forgery lies beyond the head, the
head itself says where the chain should have ended.
"""

from collections.abc import Sequence
from typing import Any

from dancoso.audit.chain import GENESIS_HASH, HASHED_FIELDS, event_hash

Row = dict[str, Any]
COLUMNS = (*HASHED_FIELDS, "id", "hash")


def build_chain(contents: Sequence[dict], chain: str = "commune:1") -> tuple[list[Row], int, str]:
    """Rows of a valid chain for the given event contents (ids 1..N), and its head."""
    rows, prev = [], GENESIS_HASH
    for seq, content in enumerate(contents, start=1):
        fields = {**content, "chain": chain, "seq": seq, "prev_hash": prev}
        prev = event_hash(fields)
        rows.append({**fields, "id": seq, "hash": prev})
    return rows, len(rows), prev


def stored_order(rows: Sequence[Row]) -> list[Row]:
    """Rows as the verifier reads them from a database: by sequence number, then id."""
    return sorted(rows, key=lambda row: (row["seq"], row["id"]))


def first_divergence(original: Sequence[Row], stored: Sequence[Row]) -> int | None:
    """The first 1-based position where ``stored`` is not ``original``; None if equal."""
    for position, (a, b) in enumerate(zip(original, stored, strict=False), start=1):
        if a != b:
            return position
    if len(original) == len(stored):
        return None
    return min(len(original), len(stored)) + 1


def links(row: Row, position: int, prev_hash: str, chain: str) -> bool:
    """Would this row pass as the genuine event at ``position`` after ``prev_hash``?"""
    try:
        valid_hash = event_hash(row) == row["hash"]
    except (TypeError, ValueError):
        valid_hash = False
    return (
        row["seq"] == position
        and row["prev_hash"] == prev_hash
        and row["chain"] == chain
        and valid_hash
    )


def expected_break(original: Sequence[Row], stored: Sequence[Row], head_seq: int,
                   chain: str) -> int | None:  # fmt: skip
    """The position a verifier must report for ``stored`` (None: nothing to report)."""
    position = first_divergence(original, stored)
    if position is None or position > len(stored) or position > head_seq:
        return position
    prev = stored[position - 2]["hash"] if position > 1 else GENESIS_HASH
    if links(stored[position - 1], position, prev, chain):
        return position + 1
    return position
