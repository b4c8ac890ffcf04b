from django.urls import reverse


def test_the_accessibility_statement_is_public_and_linked_from_the_footer(client, db):
    login = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("accessibility")}"' in login

    page = client.get("/toegankelijkheid/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>Toegankelijkheidsverklaring</h1>" in text
    assert "WCAG) 2.1" in text and "gedeeltelijk voldoet" in text
    assert "Een probleem melden" in text
