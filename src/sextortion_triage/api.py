"""HTTP API and the private local page (the optional ``[server]`` extra).

A thin layer over ``score_many``: validate the request, score (requests that arrive
together are scored in one call, see ``batcher``), answer the same objects as
``check --json``. It adds only HTTP's own concerns: limits, error messages
that name the field (never the text), security headers and an access log without bodies.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.post("/v1/score", json={"text": "see you at 6?"}).json()["risk_level"]
'low'
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path, PurePath
from typing import Any, Literal, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .advice import REGIONS, advice_for, privacy_note, resolve_region, wording
from .batcher import Batcher
from .errors import InputError
from .http_guards import BodyLimit, Guard, error_body
from .model import CARD_NAME, load_model, shipped_model_dir
from .reading import MAX_CHARS
from .score import prepare

__all__ = ["HEADINGS", "MAX_BODY_BYTES", "MAX_TEXTS", "ScoreRequest", "create_app",
           "page_wording", "public_model_card"]

MAX_BODY_BYTES = 1_048_576  # 1 MiB
MAX_TEXTS = 1_000
# The CLI's own headings (render.py); tests/test_api.py checks they still match.
HEADINGS = {"risk": "Sextortion risk", "signals": "What in the message points to it:",
            "advice": "What to do"}
TOO_LONG = "the message has {count} characters; only the first {limit} were checked."
Region = Literal["uk", "us", "au", "ca", "ie", "intl"]
Level = Literal["low", "medium", "high"]
_STATIC = {"/": ("index.html", "text/html; charset=utf-8"),
           "/app.js": ("app.js", "text/javascript; charset=utf-8"),
           "/style.css": ("style.css", "text/css; charset=utf-8"),
           "/favicon.svg": ("favicon.svg", "image/svg+xml")}
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
_NOT_AN_OBJECT = ('must be a JSON object such as {"text": "..."}, sent with '
                  "Content-Type: application/json")


class ScoreRequest(BaseModel):
    """One message (``text``) or a list (``texts``), with optional region and age."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, description="One message to score.")
    texts: list[str] | None = Field(
        None, description=f"Several messages (at most {MAX_TEXTS:,}); answered as 'results'.")
    region: Region | None = Field(
        None, description="Whose contacts to give (default: the server's "
                          "$SEXTORTION_TRIAGE_REGION, else intl).")
    under_18: bool | None = Field(
        None, description="true or false forces the advice for under-18s on or off; "
                          "omitted lets the message decide.")


class SignalOut(BaseModel):
    """A matched signal: its name, the original words and their span in the text."""

    name: str
    text: str
    start: int
    end: int
    detail: str


class AdviceOut(BaseModel):
    """One piece of advice, with its sources."""

    id: str
    title: str
    text: str
    sources: list[str]


class ResultOut(BaseModel):
    """Exactly what ``sextortion-triage check --json`` prints."""

    score: float
    risk_level: Level
    is_sextortion: bool
    signals: list[SignalOut]
    top_terms: list[str]
    advice: list[AdviceOut]
    model_version: str
    notes: list[str]


class ResultsOut(BaseModel):
    """The results for ``texts``, in the same order."""

    results: list[ResultOut]


class ErrorItem(BaseModel):
    """Which field is wrong and why (never the field's content)."""

    field: str
    msg: str
    type: str


class ErrorOut(BaseModel):
    """Every error answer: one readable line plus the details."""

    message: str
    detail: list[ErrorItem]


class _RequestError(Exception):
    def __init__(self, status: int, field: str, message: str, kind: str) -> None:
        super().__init__(field)
        self.status, self.field, self.message, self.kind = status, field, message, kind


def _error(status: int, field: str, message: str, kind: str) -> Response:
    return Response(error_body(field, message, kind), status, media_type="application/json")


def _field(loc: tuple[int | str, ...]) -> str:
    parts = list(loc[1:] if loc and loc[0] in ("body", "query", "path") else loc)
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else ("." if name else "") + str(part)
    return name or "body"


