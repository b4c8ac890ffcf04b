"""WCAG 2.1 A/AA (axe-core) and reflow on every main page, as every role, at two widths.

One browser session per role: log in once, then visit the main pages and the detail pages
found through their links. Each page is checked at desktop width, then narrowed to a phone's
width and checked again (the CSS reflows without a reload).
"""

import re

from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    axe_path,
    axe_violations,
    log_in,
    scrolls_sideways,
)

AS_OF = "peildatum=2022-08-31"  # the demo scenario's meeting: tables with figures
MAIN_PAGES = (
    "/",
    f"/overzicht/?{AS_OF}",
    "/verdelingen/",
    "/opgaven/nieuw/",
    "/locaties/",
    "/locaties/nieuw/",
    "/locaties/vergunninghouders/",
    "/locaties/upload/",
    "/zoektocht/",
    "/zoektocht/criteria/",
    "/zoektocht/kandidaten/nieuw/",
    "/zoektocht/uitvragen/nieuw/",
    "/noodopvang/",
    "/noodopvang/roosters/nieuw/",
    "/noodopvang/verblijf/",
    "/noodopvang/noodknop/",
    "/noodopvang/meldingen/",
    "/overleg/",
    "/overleg/nieuw/",
    "/overleg/voorstellen/",
    "/overleg/voorstellen/nieuw/",
    f"/overleg/tussenstand/?{AS_OF}",
    "/landelijk-beeld/",
    "/flexwonen/",
    "/flexwonen/nieuw/",
    "/afspraken/",
    "/afspraken/nieuw/",
    "/landelijk/wat-als/",
    "/landelijk-beeld/scenarios/",
    "/landelijk-beeld/inlezen/",
    "/account/wachtwoord/",
    "/account/e-mail/",
    "/account/werkdatum/",
    "/toegankelijkheid/",
)
# Detail and edit pages: the first link of each form found on a visited page is visited too.
DETAIL_PAGES = tuple(re.compile(p) for p in (
    r"^/gemeenten/[^/]+/$",
    r"^/gemeenten/[^/]+/bewerken/$",
    r"^/verdelingen/\d+/$",
    r"^/opgaven/\d+/wijzigen/$",
    r"^/opgaven/\d+/voortgang/$",
    r"^/flexwonen/\d+/wijzigen/$",
    r"^/landelijk-beeld/(?!scenarios/|inlezen/)[^/]+/$",
    r"^/locaties/\d+/$",
    r"^/locaties/\d+/bewerken/$",
    r"^/locaties/\d+/plekken/\d+/corrigeren/$",
    r"^/zoektocht/kandidaten/\d+/$",
    r"^/zoektocht/kandidaten/\d+/bewerken/$",
    r"^/zoektocht/kandidaten/\d+/toegang/$",
    r"^/zoektocht/uitvragen/\d+/$",
    r"^/noodopvang/roosters/\d+/$",
    r"^/noodopvang/roosters/\d+/diensten/\d+/wijzigen/$",
    r"^/noodopvang/verblijf/\d+/$",
    r"^/noodopvang/noodknop/\d+/$",
    r"^/overleg/\d+/$",
    r"^/overleg/voorstellen/\d+/$",
    r"^/overleg/locaties/\d+/rapportage/$",
))
ROLES = ("coordinator", "zwolle", "bestuur", "beheer")  # coördinator, officer, board, admin
# The administrator's own pages: the themed admin (issue 17, item 5).
ADMIN_PAGES = (
    "/beheer/",
    "/beheer/accounts/user/",
    "/beheer/accounts/user/add/",
    "/beheer/capacity/location/",
    "/beheer/audit/auditevent/",
    "/beheer/api/apitoken/",
)


def detail_links(page, seen: set[str]) -> list[str]:
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.pathname)")
    found = []
    for pattern in DETAIL_PAGES:
        match = next((h for h in hrefs if pattern.match(h)), None)
        if match and match not in seen:
            seen.add(match)
            found.append(match)
    return found


def check_both_widths(page, label: str, violations: dict, sideways: list) -> None:
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    if found := axe_violations(page):
        violations[f"{label} @{DESKTOP}"] = found
    page.set_viewport_size({"width": PHONE, "height": 800})
    if found := axe_violations(page):
        violations[f"{label} @{PHONE}"] = found
    if scrolls_sideways(page):
        sideways.append(label)


def check_role(page, live_server, username: str, violations: dict, sideways: list) -> list[str]:
    """Every page `username` reaches; returns the pages answered with another status than 200."""
    log_in(page, live_server, username)
    pages = MAIN_PAGES + (ADMIN_PAGES if username == "beheer" else ())
    queue, seen = list(pages), set(pages)
    refused: list[str] = []
    while queue:
        path = queue.pop(0)
        response = page.goto(live_server.url + path)
        if response.status != 200:
            refused.append(f"{path} ({response.status})")
        label = f"{username} {path}"
        check_both_widths(page, label, violations, sideways)
        if path == "/":
            # The folded header menu, opened.
            page.get_by_role("button", name="Menu").click()
            if found := axe_violations(page):
                violations[f"{label} @{PHONE}, menu open"] = found
        if page.locator("#toon-weken").count():
            page.set_viewport_size({"width": DESKTOP, "height": 900})
            page.check("#toon-weken")
            if found := axe_violations(page):
                violations[f"{label} @{DESKTOP}, weeks shown"] = found
        queue += detail_links(page, seen)
    page.checked = len(seen)
    return refused


def test_every_main_page_has_no_wcag_violations_and_fits_a_phone(
    demo, live_server, chromium_browser
):
    """As every role, in a browser session of its own (one scenario for all: it is read only)."""
    axe_path()
    violations: dict[str, list[str]] = {}
    sideways: list[str] = []
    for username in ROLES:
        context = chromium_browser.new_context(locale="nl-NL", bypass_csp=True)
        page = context.new_page()
        refused = check_role(page, live_server, username, violations, sideways)
        # Every page was reached: a coordinator may open all of them, and the detail pages
        # were found through their links.
        assert page.checked >= len(MAIN_PAGES) + 10, username
        if username == "coordinator":
            # The national what-if is for the national coordinator and administrators only.
            assert refused == ["/landelijk/wat-als/ (403)"]
        if username == "beheer":
            assert "/landelijk/wat-als/ (403)" not in refused
        context.close()

    assert violations == {}
    assert sideways == [], f"pages that scroll sideways at {PHONE} px"


def test_pages_without_login_have_no_wcag_violations(demo, live_server, axe_page):
    axe_path()
    violations: dict[str, list[str]] = {}
    sideways: list[str] = []
    for path in ("/inloggen/", "/toegankelijkheid/"):
        axe_page.goto(live_server.url + path)
        check_both_widths(axe_page, path, violations, sideways)
    assert violations == {}
    assert sideways == []
