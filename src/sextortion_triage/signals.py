"""Named detectors that say what in a message looks like sextortion, and where.

Each detector has a stable name and reads the normalised text; every ``Signal`` it
returns carries the span of the *original* text and the words found there. Signals
are evidence for the model and for the reader, not a verdict: a payment request
between friends has a ``payment_demand`` signal too.

The patterns below read English; ``signal_words.py`` holds the word lists for German,
French, Spanish, Italian, Portuguese and Dutch, which add one pattern to each detector.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import regex_cache
from .normalise import NormalisedText, normalise
from .regex_factor import factor
from .results import Signal, found_signal
from .signal_words import AMOUNTS, OWN_END, PLATFORMS, VOCABULARIES, Vocabulary, fold
from .wallets import find_wallets_in_markup

__all__ = ["DETECTORS", "SIGNAL_NAMES", "Detector", "Span", "as_signals", "detect_signals",
           "merge_spans", "signal_spans", "wallet_spans"]

_AGE = r"(?:1[0-7]|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
_NUMBER_WORD = (
    r"(?:\d{1,3}|one|two|three|four|five|six|twelve|twenty[- ]?four|forty[- ]?eight"
    r"|seventy[- ]?two|a few|few|a couple of)"
)
_PEOPLE = (
    r"(?:friends?|family|famil(?:y|ies)|followers?|following|contacts?|parents?|mom|mum|dad"
    r"|mother|father|sister|brother|wife|husband|girlfriend|boyfriend|gf|bf|partner|fianc[eé]e?"
    r"|kids?|children|relatives|cousins?|grandparents?|school|classmates?|teachers?|principal"
    r"|college|university|uni|church|employer|boss|manager|coworkers?|co-workers?|colleagues?"
    r"|work(?:place)?|job|office|hr|clients?|customers?|neighbou?rs?|everyone|everybody"
    r"|whole world|world|internet|online|social media|instagram|insta|ig|facebook|fb|snapchat"
    r"|snap|tiktok|twitter|x|whatsapp|group ?chats?|porn (?:sites?|websites?)|adult sites?"
    r"|your (?:story|page|feed|timeline)|public|contact list|friend list)"
)


#: A signal before it is built: (start, end, name, detail), the span in the original text.
#: Batch scoring needs only the names of the merged spans, so it never builds a Signal.
Span = tuple[int, int, str, str]


@dataclass(frozen=True, slots=True)
class Detector:
    """A named signal detector: regular expressions over the normalised text."""

    name: str
    explanation: str
    patterns: tuple[re.Pattern[str], ...]

    def spans(self, normalised: NormalisedText) -> list[Span]:
        """This detector's findings as spans of the original text (not yet merged)."""
        found: list[Span] = []
        for pattern in self.patterns:
            for match in pattern.finditer(normalised.text):
                if match.end() == match.start():
                    continue
                start, end = normalised.original_span(match.start(), match.end())
                found.append((start, end, self.name, self.explanation))
        return found


def _detector(name: str, explanation: str, *patterns: str) -> Detector:
    compiled = tuple(re.compile(p) for p in patterns)
    return Detector(name, explanation, compiled)


