"""The writes and the reading of the restore drill (``test_restore_drill.py``), run as a
separate process against the throw-away cluster named by ``DATABASE_URL``, through the real
services so that every write leaves its audit event.

``before``: the test world, a village of 30 households voting online, 20 ballots cast.
``after``: 6 more ballots, 8 more households and a new village (an audited write: casts are
audited by the seal at close, not one event each). ``state``: prints the counts, the tally and
the result of re-hashing every audit chain, as JSON.
"""

import json
import os
import sys

import django

BEFORE_VOTERS, AFTER_VOTERS, VOTERS = 20, 6, 30


def before() -> None:
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import _official, build_world
    from dancoso.decisions import services
    from dancoso.decisions.tests import factories

    world = build_world()
    head = _official("truongthon", Role.VILLAGE_HEAD, world.village, full_name="Lộc Văn Sơn")
    decision, pairs = factories.online_vote_ready(head, world.village, VOTERS, prefix="D")
    agree, disagree = factories.option(decision, "agree"), factories.option(decision, "disagree")
    for i, (_, user) in enumerate(pairs[:BEFORE_VOTERS]):
        choice = disagree if i % 4 == 0 else agree
        services.cast_ballot(decision, actor=user, option_id=choice.pk)


def after() -> None:
    from dancoso.accounts.models import User
    from dancoso.core.actors import SystemActor
    from dancoso.decisions import services
    from dancoso.decisions.models import Decision
    from dancoso.decisions.tests import factories
    from dancoso.places import services as places
    from dancoso.places.models import Village

    decision = Decision.objects.get()
    agree = factories.option(decision, "agree")
    users = User.objects.filter(username__startswith="drep").order_by("pk")
    for user in users[BEFORE_VOTERS : BEFORE_VOTERS + AFTER_VOTERS]:
        services.cast_ballot(decision, actor=user, option_id=agree.pk)
    other = Village.objects.exclude(pk=decision.village_id).filter(commune=decision.commune).first()
    factories.village_households(other, 8, prefix="LATE")
    places.create_village(
        decision.commune, actor=SystemActor("drill"), name="Thôn Sau Mốc", kind="thon"
    )


def state() -> dict:
    from django.db.models import Count

    from dancoso.audit.models import AuditEvent
    from dancoso.audit.queries import all_chains, verify_chain
    from dancoso.decisions.models import Ballot, Participation
    from dancoso.households.models import Household

    tally = Ballot.objects.values("option__role").annotate(n=Count("id"))
    chains = {}
    for chain in sorted(all_chains()):
        count, problem = verify_chain(chain)
        chains[chain] = {"events": count, "broken": str(problem) if problem else None}
    return {
        "households": Household.objects.count(),
        "ballots": Ballot.objects.count(),
        "participations": Participation.objects.count(),
        "tally": {row["option__role"]: row["n"] for row in tally},
        "audit_events": AuditEvent.objects.count(),
        "chains": chains,
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
    django.setup()
    step = sys.argv[1]
    if step == "state":
        print(json.dumps(state()), flush=True)
    else:
        {"before": before, "after": after}[step]()


if __name__ == "__main__":
    main()
