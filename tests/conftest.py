"""Shared fixtures: seed-like incidents and a headless Chromium."""

from __future__ import annotations

import os

import pytest
from incident_fixtures import seed_like_incidents

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture
def incidents():
    """Fresh seed-like incidents (records are mutable, so one list per test)."""
    return seed_like_incidents()


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium through Playwright (it cannot download browsers here)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (scripts/test.sh does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
