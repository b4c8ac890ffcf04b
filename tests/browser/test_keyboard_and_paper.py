"""Keyboard only through a main workflow, the overview on a laptop, the reports on A4 paper."""

import re

from tests.browser.helpers import PASSWORD, PHONE, log_in

# A4 landscape minus the print stylesheet's 10 mm margins: 277 mm at 96 px per inch.
A4_LANDSCAPE_CONTENT_PX = 1046


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement; return {
        tag: e.tagName, id: e.id, text: e.textContent.trim(),
        href: e.getAttribute('href') || '', expanded: e.getAttribute('aria-expanded'),
        outline: getComputedStyle(e).outlineStyle }; }""")


def tab_to(page, matches, limit: int = 80) -> dict:
    """Press Tab until the focused element matches; fails if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError(f"not reached with Tab in {limit} presses; last: {element}")


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def walk_to_a_failed_form(page, live_server) -> None:
    """On a phone, keyboard only: log in, open the menu, open a location, submit the
    registration of places with its required fields empty."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(live_server.url + "/inloggen/")
    page.keyboard.type("coordinator")  # the username field has the focus on arrival
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page)
    assert page.url == live_server.url + "/"

    menu = tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Menu", limit=5)
    assert menu["expanded"] == "false"
    assert menu["outline"] != "none"  # the focus is visible
    assert not page.get_by_role("link", name="Locaties").is_visible()
    page.keyboard.press("Enter")
    assert focused(page)["expanded"] == "true"
    tab_to(page, lambda e: e["text"] == "Locaties", limit=10)
    press_enter_and_wait(page)
    assert page.url == live_server.url + "/locaties/"

    tab_to(page, lambda e: re.fullmatch(r"/locaties/\d+/", e["href"]) is not None)
    press_enter_and_wait(page)
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Registreren", limit=120)
    press_enter_and_wait(page)


def test_keyboard_only_a_phone_user_reaches_a_form_and_its_errors(demo, live_server, page):
    walk_to_a_failed_form(page, live_server)
    summary = page.get_by_role("alert").filter(has_text="Er is niets opgeslagen")
    assert summary.is_visible()
    # The summary's links to the fields are reachable by keyboard, and nothing scrolls sideways.
    link = tab_to(page, lambda e: e["tag"] == "A" and e["href"].startswith("#id_"), limit=120)
    assert link["outline"] != "none"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_focus_moves_to_the_error_summary_after_a_failed_form(demo, live_server, page):
    walk_to_a_failed_form(page, live_server)
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "Er is niets opgeslagen" in page.evaluate("document.activeElement.textContent")


def test_escape_closes_the_menu_and_returns_focus_to_its_button(demo, live_server, page):
    page.set_viewport_size({"width": PHONE, "height": 800})
    log_in(page, live_server, "bestuur")
    page.get_by_role("button", name="Menu").focus()
    page.keyboard.press("Enter")
    tab_to(page, lambda e: e["text"] == "Overzicht regio", limit=3)
    page.keyboard.press("Escape")
    assert focused(page)["text"] == "Menu"
    assert focused(page)["expanded"] == "false"
    assert not page.get_by_role("link", name="Overzicht regio").is_visible()


def test_the_overview_fits_a_laptop_with_the_weeks_folded(demo, live_server, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, "coordinator", "/overzicht/%3Fpeildatum%3D2022-08-31")
    table = page.locator("#inzage-opgaven")
    region = page.get_by_role("region", name=re.compile("Opgaven en inzet per gemeente"))
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    assert table.get_by_role("columnheader", name=re.compile("Totaal plekweken")).is_visible()
    week = table.get_by_role("columnheader", name=re.compile(r"^wk 35"))
    assert not week.is_visible()

    page.get_by_label("Toon de plekweken per week").check()
    assert week.is_visible()
    assert every_cell_shown(page)
    assert page.problems == []


def every_cell_shown(page) -> bool:
    """Zwolle's row shows a cell under every column header, the weekly ones included."""
    row = page.locator("#inzage-opgaven").get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Zwolle", exact=True))
    shown = row.locator("th, td:not(.or-screen-only)").evaluate_all(
        "cells => cells.filter(c => c.getBoundingClientRect().width > 0).length")
    headers = page.locator("#inzage-opgaven thead th:not([scope=colgroup]):not(.or-screen-only)")
    return shown == headers.count() and headers.count() > 25


def clipped_columns(page) -> list[str]:
    """Header cells of every printed table that are not wholly on the paper's width (forms,
    and the tables inside them, are left off paper on purpose)."""
    return page.evaluate(
        """width => [...document.querySelectorAll('main table thead th')]
            .filter(th => th.closest('table').getClientRects().length > 0)
            .filter(th => !th.classList.contains('or-screen-only'))
            .filter(th => { const r = th.getBoundingClientRect();
                            return r.width === 0 || r.right > width + 0.5; })
            .map(th => th.textContent.trim())""",
        A4_LANDSCAPE_CONTENT_PX,
    )


def test_the_status_report_of_31_08_2022_keeps_every_column_on_a4(demo, live_server, page):
    page.set_viewport_size({"width": A4_LANDSCAPE_CONTENT_PX, "height": 740})
    log_in(page, live_server, "bestuur", "/overleg/tussenstand/%3Fpeildatum%3D2022-08-31")
    page.emulate_media(media="print")
    assert page.locator("main table").count() >= 5
    assert clipped_columns(page) == []
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    # The paper is A4 landscape.
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = (float(n) for n in re.search(
        rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert (round(width), round(height)) == (842, 595)

    # The target table on the region's page and the CNO occupancy report print whole too.
    for path in ("/", "/noodopvang/verblijf/"):
        page.goto(live_server.url + path)
        assert clipped_columns(page) == [], path


def test_the_overview_keeps_every_column_on_a4_weeks_included(demo, live_server, page):
    page.set_viewport_size({"width": A4_LANDSCAPE_CONTENT_PX, "height": 740})
    log_in(page, live_server, "coordinator", "/overzicht/%3Fpeildatum%3D2022-08-31")
    page.emulate_media(media="print")
    assert clipped_columns(page) == []
    assert every_cell_shown(page)
