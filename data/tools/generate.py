"""Seeded generator for the templated part of the corpus (families named ``gen-*``).

Every message is composed from phrase banks written for this project: a category's
parts are picked in order, filled with invented names, amounts, platforms and wallet
strings (random payloads with real Base58Check / Bech32 checksums, so the
checksum-aware signal sees realistic strings), then roughened by the same noise
functions for both labels (lower case, all caps, texting spellings, typos, emoji) so
that style carries no label. Generated families go to the ``train`` split only.

Usage: python data/tools/generate.py [--seed 20261128] > generated.jsonl
The output is a pure function of the seed: the same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
from sextortion_triage.wallets import bech32_polymod

SEED = 20261128
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

# ---------------------------------------------------------------- fake details

FIRST = ["Jay", "Maya", "Tyler", "Ava", "Noah", "Chloe", "Liam", "Zoe", "Ethan", "Mia", "Owen",
         "Priya", "Diego", "Hana", "Kofi", "Lena", "Sam", "Ruby", "Marcus", "Elif", "Tomas",
         "Aisha", "Ben", "Nina", "Callum", "Jess", "Ravi", "Sofia", "Dan", "Grace"]
HANDLE_BITS = ["sk8", "vibes", "xo", "real", "its", "the", "official", "_", "99", "07", "2k",
               "lil", "big", "baby", "king", "queen", "moon", "night", "blue", "zz"]
CURRENCIES = [("$", ""), ("", " USD"), ("£", ""), ("€", ""), ("", " dollars"), ("", " bucks"),
              ("", " EUR"), ("", " GBP"), ("CA$", ""), ("A$", "")]
PAY_APPS = ["Cash App", "cashapp", "PayPal", "Venmo", "Zelle", "Apple Pay", "a Steam gift card",
            "Amazon gift cards", "Google Play cards", "bank transfer", "Western Union",
            "Revolut", "crypto", "BTC", "Razer Gold cards", "Apple gift cards", "GCash"]
COINS = ["Bitcoin", "BTC", "bitcoin", "Litecoin", "USDT (TRC20)", "Monero", "ETH", "crypto"]
PLATFORMS = ["Instagram", "Snapchat", "TikTok", "Facebook", "Discord", "WhatsApp", "Telegram",
             "Hinge", "Tinder", "Grindr", "Xbox", "Twitter", "Reddit"]
PEOPLE = ["your friends", "your family", "all your followers", "your parents", "your mom",
          "your school", "your classmates", "your boss", "your coworkers", "your wife",
          "your girlfriend", "your boyfriend", "your contacts", "everyone you know",
          "your church group", "your teachers", "your cousins", "your team"]
HOURS = ["24 hours", "48 hours", "72 hours", "2 days", "1 hour", "30 minutes", "12 hours",
         "10 minutes", "tonight", "midnight", "the end of the day", "3 hours"]
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "example.co.uk"]
EMOJI = ["😂", "😭", "🙏", "🔥", "💀", "😈", "⏰", "😘", "❤️", "👀", "🤣", "😡", "💸", "😬", "🥺"]


def base58(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = B58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58check(version: int, rng: random.Random) -> str:
    payload = bytes([version]) + bytes(rng.randrange(256) for _ in range(20))
    checksum = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return base58(payload + checksum)


def bech32(hrp: str, rng: random.Random) -> str:
    program = [rng.randrange(32) for _ in range(32)]
    data = [0, *program]
    polymod = bech32_polymod(hrp, [*data, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(B32[v] for v in data + checksum)


def wallet(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return base58check(0x00, rng)
    if kind == 1:
        return base58check(0x05, rng)
    if kind == 2:
        return bech32("bc", rng)
    if kind == 3:
        return "0x" + "".join(rng.choice("0123456789abcdef") for _ in range(40))
    if kind == 4:
        return base58check(0x41, rng)
    return base58check(0x30, rng)


class Filler:
    """Fills ``{slot}`` markers with invented details."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def amount(self) -> str:
        value = self.rng.choice([50, 100, 150, 200, 250, 300, 400, 500, 750, 800, 1000, 1200,
                                 1500, 2000, 2500, 3000, 5000])
        prefix, suffix = self.rng.choice(CURRENCIES)
        return f"{prefix}{value}{suffix}"

    def handle(self) -> str:
        return "@" + self.rng.choice(FIRST).lower() + self.rng.choice(HANDLE_BITS) + str(
            self.rng.randrange(10, 99))

    def fill(self, template: str) -> str:
        rng = self.rng
        slots: dict[str, Callable[[], str]] = {
            "name": lambda: rng.choice(FIRST),
            "handle": self.handle,
            "amount": self.amount,
            "app": lambda: rng.choice(PAY_APPS),
            "coin": lambda: rng.choice(COINS),
            "platform": lambda: rng.choice(PLATFORMS),
            "people": lambda: rng.choice(PEOPLE),
            "hours": lambda: rng.choice(HOURS),
            "wallet": lambda: wallet(rng),
            "domain": lambda: rng.choice(DOMAINS),
            "n": lambda: str(rng.randrange(2, 60)),
            "age": lambda: str(rng.randrange(13, 18)),
            "code": lambda: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8)),
            "day": lambda: rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday"]),
        }
        out = template
        while "{" in out:
            start = out.index("{")
            end = out.index("}", start)
            out = out[:start] + slots[out[start + 1 : end]]() + out[end + 1 :]
        return out


