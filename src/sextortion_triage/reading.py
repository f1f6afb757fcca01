"""Turn what a person gives us (bytes of a .txt or .eml file, or pasted text) into text.

E-mail: MIME is decoded (quoted-printable, base64, declared charsets); ``text/plain``
parts are preferred, HTML is converted to text otherwise; the Subject is kept. Errors
say what is wrong and where (byte positions), never what the message says.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from .errors import InputError

__all__ = ["MAX_CHARS", "decode_text", "html_to_text", "read_eml", "read_message_file"]

MAX_CHARS = 100_000
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:", re.MULTILINE)


class _TextExtractor(HTMLParser):
    """Collects visible text; skips script, style, head and hidden elements."""

    _SKIP: ClassVar[frozenset[str]] = frozenset(
        {"script", "style", "head", "title", "template", "noscript"})
    _BLOCK: ClassVar[frozenset[str]] = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
         "blockquote", "section", "article", "header", "footer", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = (dict(attrs).get("style") or "").replace(" ", "").lower()
        hidden = "display:none" in style or "visibility:hidden" in style
        if tag in self._SKIP or hidden or any(name == "hidden" for name, _ in attrs):
            if tag not in {"br", "img", "input", "meta", "link"}:
                self._skipping.append(tag)
            return
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, one block per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def decode_text(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode bytes as text (UTF-8 by default), refusing binary data with a clear error."""
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise InputError(f"{source} looks like a binary file (NUL byte at byte {nul}), "
                         "not text.",
                         "give a .txt or .eml file, or paste the message.")
    name = encoding or "utf-8-sig"
    try:
        return data.decode(name)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}.", "use an encoding such as "
                         "utf-8, latin-1 or cp1252.") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{source} is not valid {encoding or 'UTF-8'} (bad byte at position "
                         f"{error.start}).", "save it as UTF-8, or pass --encoding latin-1 "
                         "(or the file's real encoding).") from None


def _best_body(message: EmailMessage) -> str:
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        return str(plain.get_content())
    html = message.get_body(preferencelist=("html",))
    if html is not None:
        return html_to_text(str(html.get_content()))
    return ""


def read_eml(data: bytes, *, source: str = "the e-mail") -> str:
    """Subject and best body text of an RFC 5322 message."""
    if not _HEADER.search(data[:4096]):
        raise InputError(f"{source} has no e-mail headers, so it is not an .eml file.",
                         "save the e-mail as .eml, or give the text as a .txt file.")
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        subject = str(message.get("subject", "") or "")
        body = _best_body(message)
    except (LookupError, ValueError, AssertionError, AttributeError, TypeError) as error:
        raise InputError(f"{source} could not be decoded as an e-mail "
                         f"({type(error).__name__}).",
                         "save the message text as a .txt file and check that.") from None
    text = "\n\n".join(part.strip() for part in (subject, body) if part and part.strip())
    if not text:
        raise InputError(f"{source} has no readable text (no plain-text or HTML part).",
                         "copy the message text into a .txt file and check that.")
    return text


def read_message_file(path: Path, *, encoding: str | None = None) -> str:
    """Read a .txt (or any text) file, or an .eml e-mail, as message text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} does not exist.", "check the path.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file.", "give one message file.") from None
    except OSError as error:
        raise InputError(f"{path} cannot be read ({error.strerror}).",
                         "check the file's permissions.") from None
    if path.suffix.lower() == ".eml":
        return read_eml(data, source=str(path))
    return decode_text(data, source=str(path), encoding=encoding)
