"""The count: every figure of the result sheet, computed from the stored rows only.

``count(decision)`` reads the electorate, the participations and the ballots (never a pairing
of the two) and applies ``law.py``: per village the Art. 21(1) share over ALL its households,
then, for a commune-wide matter, the share of villages. The households on the list and those
that took part come, per village, from the seal written at close (``seal.village_figures``;
the count runs only once the seal is checked against the stored rows, ``readiness``), so the
count scans the ballots alone, once. ``recount`` computes everything again from the stored
rows, so anyone may check that it equals the published result.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count

from . import law, seal
from .law import Kind, Scope
from .models import Ballot, Decision, Option


def _per_village(decision: Decision, figures: dict[str, dict]):
    """(electorate, participants per channel, votes per option) by village id; the first two
    from ``figures`` (``seal.village_figures``), the votes from one grouped scan of the box."""
    electorate = {int(v): f["electorate"] for v, f in figures.items()}
    participants = {int(v): dict(f["channels"]) for v, f in figures.items()}
    votes: dict[int, dict[int | None, int]] = defaultdict(dict)
    for village_id, option_id, n in (
        Ballot.objects.filter(decision=decision)
        .values_list("village_id", "option_id")
        .annotate(n=Count("id"))
        .values_list("village_id", "option_id", "n")
    ):
        votes[village_id][option_id] = n
    return electorate, participants, votes


def _verdict(decision: Decision, options: list[Option], households: int, votes: dict, on: date):
    kind = Kind(decision.kind)
    if kind in law.ELECTION_KINDS:
        return law.election_verdict(
            households=households,
            votes={o.label: votes.get(o.pk, 0) for o in options},
            on=on,
            kind=kind,
        )
    agree = sum(votes.get(o.pk, 0) for o in options if o.role == Option.Role.AGREE)
    return law.village_verdict(kind, households=households, agree=agree, on=on)


def count(decision: Decision) -> dict:
    """Every figure, per village and overall, with the verdict and the rule that decided it;
    the electorate and participations as sealed at close (from the rows before a close)."""
    sealed = seal.sealed_at_close(decision)
    return _count(decision, sealed["villages"] if sealed else seal.village_figures(decision))


def _count(decision: Decision, figures: dict[str, dict]) -> dict:
    on = decision.voting_on
    options = list(decision.options.all())
    electorate, participants, votes = _per_village(decision, figures)
    from dancoso.places.models import Village

    names = dict(Village.objects.filter(pk__in=electorate).values_list("pk", "name"))
    villages = []
    for village_id in sorted(electorate, key=lambda v: names.get(v, "")):
        box = votes.get(village_id, {})
        verdict = _verdict(decision, options, electorate[village_id], box, on)
        invalid = box.get(None, 0)
        ballots = sum(box.values())
        villages.append(
            {
                "village": village_id,
                "name": names.get(village_id, ""),
                "electorate": electorate[village_id],
                "participants": dict(sorted(participants.get(village_id, {}).items())),
                "took_part": sum(participants.get(village_id, {}).values()),
                "absent": electorate[village_id] - sum(participants.get(village_id, {}).values()),
                "ballots": ballots,
                "valid": ballots - invalid,
                "invalid": invalid,
                "options": [
                    {"id": o.pk, "label": o.label, "votes": box.get(o.pk, 0)} for o in options
                ],
                "adopted": verdict.adopted,
                "needed": verdict.needed,
                "rule": str(verdict.rule),
                "winner": verdict.winner,
                "sentence": verdict.sentence,
            }
        )
    return {"villages": villages, **_overall(decision, villages, on)}


def _overall(decision: Decision, villages: list[dict], on: date) -> dict:
    scope = Scope(decision.scope)
    if scope == Scope.COMMUNE:
        verdict = law.commune_verdict([v["adopted"] for v in villages], on=on)
        adopted, rule = verdict.adopted, str(verdict.rule)
        sentence = f"{verdict.got}/{verdict.of} thôn thông qua, cần {verdict.needed} ({rule}): " + (
            "được thông qua." if adopted else "không được thông qua."
        )
        winner = ""
    else:
        only = (
            villages[0]
            if villages
            else {"adopted": False, "rule": "", "sentence": "", "winner": ""}
        )
        adopted, rule, sentence, winner = (
            only["adopted"],
            only["rule"],
            only["sentence"],
            only["winner"],
        )
    basis = law.effect_basis(Kind(decision.kind), scope)
    return {
        "electorate": sum(v["electorate"] for v in villages),
        "took_part": sum(v["took_part"] for v in villages),
        "absent": sum(v["absent"] for v in villages),
        "ballots": sum(v["ballots"] for v in villages),
        "valid": sum(v["valid"] for v in villages),
        "invalid": sum(v["invalid"] for v in villages),
        "adopted": adopted,
        "rule": rule,
        "sentence": sentence,
        "winner": winner,
        "effect": law.EFFECT_TEXT[basis] if adopted else "",
        "carried_over": decision.carried_over,
        "meeting_present": decision.meeting_present,
    }


def recount(decision: Decision) -> dict:
    """The count again, every figure from the stored rows (not from the seal)."""
    return _count(decision, seal.village_figures(decision))


def recount_agrees(decision: Decision) -> bool:
    """The stored result equals a fresh count of the ballot box."""
    return bool(decision.result) and recount(decision) == decision.result