# ---------------------------------------------------------------- noise, for both labels

def texting(text: str, rng: random.Random) -> str:
    swaps = {" you ": " u ", " your ": " ur ", " are ": " r ", " because ": " cuz ",
             " please ": " pls ", " right now": " rn", " okay": " ok", " to ": " 2 "}
    out = f" {text} "
    for old, new in swaps.items():
        if rng.random() < 0.7:
            out = out.replace(old, new)
    return out.strip()


def typos(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(max(1, len(chars) // 60)):
        i = rng.randrange(len(chars) - 1)
        if chars[i].isalpha() and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def roughen(text: str, rng: random.Random) -> str:
    """Apply a random mix of style noise; used identically for every category."""
    if rng.random() < 0.3:
        text = texting(text, rng)
    if rng.random() < 0.25:
        text = typos(text, rng)
    roll = rng.random()
    if roll < 0.2:
        text = text.lower()
    elif roll < 0.27:
        text = text.upper()
    if rng.random() < 0.2:
        text = text.replace(".", "").replace(",", "")
    if rng.random() < 0.25:
        text = text + " " + "".join(rng.choice(EMOJI) for _ in range(rng.randrange(1, 4)))
    return text


# ---------------------------------------------------------------- phrase banks
# Each category is a list of slots; each slot is a list of alternatives (an empty
# string makes the slot optional). Parts are joined with the category's separator.

BANKS: dict[str, tuple[int, str, str, list[list[str]]]] = {
    # name: (label, channel, separator, slots)
    "webcam_crypto": (1, "email", "\n\n", [
        ["Subject: Your account is compromised", "Subject: Payment overdue", "Subject: I know what you did",
         "Subject: Security warning for {domain}", "Subject: last reminder", "", "Subject: Private matter"],
        ["Hello.", "Hi there,", "Greetings,", "Dear user,", "Listen carefully.", "", "Hello pervert,"],
        ["I got into your computer months ago through a malicious link you opened.",
         "Your device was infected with my software when you visited an adult site.",
         "I hacked your email and your phone. Your password is one of the ones I found in a leak.",
         "As you can see I know your password. I have had full access to your system for weeks.",
         "My trojan has been running on your laptop and I control your camera and microphone.",
         "I am a hacker and I have access to your operating system since some time."],
        ["I recorded you through your webcam while you were watching porn and touching yourself.",
         "My program recorded the screen and your webcam at the same time, so I have a split video of you and what you watched.",
         "I have a video of you from your own camera doing things you would not want anyone to see.",
         "I made a compilation of your intimate moments from the front camera."],
        ["I also copied every contact from your email, phone and social accounts.",
         "I have the full list of your contacts, friends and family.", ""],
        ["Send {amount} in {coin} to this wallet: {wallet}",
         "Transfer {amount} worth of Bitcoin to my address {wallet}",
         "My price is {amount}. Pay in BTC to {wallet} (copy and paste it, it is case sensitive).",
         "You will pay me {amount} in crypto. Wallet: {wallet}"],
        ["You have {hours} from the moment you open this letter.",
         "You have 48 hours. I will know when you read this.", "The timer started when you opened this.",
         "Deadline is {hours}."],
        ["If I do not receive the payment, the video goes to all your contacts and on social media.",
         "Otherwise I send the recording to {people} and upload it to porn sites.",
         "No payment and everyone in your contact list gets the video.",
         "If you ignore me, {people} will see everything."],
        ["Do not reply to this email, it was sent from a random address.", "Don't go to the police, I will know.",
         "After payment I delete everything and you never hear from me again.", ""],
    ]),
    "dm_financial": (1, "dm", "\n", [
        ["hey", "look at this", "u there?", "answer me", "hello {name}", "", "I know ur online"],
        ["I have ur nudes", "I screen recorded our video call", "I saved everything you sent me",
         "i got the video of what u did on cam", "I recorded the whole facetime",
         "i have ur pics and ur face is in all of them"],
        ["I got screenshots of all ur followers", "I already have a list of ur friends and family",
         "I know ur mom, ur sister and ur best friend {handle}", "I found ur school and ur classmates",
         "look i screenshotted ur followers list", ""],
        ["send {amount} on {app} now", "pay {amount} through {app} or else", "you have to pay {amount}",
         "I want {amount} on {app}", "send {amount} and I delete it", "{amount} by {app}, no games"],
        ["you have {hours}", "u got {hours}", "clock is ticking", "im counting", "hurry", ""],
        ["or I post it to {people}", "or I send it to every single one of them",
         "or it goes on ur story and to {people}", "or I will ruin ur life", "or I make u go viral",
         "if not everyone sees it"],
        ["dont block me", "dont tell anyone", "if u block me i post instantly", "", "ur choice"],
    ]),
    "image_or_meeting_demand": (1, "dm", "\n", [
        ["remember me?", "hey again", "u thought i forgot", "", "listen"],
        ["i still have the pics u sent", "i saved ur video", "i recorded u on the call",
         "i have ur nudes from last week", "the video of u is still on my phone"],
        ["send me 5 more pics tonight", "send a new video, face showing", "video call me at 11 tonight",
         "meet me at the park {day} after school", "send more or else", "get on cam for me again",
         "come to my place {day} night, alone"],
        ["or i send the old ones to {people}", "if u dont, {people} gets everything",
         "or i post them on {platform} and tag u", "or ur parents see them", "or i expose u to {people}"],
        ["dont tell anyone", "no excuses", "u have until {hours}", ""],
    ]),
    "ex_partner": (1, "dm", " ", [
        ["Since you left me,", "After what you did,", "You blocked me everywhere so here it is:",
         "Hey. Long time.", "I gave you everything.", "Remember our trip?"],
        ["I still have the videos we made.", "I kept all the pics you sent me when we were together.",
         "I have the tape from our anniversary.", "I still have your nudes on my laptop."],
        ["Pay back the {amount} you owe me", "Come back to me", "Drop your new boyfriend",
         "Unblock me and meet me {day}", "Give me the car back", "Send me {amount} by {day}",
         "Answer my calls"],
        ["or your new man sees all of it.", "or I send them to {people}.",
         "or they go on {platform} with your name on them.", "or your boss gets a copy.",
         "or I post them where everyone will see."],
        ["Your choice.", "Don't test me.", "I mean it.", "", "You have {hours}."],
    ]),
    "payment_followup": (1, "dm", "\n", [
        ["got ur {amount}", "i received the payment", "thanks for the {amount}", "ok payment came in", ""],
        ["but it's not enough", "but my partner wants more", "but u paid late so the price doubled",
         "that was only the first part", "now i need {amount} more"],
        ["send {amount} more on {app}", "another {amount} and we are done", "pay {amount} again",
         "last payment {amount}, I promise"],
        ["or the video still goes to {people}", "or I post everything anyway", "or I tag {people}",
         "or ur nudes go public"],
        ["you have {hours}", "dont make me wait", "", "tick tock"],
    ]),
    "news_advice": (0, "web", " ", [
        ["Police are warning of a rise in sextortion cases.", "Sextortion: what parents need to know.",
         "A new report says teenage boys are the most common targets of financial sextortion.",
         "School safety bulletin:", "Officers in the county have seen reports double this year."],
        ["Criminals pose as someone your age, swap images, then threaten to send them to friends and family unless paid.",
         "Offenders often screenshot a victim's followers and demand money by gift card or Cash App.",
         "Many scam e-mails claim to have recorded you through your webcam and demand Bitcoin; most are bluffs sent in bulk.",
         "The blackmailers usually set a short deadline, sometimes only an hour, to create panic."],
        ["If it happens, don't pay, stop replying, keep the messages as evidence and report it.",
         "Experts advise victims not to pay: paying usually leads to more demands.",
         "Victims are not to blame and can get help from the police and support lines.",
         "Take screenshots of the account and messages before you block, and report the profile."],
        ["", "Talk to a trusted adult if you are under 18.", "Report it to the platform and to the police.",
         "Support is available 24 hours a day."],
    ]),
    "victim_report": (0, "web", " ", [
        ["Someone messaged my son on {platform} last night.", "I need advice please.",
         "My daughter came to me crying.", "Posting this so others know.",
         "I got one of those emails today.", "Moderator note: user reported a DM."],
        ["They said they had his pics and would send them to his followers unless he paid {amount}.",
         "It said they recorded me on webcam and had my old password, and wanted {amount} in bitcoin within {hours}.",
         "The account screenshotted her friend list and demanded gift cards.",
         "The sender claimed to have a video and threatened to post it to family."],
        ["We did not pay and we reported the account.", "Is this real or a scam?",
         "He already paid once and they asked for more.", "What should we do now?",
         "Blocked after taking screenshots, reported to police."],
        ["", "Thanks for any help.", "Please be careful out there.", "Escalating to trust and safety."],
    ]),
    "consensual_flirting": (0, "dm", "\n", [
        ["can't stop thinking about last night", "miss u already", "hey gorgeous", "you looked so good today",
         "ok I'm bored at work"],
        ["send me a pic later?", "I'll send you something spicy tonight", "deleted those pics like you asked",
         "that video you sent 🔥", "video call when you get home?", "wanna facetime after 10?"],
        ["only if you want to", "no pressure ofc", "just for us", "can't wait to see you {day}",
         "you're making me blush", ""],
    ]),
    "payment_request": (0, "sms", " ", [
        ["Hey {name},", "Reminder:", "Hi all,", "yo", "Hello,"],
        ["can you send me {amount} on {app} for the concert tickets?",
         "rent of {amount} is due by {day}.", "your invoice for {amount} is due within {hours}.",
         "please pay your share of dinner, {amount}, on {app}.", "the team fee is {amount}, pay by {day} please.",
         "send the {amount} for the cabin deposit by tonight or we lose the booking."],
        ["Thanks!", "Late fees apply after that.", "no rush but pls before {day}", "", "I'll post the receipts in the group chat."],
    ]),
    "crypto_notice": (0, "email", "\n", [
        ["Subject: Withdrawal confirmed", "Subject: New deposit address", "Subject: Price alert",
         "Subject: Action required: verify your withdrawal address"],
        ["Your withdrawal of 0.0{n} BTC to {wallet} has been completed.",
         "Your new {coin} deposit address is {wallet}. Only send {coin} to this address.",
         "Bitcoin is up {n}% in the last 24 hours.",
         "Please confirm the withdrawal address {wallet} within 24 hours or the request will be cancelled."],
        ["If you did not make this request, contact support at support@{domain}.",
         "Network fees may apply.", "This is an automated message.", ""],
    ]),
    "other_scam": (0, "sms", " ", [
        ["Your parcel is on hold.", "Congratulations! You won a {amount} prize.",
         "Microsoft support: your computer has a virus.", "Hi dear, I am a soldier overseas and I love you.",
         "Invest {amount} today and earn 30% weekly.", "Your bank account is suspended."],
        ["Pay a small fee of {amount} here: https://{domain}/pay", "Call us within {hours} to claim.",
         "Send {amount} in gift cards so I can fly home to you.", "Confirm your details at https://{domain}/verify",
         "Reply with your card number to unlock it."],
        ["", "Offer ends tonight.", "Ref {code}.", "Don't miss out!"],
    ]),
    "nonsexual_threat": (0, "dm", " ", [
        ["Pay back the {amount} you owe me by {day}", "You cheated in that match",
         "I know you took the money from the till", "Final notice from collections:",
         "Keep parking in my spot"],
        ["or I'm telling everyone at work.", "and I'm going to expose you on {platform}.",
         "or your account goes to a collection agency within {hours}.",
         "or I'll post your address in the server.", "and I will report you to the landlord."],
        ["", "Don't test me.", "Last warning.", "Your call."],
    ]),
    "security_notice": (0, "email", "\n", [
        ["Subject: New sign-in to your account", "Subject: Camera access", "Subject: Password changed",
         "Subject: Your data may have been exposed"],
        ["We noticed a new login from a device in another country.",
         "The app {platform} accessed your camera in the last {hours}.",
         "Your password was found in a data breach. Change it now.",
         "A security update is available that protects your webcam from unauthorised access."],
        ["If this was you, you can ignore this message.", "Review your devices at https://{domain}/security.",
         "Turn on two-factor authentication.", ""],
    ]),
    "joke_fiction": (0, "chat", " ", [
        ["lol I got the 'I hacked your webcam' email again", "plot twist:",
         "Chapter 12.", "my cat walked on my keyboard and sent {amount} to my friend",
         "new episode spoiler:"],
        ["joke's on them, my camera has had tape on it since 2019", "the detective finds the blackmailer's wallet address",
         "the villain threatens to leak the mayor's tax records", "my webcam only ever recorded me eating cereal",
         "they said they'd tell my friends, my friends already know I'm a mess"],
        ["😂", "", "10/10 would read again", "send help"],
    ]),
    "everyday": (0, "sms", " ", [
        ["hey", "morning!", "Hi {name},", "ok so", "quick question"],
        ["are we still on for {day}?", "can you pick up milk on the way home", "the meeting moved to 3pm",
         "did you see the game last night", "I'll send the photos from the party later",
         "running 10 minutes late sorry", "happy birthday!!"],
        ["", "thanks", "see you soon", "lmk"],
    ]),
}

COUNTS = {
    "webcam_crypto": 140, "dm_financial": 200, "image_or_meeting_demand": 130, "ex_partner": 120,
    "payment_followup": 130,
    "news_advice": 120, "victim_report": 130, "consensual_flirting": 120, "payment_request": 130,
    "crypto_notice": 110, "other_scam": 110, "nonsexual_threat": 120, "security_notice": 110,
    "joke_fiction": 80, "everyday": 400,
}
CHANNEL_CHOICES = {"dm": ["dm", "sms", "chat"], "sms": ["sms", "chat", "dm"],
                   "web": ["web", "web", "email"], "email": ["email"], "chat": ["chat", "dm"]}


def generate(seed: int = SEED) -> list[dict[str, object]]:
    """Return the generated messages, a pure function of ``seed``."""
    rows: list[dict[str, object]] = []
    for category, count in COUNTS.items():
        rng = random.Random(f"{seed}:{category}")
        filler = Filler(rng)
        label, channel, separator, slots = BANKS[category]
        seen: set[str] = set()
        attempts = 0
        while len(seen) < count and attempts < count * 50:
            attempts += 1
            parts = [filler.fill(rng.choice(options)) for options in slots]
            text = roughen(separator.join(p for p in parts if p), rng)
            key = " ".join("".join(c for c in text.casefold() if c.isalnum() or c.isspace()).split())
            if key in seen:
                continue
            seen.add(key)
            rows.append({"text": text, "label": label, "category": category,
                         "channel": rng.choice(CHANNEL_CHOICES[channel]), "lang": "en",
                         "family": f"gen-{category.replace('_', '-')}"})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    for row in generate(args.seed):
        sys.stdout.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
