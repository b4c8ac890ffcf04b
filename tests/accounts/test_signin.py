"""Sign-in that holds: lockout after wrong passwords, a second factor, a password change."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from opvangregie.accounts.twofactor import second_factor_confirm
from tests.factories import PASSWORD


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR="192.0.2.10")


def test_ten_wrong_passwords_lock_the_account_with_a_dutch_message(client, coordinator):
    for _ in range(9):
        assert attempt(client, coordinator.username, "fout-wachtwoord").status_code == 200
    locked = attempt(client, coordinator.username, "fout-wachtwoord")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()

    right = attempt(client, coordinator.username, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # From another address the account stays locked too: guessing from many places stops.
    other = client.post(reverse("login"), {"username": coordinator.username,
                                           "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 429


def test_nine_wrong_passwords_still_let_the_right_one_in(client, coordinator):
    for _ in range(9):
        attempt(client, coordinator.username, "fout-wachtwoord")
    assert attempt(client, coordinator.username, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_an_administrator_unlocks_an_account(client, coordinator):
    for _ in range(10):
        attempt(client, coordinator.username, "fout-wachtwoord")
    call_command("axes_reset_username", coordinator.username)
    assert attempt(client, coordinator.username, PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, coordinator, settings):
    with freeze_time("2026-03-01 10:00"):
        for _ in range(10):
            attempt(client, coordinator.username, "fout-wachtwoord")
        assert attempt(client, coordinator.username, PASSWORD).status_code == 429
    later = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with freeze_time("2026-03-01 10:00") as frozen:
        frozen.tick(later)
        assert attempt(client, coordinator.username, PASSWORD).status_code == 302


@pytest.fixture
def production_second_factor(settings):
    settings.SECOND_FACTOR_REQUIRED = True


def test_in_production_a_coordinator_without_a_device_is_sent_to_set_one_up(
        client, coordinator, production_second_factor):
    client.force_login(coordinator)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor_setup"))
    page = client.get(response.url)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()

    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    done = client.post(reverse("second_factor_setup"),
                       {"code": f"{totp(device.bin_key):06d}", "next": "/"})
    assert "herstelcodes" in done.content.decode()
    assert client.get(reverse("dashboard")).status_code == 200


def test_in_production_a_coordinator_must_enter_a_code_before_any_page(
        client, coordinator, production_second_factor):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=False)
    codes = second_factor_confirm(user=coordinator, device=device)
    client.force_login(coordinator)
    for url in (reverse("dashboard"), reverse("capacity:location_list"), "/beheer/",
                reverse("password_change")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("second_factor_verify")), url

    with freeze_time(timezone.now()) as clock:
        wrong = client.post(reverse("second_factor_verify"), {"code": "000000"})
        assert "Deze code klopt niet" in wrong.content.decode()
        assert client.get(reverse("dashboard")).status_code == 302
        clock.tick(10)  # a wrong code makes the next try wait a moment

        # A recovery code works once.
        assert client.post(reverse("second_factor_verify"),
                           {"code": codes[0], "next": "/"}).status_code == 302
        assert client.get(reverse("dashboard")).status_code == 200
        client.logout()
        client.force_login(coordinator)
        again = client.post(reverse("second_factor_verify"), {"code": codes[0]})
        assert "Deze code klopt niet" in again.content.decode()


def test_an_officer_without_a_device_is_not_asked_for_one_in_production(
        client, zwolle_officer, production_second_factor):
    client.force_login(zwolle_officer)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_demo_needs_no_second_factor(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_user_changes_their_password(client, zwolle_officer):
    client.force_login(zwolle_officer)
    wrong = client.post(reverse("password_change"), {
        "old_password": "niet-het-oude", "new_password1": "een nieuw lang wachtwoord",
        "new_password2": "een nieuw lang wachtwoord"})
    assert "Het huidige wachtwoord klopt niet" in wrong.content.decode()
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "een nieuw lang wachtwoord",
        "new_password2": "een nieuw lang wachtwoord"}, follow=True)
    assert "Uw wachtwoord is gewijzigd" in response.content.decode()
    zwolle_officer.refresh_from_db()
    assert zwolle_officer.check_password("een nieuw lang wachtwoord")
    # Still logged in after the change.
    assert client.get(reverse("dashboard")).status_code == 200
