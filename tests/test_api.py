"""The HTTP API in process (FastAPI's TestClient): same results as the CLI, limits, errors
that name the field but never the text, no 500s, no message text in logs, security headers,
and a page that needs nothing from another host."""

from __future__ import annotations

import json
import logging
import re
import shutil
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the API needs the server extra: pip install '.[server]'")

from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sextortion_triage import api, batcher, score, score_many
from sextortion_triage.advice import advice_for, privacy_note, wording
from sextortion_triage.api import MAX_BODY_BYTES, MAX_TEXTS, create_app
from sextortion_triage.cli import main
from sextortion_triage.model import load_model, shipped_model_dir
from sextortion_triage.reading import MAX_CHARS
from sextortion_triage.render import render_result

SECRET = "Zebra-Quokka-7741"  # stands for a message: it must never reach a log or an error
DEMAND = (f"{SECRET} I have your nudes and screenshots of all your followers. Send $300 on "
          "Cash App in 1 hour or I post them everywhere.")
MINOR = ("I know you are 15 and in year 10. Send me $200 on Cash App or I send your nudes to "
         "your school friends.")
BENIGN = f"{SECRET} see you at 6, can you bring the salad?"
STATIC = resources.files("sextortion_triage").joinpath("static")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def post(client: TestClient, body: Any) -> Any:
    return client.post("/v1/score", json=body)


# --- scoring: the same objects as `check --json` -------------------------------------------

def test_one_text_answers_exactly_what_check_json_prints(client: TestClient) -> None:
    answer = post(client, {"text": DEMAND, "region": "uk"})
    printed = CliRunner().invoke(main, ["check", "--json", "--region", "uk", DEMAND])
    assert answer.status_code == 200
    assert answer.json() == score(DEMAND, region="uk").to_dict() == json.loads(printed.output)
    assert answer.json()["risk_level"] == "high"


def test_many_texts_answer_results_in_order(client: TestClient) -> None:
    answer = post(client, {"texts": [DEMAND, BENIGN, DEMAND], "region": "us"})
    expected = [r.to_dict() for r in score_many([DEMAND, BENIGN, DEMAND], region="us")]
    assert answer.status_code == 200
    assert answer.json() == {"results": expected}
    assert [r["risk_level"] for r in answer.json()["results"]] == ["high", "low", "high"]


def test_an_empty_list_of_texts_answers_no_results(client: TestClient) -> None:
    assert post(client, {"texts": []}).json() == {"results": []}


@pytest.mark.parametrize(("under_18", "has_trusted_adult", "has_note"), [
    (None, True, True),    # omitted: the message says 15, so the under-18 routes, with a note
    (True, True, False),   # forced on: no note needed
    (False, False, False),  # forced off: adult routes even though the message says 15
])
def test_under_18_is_omitted_true_or_false(client: TestClient, under_18: bool | None,
                                           has_trusted_adult: bool, has_note: bool) -> None:
    body: dict[str, Any] = {"text": MINOR, "region": "uk"}
    if under_18 is not None:
        body["under_18"] = under_18
    data = post(client, body).json()
    assert data == score(MINOR, region="uk", under_18=under_18).to_dict()
    assert ("trusted_adult" in [a["id"] for a in data["advice"]]) is has_trusted_adult
    assert bool(data["notes"]) is has_note


def test_region_picks_the_contacts(client: TestClient) -> None:
    for region in ("uk", "us", "au", "ca", "ie", "intl"):
        crisis = [a for a in post(client, {"text": DEMAND, "region": region}).json()["advice"]
                  if a["id"] == "crisis"]
        expected = [a.text for a in advice_for("high", region=region) if a.id == "crisis"]
        assert [a["text"] for a in crisis] == expected


def test_result_schema_in_openapi_matches_to_dict(client: TestClient) -> None:
    data = score(DEMAND).to_dict()
    assert set(api.ResultOut.model_fields) == set(data)
    assert set(api.SignalOut.model_fields) == set(data["signals"][0])
    assert set(api.AdviceOut.model_fields) == set(data["advice"][0])


# --- health, model card, advice, wording -----------------------------------------------------

