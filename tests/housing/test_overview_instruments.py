"""The overview shows how each municipality housed its permit holders, per instrument."""

from datetime import date

import pytest
from django.urls import reverse

from opvangregie.accounts.models import User
from opvangregie.capacity.models import PermitHolderHousing
from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load
from opvangregie.regions.models import Municipality
from tests.reports.conftest import by_header, page_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, monkeypatch):
    monkeypatch.setenv("OPVANGREGIE_DEMO_PASSWORD", "overzicht-wachtwoord")
    scenario_load()
    demo_accounts_ensure()
    return User.objects.get(username="coordinator")


def test_the_overview_breaks_the_housed_down_per_instrument(client, demo):
    client.force_login(demo)
    page = client.get(reverse("overview"), {"peildatum": "2022-08-31"}).text
    zwolle = Municipality.objects.get(name="Zwolle")
    july, august = (PermitHolderHousing.objects.get(municipality=zwolle, month=date(2022, m, 1))
                    for m in (7, 8))
    split = dict(august.instrument_counts.values_list("instrument", "housed"))
    assert sum(split.values()) == august.housed and len(split) == 3
    rows = by_header(page_table(page), "tbody")
    cell = next(r for r in rows if r["Gemeente"] == "Zwolle")["Per instrument"]
    # August split by instrument; July, registered as a count only, is "niet uitgesplitst".
    assert f"Extra afspraken corporaties: {split['corporations']}" in cell
    assert f"niet uitgesplitst: {july.housed}" in cell
    assert "<details" in page and "<summary>uitsplitsing</summary>" in page
