"""Read and check a labelled corpus file (the schema of data/messages.csv)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["CATEGORIES", "CHANNELS", "COLUMNS", "HARD_NEGATIVE_CATEGORIES", "LANGS", "SPLITS",
           "read_corpus"]

#: category -> label. Label 1 is sextortion; label 0 is everything else.
CATEGORIES: dict[str, int] = {
    # label 1: the message itself threatens to expose intimate material to get something
    "webcam_crypto": 1,  # bulk "I hacked your webcam / device, pay crypto" e-mail
    "dm_financial": 1,  # DM/SMS demand for money: nudes or call recording, followers screenshot
    "image_or_meeting_demand": 1,  # demand for more images, a video call or a meeting
    "ex_partner": 1,  # ex-partner threatening to share unless paid or obeyed
    "payment_followup": 1,  # a further demand after the victim already paid
    # label 0, hard negatives: share the vocabulary of sextortion without being it
    "news_advice": 0,  # news, police, school, charity advice about sextortion
    "victim_report": 0,  # a victim, parent or moderator describing or forwarding one
    "consensual_flirting": 0,  # flirting and nudes talk between consenting adults, no threat
    "payment_request": 0,  # rent, invoices, split bills, Cash App between friends, deadlines
    "crypto_notice": 0,  # exchange, wallet, deposit and withdrawal notices with addresses
    "other_scam": 0,  # phishing, parcel, lottery, romance without threats, investment, tech support
    "nonsexual_threat": 0,  # debts, secrets, gaming trash talk, threats with no intimate content
    "security_notice": 0,  # login, password, camera and device security notices
    "joke_fiction": 0,  # jokes, memes, fiction, film and game plots
    # label 0, the rest: ordinary messages
    "everyday": 0,
}

HARD_NEGATIVE_CATEGORIES = frozenset(
    name for name, label in CATEGORIES.items() if label == 0 and name != "everyday"
)
CHANNELS = ("email", "dm", "sms", "chat", "web", "other")
LANGS = ("en", "de", "fr", "es", "it", "pt", "nl")
SPLITS = ("train", "validation", "test")
COLUMNS = ("id", "text", "label", "category", "channel", "lang", "family", "split")


def read_corpus(path: Path) -> Any:
    """Return the corpus as a DataFrame, after checking its columns and labels."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"corpus file {path} does not exist.",
                         "pass --data with the path to messages.csv.")
    frame = pd.read_csv(path, dtype={"id": str, "text": str, "category": str, "channel": str,
                                     "lang": str, "family": str, "split": str},
                        keep_default_na=False, encoding="utf-8")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"{path} lacks the columns {missing}.",
                         f"a corpus needs the columns {list(COLUMNS)}.")
    bad = frame.index[~frame["label"].isin([0, 1])].tolist()
    if bad:
        raise InputError(f"{path}: label must be 0 or 1 (first bad data row {bad[0] + 1}).")
    return frame
