"""End to end: the real ``sextortion-triage serve`` on a free loopback port, driven over
real sockets and, for the page, by a person's keyboard in Debian's headless Chromium."""

from __future__ import annotations

import concurrent.futures
import contextlib
import importlib.util
import itertools
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytest.importorskip("fastapi", reason="serve needs the server extra: pip install '.[server]'")

from live_server import CHROMIUM, LiveServer, chromium, running_server
from sextortion_triage import score
from sextortion_triage.advice import advice_for, wording

SECRET = "Zebra-Quokka-7741"  # stands for a message: it must never reach the server's log
# An emoji first (spans count code points, JavaScript counts UTF-16 units) and markup that
# must show as text, not as HTML.
DEMAND = (f"😀 <b>{SECRET}</b> I have your nudes and screenshots of your followers. Send $300 "
          "on Cash App in 1 hour or I post them everywhere.")
BENIGN = f"{SECRET} see you at 6, can you bring the salad? 🥗"
REQUIRED = os.environ.get("SEXTORTION_TRIAGE_BROWSER_TESTS") == "required"
BENCH = Path(__file__).resolve().parent.parent / "bench" / "serve_bench.py"


def _browser_or_skip() -> None:
    if CHROMIUM is None:
        if REQUIRED:
            pytest.fail("chromium is required here (SEXTORTION_TRIAGE_BROWSER_TESTS=required)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        if REQUIRED:
            pytest.fail("playwright is required here: pip install '.[test]'")
        pytest.skip("playwright is not installed: pip install '.[test]'")


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with running_server() as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _browser_or_skip()
    with chromium() as context:
        yield context


@pytest.fixture
def page(browser: Any, server: LiveServer) -> Iterator[Any]:
    page = browser.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(server.url)
    page.wait_for_selector("body[data-ready]")
    yield page
    page.close()


def _press_tab_until(page: Any, element_id: str) -> None:
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def _check_with_keyboard(page: Any, text: str, region: str) -> None:
    """Tab to the box, type, pick the region with arrow keys, Tab to the button, Enter."""
    _press_tab_until(page, "message")
    page.keyboard.type(text)
    _press_tab_until(page, "region")
    regions = [r["id"] for r in page.evaluate("fetch('/v1/wording').then(r => r.json())")[
        "regions"]]
    page.keyboard.press("Home")
    for _ in range(regions.index(region)):
        page.keyboard.press("ArrowDown")
    assert page.input_value("#region") == region
    _press_tab_until(page, "check")
    page.keyboard.press("Enter")
    page.wait_for_selector("#result-heading")


def _advice_on_page(page: Any, selector: str = "#result .advice") -> list[tuple[str, str, str]]:
    items = page.eval_on_selector(selector, """list => Array.from(list.children).map(li =>
        [li.dataset.advice, li.querySelector('h4').textContent,
         li.querySelector('p').textContent.replaceAll('\\u00a0', ' ')])""")
    return [tuple(item) for item in items]


def _marks(text: str, signals: list[Any]) -> list[str]:
    """The pieces of ``text`` the page should mark: cut at every span edge, keep the covered."""
    cuts = sorted({0, len(text), *(s.start for s in signals), *(s.end for s in signals)})
    return [text[a:b] for a, b in itertools.pairwise(cuts)
            if any(s.start <= a and b <= s.end for s in signals)]


def _only_this_computer(page: Any, server: LiveServer) -> None:
    origin = urlsplit(server.url).netloc
    assert page.requests and {urlsplit(url).netloc for url in page.requests} == {origin}


@pytest.mark.browser
def test_page_shows_high_risk_signals_and_every_advice_item_for_a_demand(
        page: Any, server: LiveServer) -> None:
    _check_with_keyboard(page, DEMAND, "uk")
    expected = score(DEMAND, region="uk")
    assert page.evaluate("document.activeElement.id") == "result-heading"
    assert page.text_content("#result-heading") == (
        f"Sextortion risk: {expected.score * 100:.0f}% (HIGH)")
    assert page.text_content("#result .verdict") == wording("verdicts")["high"]
    labels = wording("signal_labels")
    marked = page.eval_on_selector_all("#result mark", "ms => ms.map(m => m.textContent)")
    assert marked == _marks(DEMAND, [s for s in expected.signals if s.name in labels])
    assert "nudes" in marked and "$300" in marked and "in 1 hour" in marked
    assert page.text_content("#result .quoted") == DEMAND  # markup shown as text
    assert page.locator("#result b").count() == 0
    shown = page.eval_on_selector_all("#result .signals .label",
                                      "ls => ls.map(l => l.textContent.replace(/:$/, ''))")
    assert shown == [label for name, label in labels.items()
                     if any(s.name == name for s in expected.signals)]
    assert _advice_on_page(page) == [(a.id, a.title, a.text) for a in expected.advice]
    crisis = [a.text for a in advice_for("high", region="uk") if a.id == "crisis"]
    assert [text for id_, _, text in _advice_on_page(page) if id_ == "crisis"] == crisis
    assert page.text_content("#result .privacy").startswith(
        "Checked on this computer: the message was not sent anywhere or saved.")
    _only_this_computer(page, server)
    assert SECRET not in server.log() and "nudes" not in server.log()


@pytest.mark.browser
def test_page_shows_low_for_an_everyday_message_and_can_show_all_the_steps(
        page: Any, server: LiveServer) -> None:
    _check_with_keyboard(page, BENIGN, "au")
    expected = score(BENIGN, region="au")
    assert expected.risk_level == "low"
    assert page.text_content("#result-heading").endswith("(LOW)")
    assert page.text_content("#result .verdict") == wording("verdicts")["low"]
    assert page.locator("#result mark").count() == 0
    assert _advice_on_page(page) == [(a.id, a.title, a.text) for a in expected.advice]
    page.keyboard.press("Tab")  # from the result heading to the next control
    assert page.evaluate("document.activeElement.textContent") == "Show all the steps"
    page.keyboard.press("Enter")
    page.wait_for_selector("#all-steps")
    assert _advice_on_page(page, "#all-steps") == [
        (a.id, a.title, a.text) for a in advice_for("high", region="au")]
    _only_this_computer(page, server)
    assert SECRET not in server.log()


@pytest.mark.browser
def test_under_18_box_switches_to_the_routes_for_under_18s(page: Any) -> None:
    _press_tab_until(page, "message")
    page.keyboard.type(DEMAND)
    _press_tab_until(page, "under-18")
    page.keyboard.press("Space")
    assert page.is_checked("#under-18")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "message"
    page.keyboard.press("Control+Enter")  # sends from the box too
    page.wait_for_selector("#result-heading")
    expected = score(DEMAND, region="intl", under_18=True)
    assert _advice_on_page(page) == [(a.id, a.title, a.text) for a in expected.advice]
    assert "trusted_adult" in [id_ for id_, _, _ in _advice_on_page(page)]


@pytest.mark.browser
def test_an_empty_box_says_what_to_do_instead_of_sending(page: Any) -> None:
    page.focus("#check")
    page.keyboard.press("Enter")
    assert page.text_content("#error") == "Paste the message into the box first."
    assert page.evaluate("document.activeElement.id") == "message"
    assert not [url for url in page.requests if url.endswith("/v1/score")]


def _contrast(foreground: list[float], background: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_COLOURS = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const back = (node) => {
    for (; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  for (const level of ["high", "medium", "low"]) {
    const probe = document.createElement("h2");
    probe.className = "risk " + level;
    probe.textContent = level;
    document.getElementById("result").append(probe);
  }
  const seen = [];
  for (const node of document.querySelectorAll(
      "h1, p, label, button, select, textarea, mark, li, h2, h3, h4, span")) {
    if (!node.textContent.trim() || node.hidden) continue;
    seen.push([node.tagName + "." + node.className, rgb(getComputedStyle(node).color),
               back(node), parseFloat(getComputedStyle(node).fontSize)]);
  }
  return seen;
}"""


@pytest.mark.browser
def test_page_fits_a_phone_and_all_text_has_aa_contrast(browser: Any, server: LiveServer) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(server.url)
    page.wait_for_selector("body[data-ready]")
    for control in ("message", "region", "under-18", "check"):  # a visible focus ring on each
        _press_tab_until(page, control)
        ring = page.evaluate("[getComputedStyle(document.activeElement).outlineStyle, "
                             "getComputedStyle(document.activeElement).outlineWidth]")
        assert ring == ["solid", "3px"], control
    page.fill("#message", DEMAND)
    _press_tab_until(page, "check")
    page.keyboard.press("Enter")
    page.wait_for_selector("#result-heading")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    checked = page.evaluate(_COLOURS)
    page.close()
    assert len(checked) > 30
    for name, colour, background, size in checked:
        needed = 3.0 if size >= 24 else 4.5  # WCAG AA: large text 3:1, body text 4.5:1
        assert _contrast(colour, background) >= needed, name


def test_a_body_over_1_mib_is_413_over_a_real_socket(server: LiveServer) -> None:
    host, port = urlsplit(server.url).hostname or "", urlsplit(server.url).port or 0
    declared = b'{"text": "' + b"a" * 1_100_000 + b'"}'
    for framing in ("length", "chunked"):
        with socket.create_connection((host, port), timeout=10) as connection:
            head = (f"POST /v1/score HTTP/1.1\r\nHost: {host}\r\n"
                    "Content-Type: application/json\r\nConnection: close\r\n")
            if framing == "length":
                head += f"Content-Length: {len(declared)}\r\n\r\n"
                body = declared
            else:
                head += "Transfer-Encoding: chunked\r\n\r\n"
                pieces = [declared[i:i + 65_536] for i in range(0, len(declared), 65_536)]
                body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
            connection.sendall(head.encode())
            with contextlib.suppress(OSError):  # it may answer and close before reading all
                connection.sendall(body)
            answer = connection.recv(4096)
        assert answer.startswith(b"HTTP/1.1 413 "), (framing, answer[:200])


def test_200_concurrent_clients_get_answers_without_errors(server: LiveServer) -> None:
    spec = importlib.util.spec_from_file_location("serve_bench", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["serve_bench"] = bench
    spec.loader.exec_module(bench)
    # In a thread of its own: Playwright's sync API may hold an event loop in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        result = pool.submit(bench.run_load, server.url, clients=200, seconds=3.0).result()
    assert result.errors == {}
    assert result.requests >= 200
