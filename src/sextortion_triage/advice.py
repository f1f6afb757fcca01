"""Choose the advice for a result from the reviewed advice data (``data/advice.json``).

No advice text lives in code: this module only selects items by risk level, audience
(adult or under 18), region and the kind of message, and fills in the region's contacts.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from .results import AdviceItem, Signal

__all__ = ["REGIONS", "REGION_ENV", "advice_for", "is_bulk_email", "privacy_note", "resolve_region",
           "wording"]

REGIONS = ("uk", "us", "au", "ca", "ie", "intl")
REGION_ENV = "SEXTORTION_TRIAGE_REGION"
_BULK_PAYMENT = ("bitcoin", "btc", "crypto", "monero", "litecoin", "usdt", "ethereum")
_BULK_DEVICE = ("hack", "malware", "trojan", "spyware", "webcam", "web cam", "camera", "device",
                "keylogger", "remote")


@cache
def _advice_data() -> dict[str, Any]:
    text = resources.files("sextortion_triage").joinpath("data/advice.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def resolve_region(region: str | None) -> str:
    """The region to use: the argument, else $SEXTORTION_TRIAGE_REGION, else ``intl``."""
    chosen = (region or os.environ.get(REGION_ENV) or "intl").strip().lower()
    if chosen not in REGIONS:
        raise ValueError(f"region must be one of {', '.join(REGIONS)}; got {chosen!r}")
    return chosen


def is_bulk_email(signals: Sequence[Signal]) -> bool:
    """A hacked-device claim plus a crypto payment: the bulk 'I hacked your webcam' e-mail
    (each signal's words looked for in the texts of its kind, joined by spaces)."""
    recording = " ".join([s.text.lower() for s in signals if s.name == "recording_claim"])
    if not recording or not any(device in recording for device in _BULK_DEVICE):
        return False  # (most messages claim no recording: the words are not tried)
    if any(s.name == "crypto_wallet" for s in signals):
        return True
    payment = " ".join([s.text.lower() for s in signals if s.name == "payment_demand"])
    return any(coin in payment for coin in _BULK_PAYMENT)


def _fits(audience: str, under_18: bool) -> bool:
    return audience == "any" or audience == ("under_18" if under_18 else "adult")


def _contacts(region: str, role: str, under_18: bool) -> str:
    contacts = _advice_data()["regions"][region]["contacts"]
    return " ".join(c["text"] for c in contacts if c["role"] == role and _fits(c["audience"],
                                                                              under_18))


def advice_for(
    level: str,
    signals: Sequence[Signal] = (),
    *,
    region: str | None = None,
    under_18: bool = False,
) -> tuple[AdviceItem, ...]:
    """Advice items for a risk level, in reading order, with the region's contacts filled in.

    >>> [item.id for item in advice_for("low")]
    ['low_same_advice', 'crisis']
    """
    return _items(level, resolve_region(region), under_18, is_bulk_email(signals))


@functools.lru_cache(maxsize=256)
def _items(level: str, region: str, under_18: bool, bulk: bool) -> tuple[AdviceItem, ...]:
    """The advice for one combination (items are immutable, so they are shared)."""
    data = _advice_data()
    chosen = []
    for item in data["items"]:
        if level not in item["levels"] or not _fits(item["audience"], under_18):
            continue
        if item.get("when") == "bulk_email" and not bulk:
            continue
        text = item["text"]
        while "{" in text:
            start = text.index("{")
            end = text.index("}", start)
            contacts = _contacts(region, text[start + 1 : end], under_18)
            text = text[:start] + contacts + text[end + 1 :]
        sources = tuple(data["sources"][key] for key in item["sources"])
        chosen.append(AdviceItem(item["id"], item["title"], text.strip(), sources))
    return tuple(chosen)


def wording(key: str) -> dict[str, str]:
    """Interface wording kept with the advice data (``verdicts``, ``signal_labels``,
    ``notes``)."""
    value: dict[str, str] = _advice_data()[key]
    return value


def privacy_note() -> str:
    """The sentence that tells the reader nothing left their computer."""
    return str(_advice_data()["privacy_note"])
