"""CPU time spent serving, per request: steadier than wall-clock figures on a shared machine.

Wall-clock throughput and latency move with whatever else runs on the machine; the CPU seconds
the gunicorn workers and their PostgreSQL backends burn per request hardly do. Read from
``/proc/<pid>/stat`` (Linux), so on other systems the figures are simply absent.
"""

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process; 0 if it is gone or /proc is absent."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)", comm may hold spaces
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def children_of(parent: int) -> list[int]:
    """Direct children of ``parent`` (the gunicorn master's workers)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = entry.read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry.parent.name))
    return found


def database_backends() -> list[int]:
    """Server processes of the other connections to this PostgreSQL database (the workers'
    persistent connections) when the server runs on this machine; empty otherwise."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


class Meter:
    """CPU seconds of the workers and of their database backends between ``start`` and
    ``stop``; ``per_request`` divides them by the requests served."""

    def __init__(self, master: int) -> None:
        self.master = master

    def start(self) -> None:
        self.before = self._sample()

    def stop(self, requests: int) -> dict:
        after = self._sample()
        if not requests or self.before is None or after is None:
            return {}
        app = _spent(self.before[0], after[0]) / requests * 1000
        db = _spent(self.before[1], after[1]) / requests * 1000
        return {"cpu_app_ms": round(app, 3), "cpu_db_ms": round(db, 3)}

    def _sample(self) -> tuple[dict[int, float], dict[int, float]] | None:
        if not Path("/proc/self/stat").exists():
            return None
        workers = {pid: cpu_seconds(pid) for pid in children_of(self.master)}
        backends = {pid: cpu_seconds(pid) for pid in database_backends()}
        return workers, backends


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two samples by the processes alive at the second one: a
    process that started in between counts from zero; one that ended is not counted (its
    last seconds are lost, so figures err low, never negative)."""
    return sum(max(0.0, seconds - before.get(pid, 0.0)) for pid, seconds in after.items())
