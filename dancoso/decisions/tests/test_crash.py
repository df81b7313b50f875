"""SECURITY.md test 4 (application side): a voting worker killed with SIGKILL in the middle
of casting, five times → every acknowledged ballot is present, none is counted twice, the
registers agree (participations = ballots) and the audit chain stays valid. (Killing the
shared PostgreSQL server itself is left to the operator's drill, docs/security.md.)"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from dancoso.audit.queries import verify_chain
from dancoso.audit.services import chain_for
from dancoso.decisions import services
from dancoso.decisions.models import Ballot, Participation
from dancoso.decisions.tests import factories as f

WORKER = Path(__file__).with_name("crash_voter.py")
RUNS = 5
PER_RUN = 12
KILL_AFTER = 6


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_loses_no_acknowledged_ballot(village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, RUNS * PER_RUN)
    agree = f.option(d, "agree")
    env = os.environ | {"DATABASE_URL": _database_url(), "PYTHONPATH": str(settings.BASE_DIR)}
    acknowledged: list[str] = []
    users = [u.pk for _, u in pairs]
    for run in range(RUNS):
        batch = users[run * PER_RUN : (run + 1) * PER_RUN]
        worker = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
            [sys.executable, str(WORKER), str(d.pk), str(agree.pk), *map(str, batch)],
            stdout=subprocess.PIPE,
            env=env,
            cwd=settings.BASE_DIR,
            text=True,
        )
        for _ in range(KILL_AFTER):
            line = worker.stdout.readline().strip()
            assert line, f"worker ended early in run {run}"
            acknowledged.append(line)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        assert worker.returncode == -signal.SIGKILL
    stored = set(Ballot.objects.filter(decision=d).values_list("receipt_hash", flat=True))
    assert set(acknowledged) <= stored
    assert (
        Ballot.objects.filter(decision=d).count()
        == Participation.objects.filter(decision=d).count()
    )
    assert len(stored) == Ballot.objects.filter(decision=d).count()  # nothing twice
    checked, broken = verify_chain(chain_for(world.commune.code))
    assert broken is None and checked > 0
    services.close_voting(d, actor=village_head)
    d = services.count_votes(d, actor=village_head)
    assert d.result["ballots"] == len(stored) >= RUNS * KILL_AFTER
