"""SECURITY.md test 5: the backup and point-in-time restore drill of docs/operator.md, run for
real on a throw-away PostgreSQL cluster of its own (own directory, own port, WAL archiving on).

Migrate; take the base backup (``pg_basebackup``, as the nightly job does); write households,
ballots and their audit events through the services; note the time T; write more; archive
the WAL; restore the base backup into a new cluster with ``recovery_target_time = T``. The
copy must hold exactly the counts and the tally the source held at T, and every audit chain
on it must re-hash cleanly. (The base backup comes before T: PostgreSQL can only replay WAL
forward from a backup, never back.)
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.postgres
WRITER = Path(__file__).with_name("drill_writer.py")


def _bindir() -> Path:
    """The server binaries: ``DANCOSO_PG_BINDIR``, else the newest under /usr/lib/postgresql."""
    if os.environ.get("DANCOSO_PG_BINDIR"):
        return Path(os.environ["DANCOSO_PG_BINDIR"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        pytest.fail("no PostgreSQL server binaries under /usr/lib/postgresql")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(*command) -> list[str]:
    """``command`` run as the postgres user when we are root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else [*command]


def _run(*command, env=None, cwd=None) -> str:
    done = subprocess.run(  # noqa: S603 - fixed binaries and arguments
        command, capture_output=True, text=True, env=env, cwd=cwd, timeout=600
    )
    assert done.returncode == 0, f"{command[:4]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


class Cluster:
    """One PostgreSQL server in ``data``, on ``port``, with its socket in ``data``."""

    def __init__(self, bindir: Path, data: Path, port: int) -> None:
        self.bindir, self.data, self.port = bindir, data, port

    def pg(self, tool: str, *args) -> str:
        return _run(*_as_postgres(str(self.bindir / tool), *args))

    def start(self) -> None:
        log = self.data.parent / f"{self.data.name}.log"
        try:
            self.pg("pg_ctl", "-D", str(self.data), "-l", str(log), "-w", "-t", "120",
                    "-o", f"-p {self.port} -k {self.data}", "start")  # fmt: skip
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{log.read_text()[-3000:]}") from None

    def stop(self) -> None:
        subprocess.run(  # noqa: S603
            _as_postgres(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                         "stop"), capture_output=True, timeout=120,
        )  # fmt: skip

    def sql(self, query: str, db: str = "drill") -> str:
        return self.pg("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
                       db, "-AtXq", "-c", query).strip()  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/drill"


def _configure(data: Path, archive: Path) -> None:
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(
            "listen_addresses = '127.0.0.1'\n"
            "wal_level = replica\n"
            "archive_mode = on\n"
            f"archive_command = 'test ! -f {archive}/%f && cp %p {archive}/%f'\n"
            "fsync = off\n"  # a throw-away cluster: no crash to survive, only speed
            "max_connections = 20\n"
            "shared_buffers = 32MB\n"
        )


def _app(step: str, url: str) -> str:
    env = os.environ | {"DATABASE_URL": url, "PYTHONPATH": str(settings.BASE_DIR)}
    return _run(sys.executable, str(WRITER), step, env=env, cwd=settings.BASE_DIR)


def _archived(cluster: Cluster, segment: str, timeout: float = 120) -> None:
    """Wait until the archiver has copied ``segment`` (WAL files are named in order)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        last = cluster.sql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
        if last >= segment:
            return
        time.sleep(0.5)
    pytest.fail(f"WAL segment {segment} was not archived in {timeout} s")


@pytest.fixture
def workdir():
    path = Path(tempfile.mkdtemp(prefix="dancoso-drill-"))
    path.chmod(0o755)
    for name in ("source", "archive", "backup"):
        (path / name).mkdir()
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
        for child in path.iterdir():
            shutil.chown(child, "postgres", "postgres")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_base_backup_and_the_wal_restore_the_database_as_it_was_at_time_t(workdir):
    bindir = _bindir()
    source = Cluster(bindir, workdir / "source", _free_port())
    restored = Cluster(bindir, workdir / "backup", _free_port())
    archive = workdir / "archive"
    source.pg("initdb", "-D", str(source.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
              "--locale=C.UTF-8")  # fmt: skip
    _configure(source.data, archive)
    source.start()
    try:
        source.sql("CREATE DATABASE drill", db="postgres")
        _run(sys.executable, "manage.py", "migrate", "-v0", cwd=settings.BASE_DIR,
             env=os.environ | {"DATABASE_URL": source.url})  # fmt: skip
        source.pg("pg_basebackup", "-h", "127.0.0.1", "-p", str(source.port), "-U", "postgres",
                  "-D", str(restored.data), "-X", "stream", "-c", "fast")  # fmt: skip
        _app("before", source.url)
        at_t = json.loads(_app("state", source.url))
        time.sleep(1.1)  # T falls strictly between the last commit before and the first after
        t = source.sql("SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.US TZH:TZM')")
        time.sleep(1.1)
        _app("after", source.url)
        later = json.loads(_app("state", source.url))
        _archived(source, source.sql("SELECT pg_walfile_name(pg_switch_wal())"))
    finally:
        source.stop()

    assert later["ballots"] > at_t["ballots"] and later["households"] > at_t["households"]
    assert later["audit_events"] > at_t["audit_events"]
    restored.data.chmod(0o700)  # PostgreSQL refuses a data directory others can read
    (restored.data / "recovery.signal").touch()
    with (restored.data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"restore_command = 'cp {archive}/%f %p'\n"
            f"recovery_target_time = '{t}'\n"
            "recovery_target_action = 'promote'\n"
            "archive_mode = off\n"
        )
    restored.start()
    try:
        deadline = time.monotonic() + 120
        while restored.sql("SELECT pg_is_in_recovery()", db="postgres") == "t":
            assert time.monotonic() < deadline, "recovery did not finish in 120 s"
            time.sleep(0.5)
        copy = json.loads(_app("state", restored.url))
    finally:
        restored.stop()

    assert copy == at_t
    assert at_t["ballots"] == at_t["participations"] == sum(at_t["tally"].values()) == 20
    assert copy["chains"] and all(c["broken"] is None for c in copy["chains"].values())
