from datetime import date

from tests.browser.helpers import PASSWORD, log_in


def test_coordinator_logs_in_and_sees_the_dashboard(demo, live_server, page):
    page.goto(live_server.url + "/")
    assert "/inloggen/" in page.url
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    assert page.url == live_server.url + "/"
    assert page.get_by_role("heading", name="Veiligheidsregio IJsselland").is_visible()
    key_table = page.locator('table[aria-labelledby="gemeenten-kop"]')
    zwolle = key_table.get_by_role("row").filter(has_text="Zwolle")
    assert "130.668" in zwolle.inner_text()
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.problems == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo, live_server, page):
    log_in(page, live_server, "bestuur")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    assert page.problems == []


def test_nog_juist_in_the_overview_confirms_a_municipality(demo, live_server, page):
    # The demo opens on its scenario date, when Zwolle's figures were fresh; today they are old.
    today = date.today().isoformat()
    log_in(page, live_server, "coordinator", f"/overzicht/%3Fpeildatum%3D{today}")
    table = page.locator("#inzage-opgaven")
    assert "verouderd" in table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Zwolle", exact=True)).inner_text()
    table.get_by_role("button", name="Nog juist — cijfers van Zwolle").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("De cijfers van Zwolle zijn bevestigd als nog juist.").is_visible()
    zwolle = page.locator("#inzage-opgaven").get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Zwolle", exact=True))
    assert "verouderd" not in zwolle.inner_text()
    assert page.problems == []
