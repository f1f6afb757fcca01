"""``sextortion-triage serve``: bind a socket, say who can reach it, run uvicorn on it.

Needs the ``[server]`` extra. Logs go to standard error: uvicorn's start and stop lines,
and our own access log (method, path, status, size, time). Nothing logs a message, and
exceptions are logged by type only, without their text or traceback.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import sys
from pathlib import Path

import uvicorn

from .api import create_app
from .errors import InputError
from .http_guards import ACCESS_LOGGER

__all__ = ["bind_socket", "describe_binding", "is_loopback", "run_server"]


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and any loopback address (127.0.0.0/8, ::1)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _url(host: str, port: int) -> str:
    shown = host.strip("[]")
    if shown in ("0.0.0.0", "::"):  # every interface: this computer reaches it on loopback
        shown = "127.0.0.1" if shown == "0.0.0.0" else "::1"
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def describe_binding(host: str, port: int) -> list[str]:
    """What ``serve`` prints once bound: the address, and who else can connect.

    >>> describe_binding("127.0.0.1", 8000)[0]
    'Serving on http://127.0.0.1:8000/ (loopback: only this computer can connect).'
    """
    url = _url(host, port)
    if is_loopback(host):
        return [f"Serving on {url} (loopback: only this computer can connect).",
                "Open that address in a web browser. Press Ctrl-C to stop."]
    return [f"Serving on {url} and on {host}:{port}.",
            f"Warning: listening on {host}, not on loopback, so other computers that can "
            "reach this one may connect and send messages to it. Messages are still never "
            "stored or logged. To keep it private, use --host 127.0.0.1.",
            "Press Ctrl-C to stop."]


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (port 0 picks a free one)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror:
        raise InputError(f"cannot use --host {host}: no such address.",
                         "use an IP address such as 127.0.0.1.") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port} ({error.strerror}).",
                         "choose another --port, or stop the program using it.") from None
    sock.listen(2048)  # connections queue from now on, before uvicorn takes over
    return sock


class _TypeOnly(logging.Filter):
    """Replace any exception attached to a record by its type name (no text, no traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.getMessage()} ({record.exc_info[0].__name__})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def log_config() -> dict[str, object]:
    """logging.dictConfig for uvicorn's loggers and our access log, all to standard error."""
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
               "formatter": "plain", "filters": ["type_only"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"type_only": {"()": _TypeOnly}},
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(message)s"}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            ACCESS_LOGGER: {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }


def run_server(host: str = "127.0.0.1", port: int = 8000, *, model: Path | None = None,
               trust_model: bool = False) -> None:
    """Bind, load and verify the model, print where it listens, serve until Ctrl-C."""
    sock = bind_socket(host, port)
    try:
        app = create_app(model, trust_model)
    except BaseException:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    for line in describe_binding(host, bound_port):
        print(line, file=sys.stderr, flush=True)
    config = uvicorn.Config(app, log_config=log_config(), access_log=False, lifespan="off",
                            server_header=False, timeout_graceful_shutdown=5)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn has shut down; Ctrl-C passes on
        uvicorn.Server(config).run(sockets=[sock])
    print("Stopped.", file=sys.stderr, flush=True)
