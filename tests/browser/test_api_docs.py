"""The API's interactive documentation works under the app's Content-Security-Policy, from
the package's own files (drf-spectacular-sidecar), for a signed-in user."""

from tests.factories import PASSWORD, UserFactory


def test_swagger_ui_shows_the_api_for_a_signed_in_user(transactional_db, live_server, page,
                                                       ijsselland):
    UserFactory(username="lezer", role="board", safety_region=ijsselland)
    page.goto(live_server.url + "/api/v1/documentatie")
    assert "/inloggen/" in page.url
    page.get_by_label("Gebruikersnaam").fill("lezer")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/api/v1/documentatie")
    page.get_by_text("Opvangregie API").first.wait_for()
    assert page.get_by_text("/api/v1/locaties/{id}/capaciteit").first.is_visible()
    requested = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert requested and all(url.startswith(live_server.url) for url in requested)
    # Only the sidecar template's inline <style> (cosmetic) is refused by the policy.
    assert [p for p in page.problems if "Applying inline style" not in p] == []