_ENGLISH_DETECTORS: tuple[Detector, ...] = (
    _detector(
        "payment_demand",
        "asks for money or names a way to pay",
        r"[$€£¥₹₦]\s?\d+(?:[,.]\d+)*(?:\s?k\b)?",
        r"\b\d+(?:[,.]\d+)*\s?k?\s?(?:usd|eur|gbp|cad|aud|dollars?|bucks|euros?|pounds?|quid|btc"
        r"|bitcoins?|eth|usdt|ltc|xmr|naira|pesos?|rupees?|rs)\b",
        r"\b(?:pay|paying|payment|paid|repay)\b",
        r"\bsend (?:me |us )?(?:the )?(?:money|cash|funds|payment|btc|bitcoin|crypto)\b",
        r"\b(?:send|pay|transfer|wire|give)(?: me| us)?(?: the)? \d+(?:[,.]\d+)*k?\b",
        r"\b(?:wire|bank) transfer\b|\btransfer (?:the )?(?:money|funds|amount)\b",
        r"\bcash ?app\b|\bpay ?pal\b|\bvenmo\b|\bzelle\b|\bapple ?pay\b|\bgoogle ?pay\b",
        r"\bwestern union\b|\bmoney ?gram\b|\bremitly\b|\bgcash\b|\bm-?pesa\b|\brevolut\b",
        r"\b(?:gift ?cards?|itunes cards?|steam cards?|google play cards?|amazon cards?"
        r"|razer gold|apple cards?|vanilla cards?)\b",
        r"\b(?:iban|sort code|routing number|account number|bitcoin atm|crypto atm|btc atm)\b",
        r"(?<![\w$])\$[a-z][a-z0-9_-]{2,19}\b",
    ),
    _detector(
        "threat_to_share",
        "threatens to send, post or expose something to people the reader knows",
        r"\b(?:send|sending|sent|post|posting|share|sharing|leak|leaking|expose|exposing"
        r"|release|releasing|upload|uploading|spread|spreading|forward|publish|show|showing"
        r"|distribute|circulate|tag|blast|drop|dropping|mail)\b[^.!?\n]{0,60}?\b(?:to|on|with"
        r"|for|across|in|all over)\s+(?:all\s+(?:of\s+)?)?(?:your|ur|yr|ya|the|every|each|all"
        r"|his|her)?\s*" + _PEOPLE + r"\b",
        r"\b(?:go|goes|going|will go|gets? sent|be sent|end up|lands?) (?:straight )?(?:to|on)"
        r" (?:all )?(?:of )?(?:your|ur|yr) " + _PEOPLE + r"\b",
        r"\bruin (?:your|ur|yr) (?:life|reputation|career|marriage|future|name)\b",
        r"\b(?:everyone|everybody|the whole world|all (?:of )?(?:your|ur) \w+|(?:your|ur)"
        r" (?:family|friends|followers|parents|mom|mum|dad|wife|husband|boss|school|class))"
        r" (?:will |gonna |is gonna |are gonna |is going to |are going to )?(?:see|sees|watch"
        r"|watches|know|knows|get|gets|receive|receives)\b",
        r"\b(?:go|goes|going) viral\b|\bmake (?:you|u) (?:famous|viral)\b",
        r"\bexpose (?:you|u|ya)\b",
        r"\b(?:i'?ll|i will|i'?m gonna|im gonna|i'?m going to|gonna|or i|or ill|i can)"
        r" (?:just )?(?:post|leak|share|send|expose|upload|release|spread|publish|drop)"
        r" (?:it|them|everything|all of (?:it|them)|the (?:pics?|photos?|videos?|vids?|nudes"
        r"|clips?|recording|tape))\b",
    ),
    _detector(
        "contacts_leverage",
        "says they have the reader's followers, friends or contacts",
        r"\bscreen ?shot(?:s|ted)?\b[^.!?\n]{0,40}?\b(?:followers?|following|friends?"
        r"|contacts?|family|friend ?list|contact ?list)\b",
        r"\b(?:your|ur|yr) (?:followers?|following list|friends? ?list|contacts? ?list"
        r"|contacts|family members|close friends)\b",
        r"\b(?:list|names) of (?:all )?(?:your|ur) (?:friends|followers|contacts|family)\b",
        r"\bi (?:have|got|saved|know) (?:all )?(?:your|ur) (?:contacts|followers|friends"
        r"|family|address|school|workplace)\b",
        r"\bi know where (?:you|u) (?:live|work|go to school|study)\b",
    ),
    _detector(
        "recording_claim",
        "claims to have recorded the reader or to control their device",
        r"\b(?:recorded|recording|record|screen ?recorded|screen ?record(?:ing)?)\b",
        r"\b(?:web ?cam|webcamera|front camera|camera|cam)\b",
        r"\bvideo ?call(?:s|ing)?\b|\bfacetime\b|\bvideo chat\b",
        r"\bhacked\b|\bhacker\b|\bmalware\b|\btrojan\b|\bspyware\b|\bkeylogger\b|\brootkit\b",
        r"\bremote (?:access|control)\b|\baccess to (?:your|ur) (?:device|computer|phone"
        r"|laptop|camera|email|account|microphone)\b",
        r"\bi (?:saw|watched|caught) (?:you|u)\b",
    ),
    _detector(
        "intimate_content",
        "mentions nude, sexual or intimate images or videos",
        r"\bnudes?\b|\bnudez\b|\bnoods?\b|\bnaked\b|\bnudity\b|\btopless\b|\blewds?\b",
        r"\b(?:sexual|sex|sexy|explicit|intimate|private|dirty|spicy|nsfw|adult|xxx) ?(?:pics?"
        r"|pictures?|photos?|images?|videos?|vids?|clips?|content|acts?|parts|stuff|chat|tape"
        r"|material|moments?|sites?|websites?|movies?)\b",
        r"\bporn\w*\b|\bmasturbat\w*\b|\bjerk(?:ing|ed)? off\b|\btouching (?:yourself|urself)\b",
        r"\bpleasur(?:e|ing) (?:yourself|urself)\b|\bdick ?pics?\b|\bsexting\b|\bonlyfans\b",
    ),
    _detector(
        "deadline",
        "sets a deadline or a countdown",
        r"\b(?:within|in|next|only|you have|u have|have) (?:the next )?" + _NUMBER_WORD
        + r" ?(?:hours?|hrs?|h|minutes?|mins?|min|days?|seconds?|secs?)\b",
        r"\b\d{1,3} ?(?:hours?|hrs?|minutes?|mins?|days?)\b",
        r"\bby (?:tonight|tomorrow|midnight|noon|end of (?:the )?day|eod|monday|tuesday"
        r"|wednesday|thursday|friday|saturday|sunday|this evening|the morning)\b",
        r"\b(?:countdown|timer|clock is ticking|time is running out|running out of time"
        r"|last chance|final warning|final notice|you have until|before it'?s too late)\b",
        r"\b(?:right now|immediately|asap|right away|hurry)\b",
        r"[⏳⏰⌛]",
    ),
    _detector(
        "minor_indicator",
        "suggests the person targeted is under 18",
        r"\b(?:i'?m|im|i am|ur|you'?re|youre|you are|u r|u are|she'?s|he'?s|they'?re)"
        r" (?:only |just )?" + _AGE + r"\b(?! ?(?:min|minutes|hours|days|k|dollars|bucks))",
        r"\b" + _AGE + r" ?(?:yo|y/o|yrs? old|years? old|year-old|years of age)\b",
        r"\b(?:6|7|8|9|10|11|12)(?:th)? grade\b|\b(?:grade|year) (?:7|8|9|10|11|12)\b",
        r"\b(?:high|middle|secondary|junior high) school\b|\bhomeroom\b",
        r"\b(?:your|ur) (?:school|classmates?|teachers?|principal|headteacher|head teacher"
        r"|form tutor|school friends|coach)\b",
        r"\bunderage\b|\ba minor\b|\bunder 18\b|\bunder eighteen\b",
    ),
    _detector(
        "conditional_threat",
        "ties a demand to a consequence ('... or everyone sees it', 'unless you pay')",
        r"\b(?:or(?: else)?|otherwise|unless|if (?:you|u) (?:don'?t|dont|do not|won'?t|wont"
        r"|refuse|ignore|block|say no)|if (?:it'?s|its|the money'?s|that'?s) not)\b"
        r"[^.,;!?\n]{0,60}?\b(?:sees?|seen|gets?|go(?:es|ing)? (?:public|online|viral"
        r"|everywhere)|go(?:es)? to (?:all|every|your|ur)"
        r"|public|post(?:s|ing)?|upload(?:s|ing)?|send(?:s|ing)?|shar(?:e|es|ing)|leak(?:s|ing)?"
        r"|show(?:s|ing)?|find(?:s)? out|know(?:s)?|hears?|receives?|viral|everywhere"
        r"|expose[sd]?|release[sd]?)\b",
    ),
    _detector(
        "secrecy",
        "tells the reader to keep it secret or not to report it",
        r"\b(?:don'?t|do not|dont|never|dare not|better not) (?:you )?(?:tell|talk to|inform"
        r"|call|contact|go to|report|block|screenshot)\b[^.!?\n]{0,30}?\b(?:any ?one|any ?body"
        r"|police|cops|parents?|mom|mum|dad|family|friends?|teachers?|school|authorities|me|this"
        r"|it|the platform|instagram|snapchat)\b",
        r"\bif (?:you|u) (?:tell|report|block|go to|call|contact)\b",
        r"\bkeep (?:this|it|quiet|your mouth shut)\b[^.!?\n]{0,20}?(?:between us|secret|quiet"
        r"|to yourself|shut)\b",
        r"\b(?:tell no one|between (?:you and me|us)|our (?:little )?secret|no police|no cops)\b",
    ),
)


