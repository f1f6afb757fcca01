"""Reading message files: plain text, MIME e-mail and HTML."""

from __future__ import annotations

import base64

import pytest

from sextortion_triage.errors import InputError
from sextortion_triage.reading import decode_text, html_to_text, read_eml


def mail(body: bytes, content_type: str = "text/plain; charset=utf-8",
         encoding: str = "7bit") -> bytes:
    return (b"From: a@example.com\r\nSubject: Hello\r\nMIME-Version: 1.0\r\n"
            + f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n"
            .encode() + body)


def test_quoted_printable_body_is_decoded() -> None:
    assert "pay 300 € now" in read_eml(mail(b"pay 300 =E2=82=AC now", encoding="quoted-printable"))


def test_base64_body_is_decoded() -> None:
    body = base64.b64encode(b"I recorded you")
    assert "I recorded you" in read_eml(mail(body, encoding="base64"))


def test_subject_is_kept() -> None:
    assert read_eml(mail(b"body")).startswith("Hello")


def test_plain_text_is_preferred_over_html() -> None:
    data = (b"From: a@example.com\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/alternative; boundary=XX\r\n\r\n--XX\r\n"
            b"Content-Type: text/html\r\n\r\n<p>html version</p>\r\n--XX\r\n"
            b"Content-Type: text/plain\r\n\r\nplain version\r\n--XX--\r\n")
    text = read_eml(data)
    assert "plain version" in text and "html version" not in text


def test_html_only_mail_is_converted_to_text() -> None:
    text = read_eml(mail(b"<html><head><style>p{}</style></head><body><p>send</p>"
                         b"<p>now</p></body></html>", content_type="text/html"))
    assert text.splitlines()[-2:] == ["send", "now"]


def test_html_to_text_skips_scripts_and_hidden_text() -> None:
    html = '<script>var x=1</script><div style="display: none">hidden</div><b>seen</b>'
    assert html_to_text(html) == "seen"


def test_a_file_without_headers_is_not_an_eml() -> None:
    with pytest.raises(InputError, match="no e-mail headers"):
        read_eml(b"just some text")


def test_undecodable_text_names_the_byte_position() -> None:
    with pytest.raises(InputError, match="bad byte at position 2"):
        decode_text(b"ok\xff", source="x.txt")


def test_utf8_byte_order_mark_is_dropped() -> None:
    assert decode_text(b"\xef\xbb\xbfhi", source="x.txt") == "hi"


def test_unknown_encoding_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text(b"hi", source="x.txt", encoding="klingon")
