"""Take the README's screenshot of the local page: docs/serve-page.png.

Usage: python docs/screenshot_page.py [OUT.png]

Starts the real ``sextortion-triage serve`` on a free loopback port, types the README's
example message into the page in Debian's headless Chromium (apt-get install chromium),
picks the United Kingdom, presses the button and saves the whole page.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from live_server import chromium, running_server  # noqa: E402

MESSAGE = ("I have your pics. Send $300 on Cash App in 1 hour or your followers see "
           "everything")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve-page.png"
    with running_server() as server, chromium(width=880, height=900) as browser:
        page = browser.new_page()
        page.goto(server.url)
        page.wait_for_selector("body[data-ready]")
        page.fill("#message", MESSAGE)
        page.select_option("#region", "uk")
        page.click("#check")
        page.wait_for_selector("#result-heading")
        page.evaluate("document.activeElement.blur()")
        page.screenshot(path=str(out), full_page=True)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