# ------------------------------------------------------- German, French, Spanish, Italian,
# Portuguese, Dutch: the word lists live in signal_words.py. Each signal gets ONE more
# pattern with every language's words, factored into a prefix tree (regex_factor.py) so
# that several hundred alternatives cost one to three times one English pattern, not
# hundreds of times.

def _fragments(part: Callable[[Vocabulary], tuple[str, ...]]) -> list[str]:
    """Every language's fragments of one part, folded so that accents are optional."""
    return [fold(fragment) for words in VOCABULARIES.values() for fragment in part(words)]


def _any(part: Callable[[Vocabulary], tuple[str, ...]]) -> str:
    return factor(_fragments(part))


def _words(part: Callable[[Vocabulary], tuple[str, ...]], *neutral: str) -> str:
    """Whole words and phrases of ``part``, plus ``neutral`` patterns (which say themselves
    where they end), all starting at a word boundary."""
    ended = [f if f.endswith(OWN_END) else f"(?:{f})\\b" for f in _fragments(part)]
    return r"\b" + factor([*ended, *neutral])


@functools.cache
def _their_people() -> str:
    """"deine ganze Familie", "tes parents", "tus 312 contactos", "je hele discord", "jouw
    insta volgers": a possessive, maybe an adjective, a count or a platform, then the
    people (or the platform itself: the reader's audience there)."""
    return (rf"{_any(lambda w: w.possessives)} (?:(?:{_any(lambda w: w.adjectives)}"
            rf"|\d+(?:[.,]\d+)*(?: mil| k)?|{PLATFORMS})[ -])?"
            rf"(?:{_any(lambda w: w.people)}|{PLATFORMS})")


