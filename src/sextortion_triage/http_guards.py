"""ASGI middleware for the server: a body-size limit enforced while reading, and a guard that
adds security headers, writes the access log and turns any unexpected error into a bare 500.

Neither ever reads, logs or echoes a message: the access log carries method, path, status,
response size and time only, and an unexpected error is logged by its type name alone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ACCESS_LOGGER", "SECURITY_HEADERS", "BodyLimit", "Guard", "error_body"]

ACCESS_LOGGER = "sextortion_triage.access"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy",
     b"default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_log = logging.getLogger(ACCESS_LOGGER)


def error_body(field: str, message: str, kind: str) -> bytes:
    """The JSON error body every 4xx/5xx of the API uses: ``message`` plus ``detail`` items."""
    detail = [{"field": field, "msg": message, "type": kind}]
    return json.dumps({"message": f"{field}: {message}", "detail": detail}).encode()


async def _send_json(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    """Raised from ``receive`` once the body passes the limit."""


class BodyLimit:
    """Answer 413 to a request whose body is larger than ``max_bytes``.

    A declared ``Content-Length`` over the limit is refused before reading; otherwise the
    bytes are counted as they arrive (chunked bodies too), and reading stops at the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = error_body("body", f"the request body is larger than {self.max_bytes:,} bytes",
                          "too_large")
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _send_json(send, 413, body)
            return
        received = 0
        too_large = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large:
                return  # whatever the app makes of the interrupted read, the answer is 413
            started = True
            await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, limited_receive, guarded_send)
        if too_large and not started:
            await _send_json(send, 413, body)


class Guard:
    """Security headers on every response, one access-log line per request, no tracebacks.

    Paths outside ``known_paths`` are logged as ``(other)``, because a stray URL could hold
    anything, and query strings are never logged.
    """

    def __init__(self, app: ASGIApp, known_paths: Collection[str]) -> None:
        self.app = app
        self.known_paths = frozenset(known_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status, size, started = 0, 0, False

        async def logged_send(message: Message) -> None:
            nonlocal status, size, started
            if message["type"] == "http.response.start":
                started, status = True, int(message["status"])
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, logged_send)
        except Exception as error:  # every failure ends here, logged by type only
            _log.error("unexpected %s while answering %s", type(error).__name__,
                       self._path(scope))
            if not started:
                await _send_json(logged_send, 500, error_body(
                    "server", "unexpected error; the message was not stored", "internal"))
        elapsed = (time.perf_counter() - began) * 1000
        method = scope["method"] if scope["method"] in _METHODS else "(other)"
        _log.info("%s %s %d %d %.1fms", method, self._path(scope), status, size, elapsed)

    def _path(self, scope: Scope) -> str:
        path = str(scope.get("path", ""))
        return path if path in self.known_paths else "(other)"
