from django.urls import reverse


def test_dutch_is_the_default_even_for_an_english_browser(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in page.text and "Uitloggen" in page.text


def test_english_is_not_offered_until_its_catalogue_is_complete(client, coordinator):
    client.force_login(coordinator)
    assert 'name="language"' not in client.get(reverse("dashboard")).text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.cookies["django_language"] = "en"  # a cookie left from when English was offered
    page = client.get(reverse("dashboard"))
    assert '<html lang="nl">' in page.text and "Uitloggen" in page.text


def test_login_page_is_dutch_and_explains_a_wrong_password(client, coordinator):
    page = client.post(reverse("login"), {"username": coordinator.username, "password": "fout"})
    assert page.status_code == 200
    assert "Deze combinatie van gebruikersnaam en wachtwoord is onbekend" in page.text