def _describe(error: dict[str, Any]) -> tuple[str, str, str]:
    """(field, message, type) for one validation error, without the input it rejected."""
    kind = str(error.get("type", "invalid"))
    loc = tuple(error.get("loc", ()))
    if kind == "json_invalid":
        reason = str(error.get("ctx", {}).get("error", "JSON decode error"))
        at = loc[1] if len(loc) > 1 else "?"
        return "body", f"is not valid JSON ({reason} at character {at})", kind
    field = _field(loc)
    if kind == "extra_forbidden":
        name = field.rsplit(".", 1)[-1]
        shown = name if _FIELD_NAME.fullmatch(name) else "an unknown field"
        return field if shown == name else "body", f"{shown} is not a field of this request", kind
    if field == "body" and kind in ("missing", "model_type", "model_attributes_type",
                                    "dict_type"):
        return "body", _NOT_AN_OBJECT, kind
    return field, str(error.get("msg", "is not valid")), kind


def _checked(text: str, field: str) -> str:
    if not text.strip():
        raise _RequestError(422, field, "the message is empty", "empty")
    if len(text) > MAX_CHARS:
        raise _RequestError(422, field, f"the message is longer than {MAX_CHARS:,} characters; "
                            f"send the first {MAX_CHARS:,} (what the CLI checks)", "too_long")
    return text


def _without_paths(value: Any, hidden: tuple[str, ...]) -> Any:
    """Drop strings that are absolute paths or name the model's folder; keep the rest."""
    if isinstance(value, dict):
        kept = {k: _without_paths(v, hidden) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not _DROP}
    if isinstance(value, list):
        return [item for item in (_without_paths(v, hidden) for v in value) if item is not _DROP]
    if isinstance(value, str) and (PurePath(value).is_absolute() or value.startswith("~")
                                   or any(h in value for h in hidden)):
        return _DROP
    return value


_DROP = object()


def public_model_card(model: Path | None = None, trust_model: bool = False) -> dict[str, Any]:
    """The model card (``model_card.json``) with no file-system paths in it."""
    bundle = load_model(model, trust=trust_model)
    directory = Path(model) if model is not None else shipped_model_dir()
    card_path = directory / CARD_NAME
    card = (json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file()
            else dict(bundle.metadata))
    hidden = tuple({str(d) for d in (directory, directory.resolve()) if d.is_absolute()})
    public: dict[str, Any] = _without_paths(card, hidden)
    return public


def page_wording(model_version: str) -> dict[str, Any]:
    """The words the page shows besides the result: all from the advice data or the CLI."""
    regions = cast(dict[str, dict[str, Any]], wording("regions"))
    return {
        "headings": HEADINGS,
        "verdicts": wording("verdicts"),
        "signal_labels": wording("signal_labels"),
        "privacy_note": privacy_note(),
        "too_long": TOO_LONG,
        "max_chars": MAX_CHARS,
        "regions": [{"id": key, "name": str(regions[key]["name"])} for key in REGIONS],
        "default_region": resolve_region(None),
        "model_version": model_version,
    }


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> Response:
        described = [_describe(dict(e)) for e in error.errors()][:20]
        message = "; ".join(f"{field}: {msg}" for field, msg, _ in described)
        detail = [{"field": f, "msg": m, "type": t} for f, m, t in described]
        return JSONResponse({"message": message, "detail": detail}, 422)

    @app.exception_handler(_RequestError)
    async def refused(_: Request, error: _RequestError) -> Response:
        return _error(error.status, error.field, error.message, error.kind)

    @app.exception_handler(InputError)
    async def unscorable(_: Request, error: InputError) -> Response:
        return _error(422, "text", error.problem, "input")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 400:  # the body could not be read at all
            return _error(422, "body", "could not be read as JSON (bad encoding or nesting "
                          "too deep)", "json_invalid")
        field = "method" if error.status_code == 405 else "path"
        return _error(error.status_code, field, str(error.detail).lower(), "http")