def _audiences(*, places: bool) -> str:
    """The reader's people, everyone, and (with ``places``) the public internet."""
    others = _fragments(lambda w: w.audiences + (w.places if places else ()))
    return factor([_their_people(), *others])


def _share_threat() -> str:
    """'send it to your parents', 'to your parents I send it', 'your parents will see it',
    'then your husband gets it', 'ruin your life'.

    Verbs and audiences of all languages are combined (a message rarely mixes two
    languages, and pairing them per language would cost one pattern per language)."""
    verbs = _any(lambda w: w.share_verbs)
    return (rf"\b(?:{verbs}\b[^.!?\n]{{0,60}}?\b{_audiences(places=True)}"
            rf"|{_any(lambda w: w.to_words)} {_audiences(places=False)}\b[^.!?\n]{{0,40}}?\b{verbs}"
            rf"|{_audiences(places=False)}\b[^.!?\n]{{0,40}}?\b{_any(lambda w: w.receive_verbs)}"
            rf"|{_any(lambda w: w.receive_first)}(?: \w+){{0,2}}? {_their_people()}"
            rf"|{_any(lambda w: w.share_phrases)})\b")


def _conditional() -> str:
    """'... or everyone sees it' (no comma in between), 'otherwise / if you don't ..., I send'."""
    exposure = factor([_any(lambda w: w.consequences), _audiences(places=True)])
    return (rf"\b(?:{_any(lambda w: w.or_words)}\b[^.,;!?\n]{{0,60}}?"
            rf"\b{_any(lambda w: w.consequences)}"
            rf"|{_any(lambda w: w.otherwise)}\b[^.;!?\n]{{0,80}}?\b{exposure})\b")


