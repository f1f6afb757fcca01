"""Helpers for end-to-end tests: the real ``sextortion-triage serve`` in a subprocess, and
Debian's headless Chromium driven by Playwright (never a downloaded browser).

Also used by ``docs/screenshot_page.py`` to take the README screenshot.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-proxy-server"]
_SERVING = re.compile(r"Serving on (http://\S+/)")


@dataclass
class LiveServer:
    """A running server: its base URL and everything it has written to stderr so far."""

    process: subprocess.Popen[str]
    url: str = ""
    lines: list[str] = field(default_factory=list)

    def log(self) -> str:
        """Everything the server printed (start-up lines and the access log)."""
        return "".join(self.lines)


def _drain(server: LiveServer, found: threading.Event) -> None:
    assert server.process.stderr is not None
    for line in server.process.stderr:
        server.lines.append(line)
        match = _SERVING.search(line)
        if match and not server.url:
            server.url = match.group(1)
            found.set()
    found.set()


def _healthy(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url + "v1/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextmanager
def running_server(*args: str, timeout: float = 60.0) -> Iterator[LiveServer]:
    """Start ``sextortion-triage serve --port 0 ARGS`` on loopback; stop it with Ctrl-C."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sextortion_triage", "serve", "--port", "0", *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", env=env)
    server = LiveServer(process)
    found = threading.Event()
    threading.Thread(target=_drain, args=(server, found), daemon=True).start()
    try:
        deadline = time.monotonic() + timeout
        found.wait(timeout)
        while not (server.url and _healthy(server.url)):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start:\n" + server.log())
            time.sleep(0.05)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@contextmanager
def chromium(width: int = 1000, height: int = 900) -> Iterator[Any]:
    """A headless Chromium context with a fresh profile; yields the Playwright context."""
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        raise RuntimeError("Debian's chromium is not installed: apt-get install chromium")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height}, locale="en-GB")
        try:
            yield context
        finally:
            context.close()
