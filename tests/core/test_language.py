from django.urls import reverse


def test_dutch_is_the_default_even_for_an_english_browser(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in page.text and "Uitloggen" in page.text


def test_english_is_available_by_choice(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("dashboard"))
    assert '<html lang="en">' in page.text


def test_login_page_is_dutch_and_explains_a_wrong_password(client, coordinator):
    page = client.post(reverse("login"), {"username": coordinator.username, "password": "fout"})
    assert page.status_code == 200
    assert "Deze combinatie van gebruikersnaam en wachtwoord is onbekend" in page.text
