"""Debian's Chromium driven by Playwright, for the browser tests, screenshots and the page-load
benchmark. Playwright's own browser download is never used (it needs the network): the
executable is ``/usr/bin/chromium`` unless ``EVENTWIRE_CHROMIUM`` names another."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
"""Headless and quiet: no sandbox (CI runs as root), and no background connections, which a
closed network refuses noisily."""


def chromium_path() -> str:
    return os.environ.get("EVENTWIRE_CHROMIUM") or "/usr/bin/chromium"


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium browser; closed when the block ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


__all__ = ["CHROMIUM_ARGS", "chromium_path", "launch"]
