"""Load generators on loopback: ``wrk`` when installed, else a small asyncio client.

Both run for a bounded time against one URL with a fixed number of connections and stop by
themselves; both return the same dictionary: requests, seconds, rps, latency percentiles in
milliseconds (p50, p90, p95, p99, max), responses that were not 200, and socket errors.
"""

import asyncio
import json
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

STATS_SCRIPT = Path(__file__).with_name("stats.lua")
PYTHON_MAX_REQUESTS = 200_000


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "python-asyncio"


def measure(
    url: str, *, seconds: int, connections: int, threads: int = 1, cookie: str | None = None
) -> dict:
    if tool() == "wrk":
        return run_wrk(
            url, seconds=seconds, connections=connections, threads=threads, cookie=cookie
        )
    return asyncio.run(run_python(url, seconds=seconds, connections=connections, cookie=cookie))


def run_wrk(url: str, *, seconds: int, connections: int, threads: int, cookie: str | None) -> dict:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(STATS_SCRIPT),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    elapsed = raw["duration_us"] / 1e6
    errors = raw["errors"]
    return {
        "requests": raw["requests"],
        "seconds": round(elapsed, 2),
        "rps": round(raw["requests"] / elapsed, 1),
        **{k: round(v / 1000, 2) for k, v in raw["latency_us"].items() if k != "mean"},
        "not_200": raw["not_200"],
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
    }


async def run_python(url: str, *, seconds: int, connections: int, cookie: str | None) -> dict:
    """The fallback: ``connections`` tasks each send one request per connection (gunicorn's
    sync workers close the connection after each response anyway) until time is up."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    head = f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    request = (head + "\r\n").encode()
    latencies: list[float] = []
    state = {"not_200": 0, "errors": 0}
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        while time.perf_counter() < deadline and len(latencies) < PYTHON_MAX_REQUESTS:
            began = time.perf_counter()
            try:
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                writer.write(request)
                data = await reader.read()
                writer.close()
            except OSError:
                state["errors"] += 1
                continue
            latencies.append(time.perf_counter() - began)
            if not data.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
                state["not_200"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    return summarise(latencies, time.perf_counter() - started, state)


def summarise(latencies: list[float], elapsed: float, state: dict) -> dict:
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000, 2)

    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50": pct(50),
        "p90": pct(90),
        "p95": pct(95),
        "p99": pct(99),
        "max": round(ordered[-1] * 1000, 2),
        "not_200": state["not_200"],
        "socket_errors": state["errors"],
    }
