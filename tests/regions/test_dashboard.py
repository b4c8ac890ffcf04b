from django.urls import reverse


def dashboard(client, user, **params):
    client.force_login(user)
    return client.get(reverse("dashboard"), params)


def test_coordinator_sees_the_region_with_cbs_figures(client, coordinator, ijsselland):
    ijsselland.default_reference_date = "2022-01-01"
    ijsselland.save()
    page = dashboard(client, coordinator).text
    assert "Veiligheidsregio IJsselland" in page
    for name in ("Dalfsen", "Deventer", "Zwolle", "Zwartewaterland", "Olst-Wijhe"):
        assert name in page
    assert "130.668" in page
    assert "537.993" in page  # region total
    assert "Totaal (11 gemeenten)" in page
    assert "Bron: CBS" in page


def test_the_key_weight_changes_the_shares(client, coordinator):
    population_only = dashboard(client, coordinator, peildatum="2022-01-01", gewicht_inwoners=100)
    # Zwolle: 130,668 of 537,993 inhabitants.
    assert "24,29 %" in population_only.text
    half = dashboard(client, coordinator, peildatum="2022-01-01", gewicht_inwoners=50)
    assert "24,29 %" not in half.text
    assert "15,17 %" in half.text


def test_another_reference_date_shows_that_years_population(client, coordinator):
    page = dashboard(client, coordinator, peildatum="2021-01-01").text
    assert "129.840" in page and "Inwoners op 1-1-2021" in page


def test_nonsense_in_the_query_string_falls_back_to_defaults(client, coordinator):
    response = dashboard(client, coordinator, peildatum="gisteren", gewicht_inwoners="-5")
    assert response.status_code == 200
    assert "50% inwoners en 50% landoppervlakte" in response.text


def test_an_officer_sees_the_region_of_their_municipality(client, zwolle_officer):
    page = dashboard(client, zwolle_officer).text
    assert "Veiligheidsregio IJsselland" in page and "Deventer" in page


def test_the_page_is_dutch_and_accessible_by_structure(client, coordinator):
    page = dashboard(client, coordinator).text
    assert '<html lang="nl">' in page
    assert 'class="or-skip-link" href="#inhoud"' in page
    assert '<main id="inhoud"' in page and "<header" in page and "<footer" in page
    assert '<label class="or-form-label" for="id_gewicht_inwoners">' in page


def test_pages_load_nothing_from_elsewhere(client, coordinator):
    response = dashboard(client, coordinator)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "http://" not in response.text.replace("http://www.w3.org", "")
    assert "https://" not in response.text
