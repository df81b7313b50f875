"""The seal of a closed ballot box: how casts are audited without queueing on the commune chain.

A cast writes two rows, a participation (which household, by which channel, by which
representative) and a ballot (what was chosen); appending an event per cast to the commune's
audit chain would make every ballot of a commune wait for the chain's head lock. Instead the
close event (``decisions.close_voting``), written in the commune chain in the transaction that
shuffles the box, carries this seal: the number of participations per channel and of ballots,
and a SHA-256 over each set in a canonical order. Every committed cast is therefore audited
exactly once, as a member of the sealed set; a rolled-back cast is in no set. After the close
anyone can recompute the seal from the stored rows (``seal_holds``), so an edit, deletion or
insertion in the box or in the participations shows, and the chain itself is anchored by the
published head hashes (docs/security.md §3, §3a).

The digests cover only what the tables hold: household ids with channels, and choices with
receipt hashes, each set on its own, never a pair of the two. The seal also holds, per village,
the households of the electorate and the participations per channel (``village_figures``): the
count reads them from here instead of scanning both tables again, so counting a closed box
scans only the ballots (``counting.count``; the count runs only on a box whose seal holds).
"""

import hashlib

from django.db.models import Count

from dancoso.audit.queries import history_of

from .models import Ballot, Decision, ElectorEntry, Participation

CLOSE_ACTION = "decisions.close_voting"
CHUNK = 5000


def _digest(lines) -> str:
    sha = hashlib.sha256()
    for line in lines:
        sha.update(line.encode())
        sha.update(b"\n")
    return sha.hexdigest()


def _participation_lines(decision: Decision):
    rows = (
        Participation.objects.filter(decision=decision)
        .order_by("household_id")
        .values_list("household_id", "village_id", "channel", "representative_id")
    )
    for household, village, channel, representative in rows.iterator(chunk_size=CHUNK):
        yield f"{household}|{village}|{channel}|{representative or ''}"


def _ballot_lines(decision: Decision):
    rows = (
        Ballot.objects.filter(decision=decision)
        .order_by("receipt_hash")
        .values_list("receipt_hash", "village_id", "option_id", "other_text")
    )
    for receipt, village, option, other in rows.iterator(chunk_size=CHUNK):
        other_hash = hashlib.sha256(other.encode()).hexdigest() if other else ""
        yield f"{receipt}|{village}|{option or ''}|{other_hash}"


def village_figures(decision: Decision) -> dict[str, dict]:
    """Per village (its id as text, as JSON keeps it): ``electorate``, the households on the
    list, and ``channels``, the households that took part by each channel."""
    figures: dict[str, dict] = {}
    for village, n in (
        ElectorEntry.objects.filter(decision=decision)
        .values_list("village_id")
        .annotate(n=Count("id"))
        .values_list("village_id", "n")
    ):
        figures[str(village)] = {"electorate": n, "channels": {}}
    for village, channel, n in (
        Participation.objects.filter(decision=decision)
        .values_list("village_id", "channel")
        .annotate(n=Count("id"))
        .values_list("village_id", "channel", "n")
        .order_by("village_id", "channel")
    ):
        figures.setdefault(str(village), {"electorate": 0, "channels": {}})["channels"][channel] = n
    return figures


def box_seal(decision: Decision) -> dict:
    """The seal of the decision's box as it is stored now: counts, the per-village figures and
    the two digests."""
    villages = village_figures(decision)
    channels: dict[str, int] = {}
    for figures in villages.values():
        for channel, n in figures["channels"].items():
            channels[channel] = channels.get(channel, 0) + n
    return {
        "participations": dict(sorted(channels.items())),
        "villages": villages,
        "participation_digest": _digest(_participation_lines(decision)),
        "ballots": Ballot.objects.filter(decision=decision).count(),
        "ballot_digest": _digest(_ballot_lines(decision)),
    }


def sealed_at_close(decision: Decision) -> dict | None:
    """The seal written in the commune chain when the decision closed (None before)."""
    event = (
        history_of("decisions.decision", decision.pk)
        .filter(action=CLOSE_ACTION)
        .order_by("-seq")
        .first()
    )
    return event.summary.get("seal") if event else None


def seal_holds(decision: Decision) -> bool:
    """The stored box and participations are exactly those sealed at close."""
    sealed = sealed_at_close(decision)
    return sealed is not None and sealed == box_seal(decision)