def create_app(model: Path | None = None, trust_model: bool = False) -> FastAPI:
    """The FastAPI app: ``/v1/score``, ``/v1/health``, ``/v1/model``, ``/v1/advice``,
    ``/v1/wording``, ``/openapi.json`` and the page at ``/``.

    The model is loaded and verified here, so a broken model stops the server at start.
    """
    version = str(load_model(model, trust=trust_model).metadata["model_version"])
    prepare(model=model, trust_model=trust_model)  # not on the first visitor's message
    batcher = Batcher(model, trust_model)
    card = public_model_card(model, trust_model)
    static = resources.files("sextortion_triage").joinpath("static")
    pages = {path: (static.joinpath(name).read_bytes(), kind)
             for path, (name, kind) in _STATIC.items()}
    app = FastAPI(title="sextortion-triage", version=__version__, docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json",
                  description="Scores messages for sextortion on this computer. Nothing is "
                              "sent anywhere, stored or logged.")
    _install_error_handlers(app)
    errors: dict[int | str, dict[str, Any]] = {
        413: {"model": ErrorOut, "description": "Body over 1 MiB, or more than 1,000 texts"},
        422: {"model": ErrorOut, "description": "Malformed JSON, a missing or wrong field"}}

    # Every endpoint is async: none blocks for long (a large batch is scored in a worker
    # thread by the batcher), and a thread hop per request costs more than it saves.
    @app.post("/v1/score", response_model=ResultOut | ResultsOut, responses=errors,
              summary="Score one message (text) or many (texts)")
    async def score_messages(request: ScoreRequest) -> Response:
        """The same objects as ``check --json``: one for ``text``, ``results`` for ``texts``."""
        if (request.text is None) == (request.texts is None):
            raise _RequestError(422, "text", "give 'text' (one message) or 'texts' (a list), "
                                "not both and not neither", "missing")
        if request.texts is None:
            text = _checked(cast(str, request.text), "text")
            [result] = await batcher.score([text], request.region, request.under_18)
            return JSONResponse(result.to_dict())
        if len(request.texts) > MAX_TEXTS:
            raise _RequestError(413, "texts", f"has {len(request.texts):,} items; at most "
                                f"{MAX_TEXTS:,} per request", "too_many")
        texts = [_checked(t, f"texts[{i}]") for i, t in enumerate(request.texts)]
        results = await batcher.score(texts, request.region, request.under_18) if texts else []
        return JSONResponse({"results": [r.to_dict() for r in results]})

    @app.get("/v1/health", summary="Is the server up, and which model does it use")
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__, "model_version": version}

    @app.get("/v1/model", summary="The model card (measured figures, thresholds, versions)")
    async def model_card() -> dict[str, Any]:
        return card

    @app.get("/v1/advice", summary="The advice without a message (as 'sextortion-triage "
                                   "advice' prints it)", responses=errors)
    async def advice(level: Level = "high", region: Region | None = None,
               under_18: bool = False) -> dict[str, Any]:
        items = advice_for(level, region=region, under_18=under_18)
        return {"advice": [{"id": i.id, "title": i.title, "text": i.text,
                            "sources": list(i.sources)} for i in items]}

    @app.get("/v1/wording", summary="Headings, verdicts, signal labels and regions, as the "
                                    "CLI words them")
    async def page_words() -> dict[str, Any]:
        return page_wording(version)

    for path, (content, kind) in pages.items():
        app.add_api_route(path, _static_route(content, kind), methods=["GET"],
                          include_in_schema=False)
    known = {route.path for route in app.routes if hasattr(route, "path")}
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(Guard, known_paths=known)
    return app


def _static_route(content: bytes, kind: str) -> Any:
    async def serve_file() -> Response:
        return Response(content, media_type=kind)

    return serve_file
