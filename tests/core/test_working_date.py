"""The working date: set once, every date-driven page opens on it; the demo opens on 2022."""

from datetime import date

from django.urls import reverse
from freezegun import freeze_time

from opvangregie.accounts.models import User
from opvangregie.audit.models import AuditEvent
from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load
from tests.reports.conftest import body_rows


def _demo(monkeypatch):
    monkeypatch.setenv("OPVANGREGIE_DEMO_PASSWORD", "demo-wachtwoord-lang")
    scenario_load()
    demo_accounts_ensure()


def test_the_demo_overview_opens_on_31_08_2022_with_zwolles_quota_of_101(db, client,
                                                                         monkeypatch):
    _demo(monkeypatch)
    client.force_login(User.objects.get(username="coordinator"))
    response = client.get(reverse("overview"))  # no date typed
    assert response.status_code == 200
    assert 'value="2022-08-31"' in response.text
    assert body_rows(response.text)["Zwolle"]["Taakstelling (13.500)"] == "101"
    # The header says pages open on another day than today.
    assert "Werkdatum 31-8-2022" in response.text


def test_every_demo_account_opens_on_the_scenario_date(db, monkeypatch):
    _demo(monkeypatch)
    assert set(User.objects.values_list("working_date", flat=True)) == {date(2022, 8, 31)}


@freeze_time("2026-03-02 10:00")
def test_a_user_sets_the_working_date_once_and_the_status_report_opens_on_it(client,
                                                                              coordinator):
    client.force_login(coordinator)
    before = client.get(reverse("meetings:status_report"))
    assert 'value="2026-03-02"' in before.text
    assert "Werkdatum 2-3-2026" not in before.text  # today: nothing to point out
    response = client.post(reverse("working_date"), {"werkdatum": "2022-05-25"}, follow=True)
    assert "Pagina&#x27;s openen voortaan op 25 mei 2022." in response.text
    after = client.get(reverse("meetings:status_report"))
    assert 'value="2022-05-25"' in after.text
    assert "Werkdatum 25-5-2022" in after.text
    assert AuditEvent.objects.filter(object_id=str(coordinator.pk),
                                     summary="Werkdatum gewijzigd").exists()
    # A date chosen on the page itself still wins.
    chosen = client.get(reverse("meetings:status_report"), {"peildatum": "2022-08-31"})
    assert 'value="2022-08-31"' in chosen.text


@freeze_time("2026-03-02 10:00")
def test_clearing_the_working_date_opens_pages_on_today_again(client, coordinator):
    coordinator.working_date = date(2022, 8, 31)
    coordinator.save()
    client.force_login(coordinator)
    client.post(reverse("working_date"), {"werkdatum": ""})
    coordinator.refresh_from_db()
    assert coordinator.working_date is None
    assert 'value="2026-03-02"' in client.get(reverse("overview")).text


def test_an_implausible_working_date_is_refused_and_focus_goes_to_the_errors(client,
                                                                             coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("working_date"), {"werkdatum": "0001-01-01"})
    assert response.status_code == 400
    assert 'data-error-summary' in response.text and 'tabindex="-1"' in response.text
    assert "error-summary.js" in response.text
    coordinator.refresh_from_db()
    assert coordinator.working_date is None