def _other_language_sources() -> dict[str, str]:
    """Each signal's one pattern for the six other languages. Wrapped in a group so that
    batch scanning (fastscan.py) keeps its leading word-boundary check: with nearly every
    letter as a possible first character, checking the boundary first is cheaper than
    trying each letter and checking afterwards."""
    sources = {
        "payment_demand": _words(lambda w: w.payment, *AMOUNTS),
        "threat_to_share": _share_threat(),
        "contacts_leverage": _words(lambda w: w.contacts),
        "recording_claim": _words(lambda w: w.recording),
        "intimate_content": _words(lambda w: w.intimate),
        "deadline": _words(lambda w: w.deadline),
        "minor_indicator": _words(lambda w: w.minor),
        "conditional_threat": _conditional(),
        "secrecy": _words(lambda w: w.secrecy),
    }
    return {name: f"(?:{source})" for name, source in sources.items()}


#: Built from the word lists and compiled once per machine (about a second), then read
#: from the cache (``regex_cache.py``) on every later start.
_OTHER_LANGUAGES: dict[str, re.Pattern[str]] = regex_cache.compiled(
    "signal-patterns",
    [Path(__file__), Path(__file__).with_name("signal_words.py"),
     Path(__file__).with_name("regex_factor.py")],
    _other_language_sources,
)

#: Every detector: its English patterns, then one pattern for the other languages.
DETECTORS: tuple[Detector, ...] = tuple(
    Detector(d.name, d.explanation, (*d.patterns, _OTHER_LANGUAGES[d.name]))
    for d in _ENGLISH_DETECTORS
)

#: Stable signal names, in reporting order (crypto_wallet is found outside DETECTORS).
SIGNAL_NAMES: tuple[str, ...] = (
    DETECTORS[0].name, "crypto_wallet", *(d.name for d in DETECTORS[1:])
)


def wallet_spans(original: str, *, whole: bool = True, split: bool = True) -> list[Span]:
    """Crypto wallet addresses (whole, split or written with HTML entities) as spans."""
    spans: list[Span] = []
    for match in find_wallets_in_markup(original, whole=whole, split=split):
        if match.checksum_valid is None:
            detail = f"{match.coin} address shape (no checksum check for this coin)"
        elif match.checksum_valid:
            detail = f"{match.coin} address with a valid checksum"
        else:
            detail = f"{match.coin}-shaped string (checksum not valid)"
        if match.pieces > 1:
            detail += f", split into {match.pieces} pieces"
        spans.append((match.start, match.end, "crypto_wallet", detail))
    return spans


def signal_spans(text: str, normalised: NormalisedText | None = None) -> list[Span]:
    """``detect_signals`` as merged spans, without building the signals."""
    normalised = normalised if normalised is not None else normalise(text)
    found = wallet_spans(text)
    for detector in DETECTORS:
        found.extend(detector.spans(normalised))
    return merge_spans(found)


def detect_signals(text: str, normalised: NormalisedText | None = None) -> list[Signal]:
    """Return every signal in ``text``, ordered by position then name.

    >>> [s.name for s in detect_signals("I recorded you. Pay $300 in 24 hours")]
    ['recording_claim', 'payment_demand', 'payment_demand', 'deadline']
    """
    return as_signals(signal_spans(text, normalised), text)


def merge_spans(spans: list[Span]) -> list[Span]:
    """Join overlapping spans of the same name into one covering both (keeping the first
    one's detail); the result is ordered by start, end and name."""
    if len(spans) < 2:
        return list(spans)
    merged: list[Span] = []
    last_by_name: dict[str, int] = {}
    for span in sorted(spans, key=_merge_order):
        start, end, name, _ = span
        index = last_by_name.get(name)
        if index is not None and start < merged[index][1]:
            previous = merged[index]
            if end > previous[1]:
                merged[index] = (previous[0], end, name, previous[3])
            continue
        last_by_name[name] = len(merged)
        merged.append(span)
    merged.sort(key=_report_order)
    return merged


def _merge_order(span: Span) -> tuple[int, int, str]:
    return span[0], -span[1], span[2]


def _report_order(span: Span) -> tuple[int, int, str]:
    return span[0], span[1], span[2]


def as_signals(spans: Iterable[Span], original: str) -> list[Signal]:
    """The spans as signals, each with the words of ``original`` it covers."""
    return [found_signal(name, original[start:end], start, end, detail)
            for start, end, name, detail in spans]
