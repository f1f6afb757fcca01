"""Advice: chosen by level, age and region; every contact traceable to a verified fact."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from sextortion_triage.advice import REGIONS, advice_for, is_bulk_email
from sextortion_triage.results import Signal

FACTS = SHARED / "reference" / "advice_facts.md"
ADVICE = json.loads(resources.files("sextortion_triage").joinpath("data/advice.json")
                    .read_text("utf-8"))
PHONE = re.compile(r"(?<!\d)\d(?:[ -]?\d){2,}(?!\d)")
CLOCK = re.compile(r"\d{1,2}:\d{2}")
LETTER_PHONE = re.compile(r"1-800-[A-Z]+(?:-[A-Z]+)?")
WEB = re.compile(r"\b[\w.-]+\.(?:org|gov|uk|au|ca|ie|com|net)(?:\.[a-z]{2})?(?:/[\w-]+)*",
                 re.IGNORECASE)
EMAIL = re.compile(r"[\w.]+@[\w.]+\w")


def shown_texts() -> list[str]:
    """Every text the advice data can show a user."""
    texts = [ADVICE["privacy_note"], *ADVICE["verdicts"].values(), *ADVICE["notes"].values()]
    texts += [item["title"] + " " + item["text"] for item in ADVICE["items"]]
    texts += [c["text"] for region in ADVICE["regions"].values() for c in region["contacts"]]
    return texts


def verified_rows() -> str:
    """The Value cells of region-table rows whose status is V or V2.

    In a row whose status is mixed (for example "V (eSafety); ReportCyber address
    UNVERIFIED"), the sentence or clause of the value flagged UNVERIFIED or "not
    confirmed" is left out, so only the verified part can be shown.
    """
    text = FACTS.read_text(encoding="utf-8")
    table = text[text.index("## 2. Region table"): text.index("## 3.")]
    values = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.match(r"V2?\b", cells[2]):
            parts = re.split(r"(?<=\.)\s|;\s|\(", cells[1])
            values += [p for p in parts if not re.search(r"UNVERIFIED|not confirmed", p)]
    return CLOCK.sub(" ", "\n".join(values))


needs_facts = pytest.mark.skipif(not FACTS.is_file(),
                                 reason="../shared/reference/advice_facts.md is not beside "
                                        "this checkout, so contacts cannot be checked")


@needs_facts
def test_every_phone_number_comes_from_a_verified_row() -> None:
    allowed_text = verified_rows()
    allowed = {re.sub(r"\D", "", p) for p in PHONE.findall(allowed_text)}
    allowed |= set(LETTER_PHONE.findall(allowed_text))
    for text in shown_texts():
        for number in LETTER_PHONE.findall(text):
            assert number in allowed, number
        for number in PHONE.findall(CLOCK.sub(" ", LETTER_PHONE.sub("", text))):
            assert re.sub(r"\D", "", number) in allowed, number


@needs_facts
def test_every_web_and_email_address_comes_from_a_verified_row() -> None:
    allowed = verified_rows().lower()
    for text in shown_texts():
        for address in EMAIL.findall(text):
            assert address.lower() in allowed, address
        for address in WEB.findall(EMAIL.sub("", text)):
            assert address.lower() in allowed, address


@needs_facts
def test_every_source_is_cited_in_the_facts_file() -> None:
    facts = FACTS.read_text(encoding="utf-8")
    for key, url in ADVICE["sources"].items():
        assert url in facts, key


def test_every_item_names_known_sources() -> None:
    for item in ADVICE["items"]:
        assert item["sources"], item["id"]
        assert set(item["sources"]) <= set(ADVICE["sources"]), item["id"]


def test_no_advice_promises_removal() -> None:
    promise = re.compile(r"\b(?:will|guarantee[sd]?) (?:be )?(?:remove|delete|take down|erase)",
                         re.IGNORECASE)
    for text in shown_texts():
        assert not promise.search(text), text


@pytest.mark.parametrize("region", REGIONS)
def test_under_18_advice_never_tells_anyone_to_save_the_image(region: str) -> None:
    for item in advice_for("high", region=region, under_18=True):
        for sentence in re.split(r"(?<=[.:])\s", item.text):
            if re.search(r"\b(save|keep|screenshot|forward)\b", sentence, re.I) and re.search(
                    r"\b(image|nude|photo|picture)", sentence, re.I):
                assert re.search(r"\b(not|never|don't)\b", sentence, re.I), sentence


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("under_18", [False, True])
def test_high_risk_advice_always_has_a_crisis_line_and_the_core_steps(region: str,
                                                                      under_18: bool) -> None:
    items = advice_for("high", region=region, under_18=under_18)
    ids = [item.id for item in items]
    for step in ("not_your_fault", "crisis", "dont_pay", "stop_replying", "keep_evidence",
                 "report_platform", "report_police", "takedown"):
        assert step in ids, step
    crisis = next(item for item in items if item.id == "crisis")
    assert PHONE.search(crisis.text), f"no number in the crisis line for {region}"
    assert ("trusted_adult" in ids) is under_18


def test_regions_pick_their_own_contacts() -> None:
    def police(region: str) -> str:
        return next(i.text for i in advice_for("high", region=region) if i.id == "report_police")

    assert "101" in police("uk")
    assert "1-800-CALL-FBI" in police("us")
    assert "esafety.gov.au" in police("au")
    assert "Garda" in police("ie")


def test_under_18_routes_replace_adult_ones() -> None:
    uk = {i.id: i.text for i in advice_for("high", region="uk", under_18=True)}
    assert "CEOP" in uk["report_police"]
    assert "Report Remove" in uk["takedown"]
    us = {i.id: i.text for i in advice_for("high", region="us", under_18=True)}
    assert "CyberTipline" in us["report_police"] and "Take It Down" in us["takedown"]
    ca = {i.id: i.text for i in advice_for("high", region="ca", under_18=True)}
    assert "Cybertip.ca" in ca["report_police"] and "NeedHelpNow.ca" in ca["takedown"]
    au = {i.id: i.text for i in advice_for("high", region="au", under_18=True)}
    assert "ACCCE" in au["report_police"]


def test_low_risk_advice_never_says_safe_and_keeps_the_same_steps_available() -> None:
    items = advice_for("low")
    assert items[0].id == "low_same_advice"
    assert "does not mean it is safe" in items[0].text
    assert any(item.id == "crisis" for item in items)


def _bulk_email_as_first_written(signals: list[Signal]) -> bool:
    words = {s.name: " ".join(x.text.lower() for x in signals if x.name == s.name)
             for s in signals}
    crypto = "crypto_wallet" in words or any(c in words.get("payment_demand", "")
                                              for c in ("bitcoin", "btc", "crypto", "monero",
                                                        "litecoin", "usdt", "ethereum"))
    device = any(d in words.get("recording_claim", "")
                 for d in ("hack", "malware", "trojan", "spyware", "webcam", "web cam",
                           "camera", "device", "keylogger", "remote"))
    return crypto and device


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["recording_claim", "payment_demand",
                                           "crypto_wallet", "deadline"]),
                          st.sampled_from(["Hacked", "web", "cam", "your CAMERA", "BTC",
                                           "send bitcoin", "$300", "usdt", "x"])),
                max_size=6))
def test_a_bulk_email_is_told_apart_as_it_always_was(found: list[tuple[str, str]]) -> None:
    signals = [Signal(name, text, 0, len(text), "") for name, text in found]
    assert is_bulk_email(signals) == _bulk_email_as_first_written(signals)


def test_bulk_webcam_emails_get_the_bulk_note() -> None:
    bulk = [Signal("recording_claim", "hacked", 0, 6, ""),
            Signal("crypto_wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", 10, 44, "")]
    assert advice_for("high", bulk)[0].id == "bulk_email"
    dm = [Signal("recording_claim", "recorded", 0, 8, ""),
          Signal("payment_demand", "cash app", 10, 18, "")]
    assert "bulk_email" not in [item.id for item in advice_for("high", dm)]
