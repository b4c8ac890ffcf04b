"""What the browser tests share: the demo accounts' password, logging in, and axe-core."""

import os
from pathlib import Path

import pytest

PASSWORD = "browser-demo-wachtwoord"

# axe-core comes from npm (package.json, `npm ci`); it is never copied into the repository.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP, PHONE = 1280, 390


def log_in(page, live_server, username: str, next_url: str = "") -> None:
    page.goto(live_server.url + "/inloggen/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def axe_path() -> Path:
    """The installed axe-core; skipped locally without it, a failure on CI."""
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE}): run `npm ci` in the repository root"
        if os.environ.get("CI"):
            pytest.fail("CI needs " + message)
        pytest.skip(message)
    return AXE


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_path()))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
            .then(result => result.violations.map(v =>
                `${v.id} (${v.impact}): ${v.help} — ` +
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))""",
        WCAG_21_AA,
    )


def scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
