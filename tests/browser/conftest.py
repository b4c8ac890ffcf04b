"""Playwright driving Debian's Chromium; no browser is ever downloaded by a test tool."""

import os
from pathlib import Path

import pytest

from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load
from tests.browser.helpers import PASSWORD

CHROMIUM = Path(os.environ.get("OPVANGREGIE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Chromium at {CHROMIUM}: apt-get install -y chromium")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM would refuse the
    # test's own database work without this.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, monkeypatch):
    monkeypatch.setenv("OPVANGREGIE_DEMO_PASSWORD", PASSWORD)
    scenario_load()
    demo_accounts_ensure()


@pytest.fixture
def axe_page(chromium_browser):
    """A page that may inject axe-core: the app's Content-Security-Policy forbids injected
    scripts, so this context alone bypasses it. Pages answered with 4xx are checked too."""
    context = chromium_browser.new_context(
        locale="nl-NL", bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(chromium_browser):
    """A fresh browser page that records console errors and failed requests."""
    context = chromium_browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda message: page.problems.append(f"console {message.type}: {message.text}")
        if message.type in {"error", "warning"}
        else None,
    )
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: page.problems.append(f"HTTP {response.status}: {response.url}")
        if response.status >= 400
        else None,
    )
    yield page
    context.close()