def test_health_names_the_model(client: TestClient) -> None:
    answer = client.get("/v1/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "version": "0.1.0",
                             "model_version": score("hello").model_version}


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_model_card_is_the_card_without_paths(client: TestClient) -> None:
    card = client.get("/v1/model").json()
    shipped = json.loads((shipped_model_dir() / "model_card.json").read_text(encoding="utf-8"))
    assert card["model_version"] == shipped["model_version"]
    assert card["thresholds"] == shipped["thresholds"]
    assert card["metrics"]["test"] == shipped["metrics"]["test"]
    assert not [s for s in _strings(card) if s.startswith(("/", "~")) or re.match(r"[A-Z]:\\", s)]
    assert str(shipped_model_dir()) not in json.dumps(card)


def test_model_card_of_a_model_in_a_folder_names_no_folder(tiny_model: Path) -> None:
    card = TestClient(create_app(tiny_model)).get("/v1/model").json()
    assert card["model_version"] == json.loads(
        (tiny_model / "model_card.json").read_text(encoding="utf-8"))["model_version"]
    assert str(tiny_model) not in json.dumps(card)
    assert str(tiny_model.parent) not in json.dumps(card)


def test_model_card_of_a_model_named_by_a_relative_path_keeps_its_text(
        tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder called "validation": the card's threshold rules say "validation" too.
    shutil.copytree(tiny_model, tmp_path / "validation")
    monkeypatch.chdir(tmp_path)
    card = api.public_model_card(Path("validation"))
    expected = json.loads((tiny_model / "model_card.json").read_text(encoding="utf-8"))
    assert "validation" in json.dumps(expected["threshold_rule"])
    assert card["threshold_rule"] == expected["threshold_rule"]
    assert str(tmp_path) not in json.dumps(card)


def test_without_paths_drops_absolute_paths_only() -> None:
    card = {"data": {"file": "/home/me/messages.csv", "rows": 3},
            "candidate": "words+chars / logistic", "where": "/srv/models/x", "list": ["~/a", "b"]}
    assert api._without_paths(card, ("/srv/models",)) == {
        "data": {"rows": 3}, "candidate": "words+chars / logistic", "list": ["b"]}


def test_advice_endpoint_is_what_the_advice_command_shows(client: TestClient) -> None:
    answer = client.get("/v1/advice", params={"level": "high", "region": "us",
                                              "under_18": "true"})
    expected = advice_for("high", region="us", under_18=True)
    assert [(a["id"], a["title"], a["text"]) for a in answer.json()["advice"]] == [
        (a.id, a.title, a.text) for a in expected]


def test_wording_comes_from_the_advice_data_and_the_cli(client: TestClient) -> None:
    words = client.get("/v1/wording").json()
    assert words["verdicts"] == wording("verdicts")
    assert words["signal_labels"] == wording("signal_labels")
    assert words["privacy_note"] == privacy_note()
    assert [r["id"] for r in words["regions"]] == ["uk", "us", "au", "ca", "ie", "intl"]
    assert words["max_chars"] == MAX_CHARS
    printed = render_result(score(DEMAND), color=False)
    headline = printed.splitlines()[0]
    assert headline.startswith(words["headings"]["risk"] + ": ")
    assert words["headings"]["signals"] in printed.splitlines()
    assert words["headings"]["advice"] in printed.splitlines()


# --- limits ------------------------------------------------------------------------------------

def _big_body() -> bytes:
    return json.dumps({"text": "a" * MAX_BODY_BYTES}).encode()


def test_a_body_over_1_mib_is_413(client: TestClient) -> None:
    answer = client.post("/v1/score", content=_big_body(),
                         headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["detail"][0]["field"] == "body"


def test_a_chunked_body_over_1_mib_is_413_while_reading(client: TestClient) -> None:
    body = _big_body()

    def chunks() -> Any:
        for start in range(0, len(body), 65_536):
            yield body[start:start + 65_536]

    answer = client.post("/v1/score", content=chunks(),
                         headers={"content-type": "application/json"})
    assert answer.status_code == 413


def test_a_body_just_under_the_limit_is_read(client: TestClient) -> None:
    texts = ["x " * 240] * 1_000  # about 0.5 MB
    assert post(client, {"texts": texts}).status_code == 200


def test_more_than_1000_texts_is_413_and_1000_is_fine(client: TestClient) -> None:
    assert post(client, {"texts": ["hello"] * MAX_TEXTS}).status_code == 200
    answer = post(client, {"texts": ["hello"] * (MAX_TEXTS + 1)})
    assert answer.status_code == 413
    assert answer.json()["message"] == "texts: has 1,001 items; at most 1,000 per request"


# --- errors: 422 naming the field, never the text, never a 500 ---------------------------------

JSON = {"content-type": "application/json"}
# fmt: off
BAD_REQUESTS = [
    # body                                             headers  field        words in message
    (b"{}",                                             JSON,    "text",      "give 'text'"),
    (b'{"region": "uk"}',                               JSON,    "text",      "give 'text'"),
    (json.dumps({"text": DEMAND, "texts": [DEMAND]}),  JSON,    "text",      "not both"),
    (b'{"text": 5}',                                    JSON,    "text",      "valid string"),
    (b'{"text": null}',                                 JSON,    "text",      "give 'text'"),
    (json.dumps({"texts": DEMAND}),                    JSON,    "texts",     "valid list"),
    (json.dumps({"texts": [DEMAND, 7]}),               JSON,    "texts[1]",  "valid string"),
    (json.dumps({"text": f"  {' ' * 3}\n"}),           JSON,    "text",      "empty"),
    (json.dumps({"texts": [DEMAND, " "]}),             JSON,    "texts[1]",  "empty"),
    (json.dumps({"text": DEMAND, "under_18": "yes"}),  JSON,    "under_18",  "valid boolean"),
    (json.dumps({"text": DEMAND, "region": "mars"}),   JSON,    "region",    "'uk'"),
    (json.dumps({"text": DEMAND, "txt": DEMAND}),      JSON,    "txt",       "not a field"),
    (json.dumps({"text": DEMAND, SECRET: 1}),          JSON,    "body",      "unknown field"),
    (json.dumps({"text": "a" * (MAX_CHARS + 1)}),      JSON,    "text",      "100,000"),
    (f'{{"text": "{SECRET} unterminated'.encode(),      JSON,    "body",      "not valid JSON"),
    (json.dumps([DEMAND]),                             JSON,    "body",      "JSON object"),
    (json.dumps(DEMAND),                               JSON,    "body",      "JSON object"),
    (b"",                                               JSON,    "body",      "JSON object"),
    (json.dumps({"text": DEMAND}),                     {},      "body",      "Content-Type"),
    (b'{"text": "\xff\xfe' + SECRET.encode() + b'"}',   JSON,    "body",      "JSON"),
    (b"[" * 200_000,                                    JSON,    "body",      "JSON"),
]
# fmt: on


@pytest.mark.parametrize(("body", "headers", "field", "words"), BAD_REQUESTS)
def test_bad_input_is_422_naming_the_field_never_the_text(
        client: TestClient, body: bytes | str, headers: dict[str, str], field: str,
        words: str) -> None:
    answer = client.post("/v1/score", content=body, headers=headers)
    assert answer.status_code == 422, answer.text
    data = answer.json()
    assert data["detail"][0]["field"] == field
    assert data["message"].startswith(f"{field}: ")
    assert words in data["message"]
    assert SECRET not in answer.text and "nudes" not in answer.text
    assert "input" not in data["detail"][0]


def test_bad_query_parameters_are_422_naming_the_parameter(client: TestClient) -> None:
    answer = client.get("/v1/advice", params={"level": "extreme"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "level"


def test_unknown_paths_and_methods_are_404_and_405(client: TestClient) -> None:
    assert client.get("/v2/score").status_code == 404
    assert client.get("/v1/score").status_code == 405


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "texts", "region", "under_18", "x"]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_json_values)
def test_no_request_body_gives_a_500(client: TestClient, body: Any) -> None:
    answer = client.post("/v1/score", content=json.dumps(body), headers=JSON)
    assert answer.status_code in (200, 413, 422), answer.text
    if answer.status_code != 200:
        assert answer.json()["message"]


def test_an_unexpected_failure_is_a_bare_500_that_quotes_nothing(
        client: TestClient, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(texts: list[str], **_: Any) -> Any:
        raise RuntimeError(f"failed on {texts}")

    monkeypatch.setattr(batcher, "score_many", broken)
    with caplog.at_level(logging.DEBUG):
        answer = post(client, {"text": DEMAND})
    assert answer.status_code == 500
    assert SECRET not in answer.text
    assert "RuntimeError" in caplog.text and SECRET not in caplog.text


# --- privacy: no message text in any log ---------------------------------------------------------

def test_message_text_never_reaches_a_log(client: TestClient,
                                          caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        post(client, {"text": DEMAND, "region": "uk"})
        post(client, {"texts": [DEMAND, BENIGN]})
        post(client, {"text": DEMAND, "under_18": "yes"})
        post(client, {"texts": [DEMAND, 7]})
        client.post("/v1/score", content=f'{{"text": "{SECRET}', headers=JSON)
        client.post("/v1/score", content=_big_body().replace(b"aaaa", SECRET.encode(), 1),
                    headers=JSON)
        client.get(f"/v1/score/{SECRET}", params={"text": SECRET})
        client.get("/v1/health", params={"text": SECRET})
    # The test's own HTTP client logs the URLs it asks for; the server side must not.
    records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert records, "the access log wrote nothing"
    for record in records:
        text = record.getMessage() + (record.exc_text or "") + str(record.args)
        assert SECRET not in text and "nudes" not in text
    access = [r.getMessage() for r in records if r.name == "sextortion_triage.access"]
    assert re.fullmatch(r"POST /v1/score 200 \d+ \d+\.\dms", access[0])
    assert any(line.startswith("GET (other) 404 ") for line in access)
    assert any(line.startswith("POST /v1/score 413 ") for line in access)


# --- headers, OpenAPI, the page and its assets ------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/app.js", "/style.css", "/v1/health", "/openapi.json"])
def test_every_answer_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"].startswith("default-src 'self';")
    assert "script-src" not in headers["content-security-policy"]  # no inline-script allowance
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-store"
    assert "access-control-allow-origin" not in headers


def test_openapi_is_served_with_no_external_url_and_no_cdn_docs(client: TestClient) -> None:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    document = answer.json()
    assert {"/v1/score", "/v1/health", "/v1/model"} <= set(document["paths"])
    assert "http://" not in answer.text and "https://" not in answer.text
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _page(client: TestClient) -> _Page:
    page = _Page()
    page.feed(client.get("/").text)
    return page


def test_the_page_loads_nothing_from_another_host(client: TestClient) -> None:
    page = _page(client)
    links = [a[name] for _, a in page.tags for name in ("src", "href", "action") if a.get(name)]
    assert links and all(str(link).startswith("/") and not str(link).startswith("//")
                         for link in links)
    assert not [a for tag, a in page.tags if tag == "script" and not a.get("src")]  # no inline
    for name in ("index.html", "app.js", "style.css"):
        text = STATIC.joinpath(name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(", text), name
        assert " style=" not in text and "innerHTML" not in text, name


def test_the_page_has_labelled_controls_and_says_the_text_stays_here(client: TestClient) -> None:
    page = _page(client)
    labelled = {a["for"] for tag, a in page.tags if tag == "label"}
    controls = [a for tag, a in page.tags if tag in ("textarea", "select", "input")]
    assert controls and all(c["id"] in labelled for c in controls)
    assert ("html", {"lang": "en"}) in page.tags
    assert any(tag == "meta" and a.get("name") == "viewport" for tag, a in page.tags)
    assert any(a.get("aria-live") == "polite" for _, a in page.tags)
    html = client.get("/").text
    assert "<noscript>" in html and "Your message stays on this computer." in html


def test_no_helpline_or_advice_is_written_into_the_page() -> None:
    data = json.loads(resources.files("sextortion_triage").joinpath("data/advice.json")
                      .read_text(encoding="utf-8"))
    contacts = [c["text"] for r in data["regions"].values() for c in r["contacts"]]
    numbers = {n for text in contacts for n in re.findall(r"\d[\d ]{2,}\d", text)}
    items = [i["text"] for i in data["items"]] + [i["title"] for i in data["items"]]
    for name in ("index.html", "app.js", "style.css"):
        text = STATIC.joinpath(name).read_text(encoding="utf-8")
        assert not [n for n in numbers if n in text], name
        assert not [i for i in items if i[:30] in text], name


def test_the_module_example_is_true() -> None:
    import doctest

    from sextortion_triage import server

    for module in (api, server):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0


def test_the_server_builds_its_counters_before_the_first_visitor(tiny_model: Path) -> None:
    create_app(tiny_model)
    for block in load_model(tiny_model).text_blocks:
        assert "counter" in block.__dict__
