"""Load-test ``sextortion-triage serve`` on loopback: many concurrent clients, fixed time.

Usage: python bench/serve_bench.py [--clients 200] [--seconds 30] [--url http://127.0.0.1:P/]

Without --url it starts the real server (``python -m sextortion_triage serve --port 0``)
on 127.0.0.1, waits for /v1/health, and stops it afterwards. Each client is an asyncio
task with its own keep-alive HTTP/1.1 connection (spoken with the standard library, so the
load generator stays cheap) that posts one corpus message at a time to /v1/score until the
time is up; a request counts as an error unless it answers 200 with a
risk level. Prints a Markdown table: requests/s, p50/p99 latency and errors, for
/v1/score and, as a floor (HTTP and framework cost without scoring), /v1/health. Only
loopback addresses are accepted, and the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import ipaddress
import json
import os
import platform
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CORPUS = Path(__file__).resolve().parent.parent / "data" / "messages.csv"
FALLBACK = ["I have your nudes. Send $300 on Cash App in 1 hour or I post them.",
            "see you at 6, can you bring the salad?"]


@dataclass
class LoadResult:
    """What a load run measured."""

    name: str
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0

    def row(self) -> str:
        """The result as one Markdown table row (see HEADER)."""
        errors = sum(self.errors.values())
        return (f"| {self.name} | {self.clients} | {self.seconds:.1f} | {self.requests:,} | "
                f"{errors} | {self.requests / self.seconds:,.0f} | "
                f"{self.percentile(0.5) * 1000:,.1f} | {self.percentile(0.99) * 1000:,.1f} |")


HEADER = ("| run | clients | seconds | requests | errors | requests/s | p50 (ms) | p99 (ms) |\n"
          "|---|---|---|---|---|---|---|---|")


def messages(count: int = 500, seed: int = 7) -> list[str]:
    """Corpus messages of both labels (the project's own corpus; nothing is fetched)."""
    if not CORPUS.is_file():
        return FALLBACK
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]
    return random.Random(seed).sample(texts, min(count, len(texts)))


def _require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"refusing to load {host}: this benchmark runs on loopback only")


class _Connection:
    """One keep-alive HTTP/1.1 connection, spoken by hand so the client costs little CPU
    and the figures measure the server, not the load generator."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, path: str, body: bytes | None) -> tuple[int, bytes]:
        """POST ``body`` (or GET when it is None); return the status and the content."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = f"{'GET' if body is None else 'POST'} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + (body or b""))
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        headers = dict(line.split(b":", 1) for line in head.split(b"\r\n")[1:] if b":" in line)
        fields = {k.strip().lower(): v.strip() for k, v in headers.items()}
        content = await self.reader.readexactly(int(fields.get(b"content-length", b"0")))
        if fields.get(b"connection", b"").lower() == b"close":
            await self.close()
        return status, content

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def _client(base_url: str, path: str, bodies: list[bytes | None], start: int,
                  deadline: float, result: LoadResult) -> None:
    parts = urlsplit(base_url)
    connection = _Connection(parts.hostname or "127.0.0.1", parts.port or 80)
    number = start
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        try:
            status, content = await connection.request(path, bodies[number % len(bodies)])
            answer = json.loads(content)
            ok = status == 200 and ("risk_level" in answer or answer.get("status") == "ok")
            kind = "" if ok else f"HTTP {status}"
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            kind = type(error).__name__
            await connection.close()
        if kind:
            result.errors[kind] = result.errors.get(kind, 0) + 1
        else:
            result.latencies.append(time.perf_counter() - began)
        number += 1
    await connection.close()


async def _run(base_url: str, clients: int, seconds: float, texts: list[str],
               health: bool) -> LoadResult:
    bodies: list[bytes | None] = (
        [None] if health else [json.dumps({"text": text}).encode() for text in texts])
    path = "/v1/health" if health else "/v1/score"
    began = time.perf_counter()
    result = LoadResult(("GET " if health else "POST ") + path, clients, seconds)
    await asyncio.gather(*(_client(base_url, path, bodies, n * 37, began + seconds, result)
                           for n in range(clients)))
    result.seconds = time.perf_counter() - began
    return result


def run_load(base_url: str, *, clients: int = 200, seconds: float = 30.0,
             texts: list[str] | None = None, health: bool = False) -> LoadResult:
    """Run ``clients`` concurrent clients against ``base_url`` for ``seconds``: POST
    /v1/score with corpus messages, or GET /v1/health (the HTTP floor) with ``health``."""
    _require_loopback(base_url)
    wait_until_healthy(base_url)
    return asyncio.run(_run(base_url, clients, seconds, texts or messages(), health))


def wait_until_healthy(base_url: str, timeout: float = 60.0) -> None:
    """Return once GET /v1/health answers; fail after ``timeout`` seconds."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while True:
        try:
            opener.open(base_url + "v1/health", timeout=5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"no server answers at {base_url}") from None
            time.sleep(0.05)


@contextmanager
def started_server() -> Iterator[str]:
    """The real server on a free loopback port; yields its base URL."""
    process = subprocess.Popen([sys.executable, "-m", "sextortion_triage", "serve", "--port",
                                "0"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stderr is not None
    try:
        for line in process.stderr:
            match = re.search(r"Serving on (http://\S+/)", line)
            if match:
                break
        else:
            raise SystemExit("the server did not start")
        url = match.group(1)
        # Keep reading the access log, or the server blocks once the pipe is full.
        threading.Thread(target=process.stderr.read, daemon=True).start()
        wait_until_healthy(url)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--floor-seconds", type=float, default=10.0,
                        help="Also load GET /v1/health for this long (0: skip).")
    parser.add_argument("--url", help="A server already running on loopback.")
    args = parser.parse_args()
    print(f"```text\n{args.clients} clients on loopback, one server process; Python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}; the load "
          f"generator shares the machine\n```\n\n{HEADER}")

    def measure(url: str) -> list[LoadResult]:
        runs = [run_load(url, clients=args.clients, seconds=args.seconds)]
        if args.floor_seconds > 0:
            runs.append(run_load(url, clients=args.clients, seconds=args.floor_seconds,
                                 health=True))
        return runs

    if args.url:
        results = measure(args.url)
    else:
        with started_server() as url:
            results = measure(url)
    for result in results:
        print(result.row())
        if result.errors:
            print(f"errors in {result.name}: {result.errors}", file=sys.stderr)
    return 1 if any(result.errors for result in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
