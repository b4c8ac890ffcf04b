from datetime import date

import pytest
from django.urls import reverse
from freezegun import freeze_time

from opvangregie.capacity.models import FiguresConfirmation
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register, permit_housing_register
from opvangregie.targets.distribution import DistributionInput, distribution_compute
from opvangregie.targets.services import distribution_adopt, distribution_save
from tests.reports.conftest import (
    AS_OF,
    SECRET_NAME,
    body_rows,
    by_header,
    page_table,
    totals_row,
)

WEEKS = 18  # ISO weeks 22–39 of 2022: 1 June – 30 September
# Column headers on the page (or the one header they begin with).
QUOTA, HOUSED, CARRY = "Taakstelling (", "Gehuisvest t/m", "Saldo vorig halfjaar"
SALDO_1, QUOTA_INFORMAL, SALDO_2 = "Saldo I", "Taakstelling informeel", "Saldo II"
CNO_TOTAL, CNO_SHARE = "Totaal plekweken", "Aandeel okt–jan"
AZC, UKRAINIANS = "AZC", "Oekraïense ontheemden"
UKRAINIANS_TARGET, LAST_UPDATE = "Opgave Oekraïense ontheemden (regio)", "Laatst bijgewerkt"


def overview(client, user, **params):
    client.force_login(user)
    params.setdefault("peildatum", AS_OF.isoformat())
    return client.get(reverse("overview"), params)


def test_zwolle_quota_at_13500_is_101_and_saldo_follows(client, coordinator, scenario):
    response = overview(client, coordinator)
    assert response.status_code == 200
    zwolle = body_rows(response.text)["Zwolle"]
    assert zwolle["Taakstelling (13.500)"] == "101"
    assert zwolle["Gehuisvest t/m 31-8-2022"] == "45"
    assert zwolle[HOUSED] == "45"  # July 20 + August 25
    assert zwolle[CARRY] == "0"  # no target for the first half of 2022: nothing carried over
    assert zwolle[SALDO_1] == "-56"
    assert zwolle["Taakstelling informeel (20.000)"] == "149"
    assert zwolle[SALDO_2] == "-104"
    assert "Inzage opgaven asielketen" in response.text


def test_saldo_2_is_blank_without_an_informal_target(client, coordinator, scenario):
    scenario.informal.delete()
    zwolle = body_rows(overview(client, coordinator).text)["Zwolle"]
    assert zwolle[QUOTA_INFORMAL] == "—" and zwolle[SALDO_2] == "—"
    assert zwolle[SALDO_1] == "-56"


def test_a_backlog_of_the_previous_half_year_carries_over(client, coordinator, scenario, zwolle):
    from opvangregie.targets.models import Target
    from opvangregie.targets.services import target_create

    target_create(name="Taakstelling 1e helft 2022", kind=Target.Kind.PERMIT_HOLDERS,
                  scope=Target.Scope.NATIONAL, amount=13500, unit=Target.Unit.PERSONS,
                  period_start=date(2022, 1, 1), period_end=date(2022, 6, 30), source="test",
                  registered_at=end_of_day(date(2022, 1, 1)))
    permit_housing_register(actor=coordinator, municipality=zwolle, month=date(2022, 3, 1),
                            housed=90, registered_at=end_of_day(date(2022, 3, 31)))
    zwolle_row = body_rows(overview(client, coordinator).text)["Zwolle"]
    assert zwolle_row[CARRY] == str(90 - 101)  # same 1-1-2021 population, so quota 101
    assert zwolle_row[SALDO_1] == str(45 + 90 - 101 - 101)


def test_cno_place_weeks_per_week_and_total(client, coordinator, scenario):
    table = page_table(overview(client, coordinator).text)
    week_headers = [header for header in table["headers"] if header.startswith("wk ")]
    assert week_headers[0] == "wk 22 (2022)" and week_headers[-1] == "wk 39 (2022)"
    assert len(week_headers) == WEEKS
    assert "Crisisnoodopvang (CNO): plekweken 1-6-2022 – 30-9-2022" in table["thead"][0]
    rows = {row["Gemeente"]: row for row in by_header(table, "tbody")}
    ommen = rows["Ommen"]
    # 1 June is a Wednesday: 5 days in week 22, 7 in week 23, 2 in week 24.
    assert [ommen[f"wk {week} (2022)"] for week in (22, 23, 24, 25)] == [
        "53,6", "75,0", "21,4", "0,0"]
    assert ommen[CNO_TOTAL] == "150,0"
    kampen = rows["Kampen"]
    assert kampen[CNO_TOTAL] == "428,6"  # planned: 100 places for 30 days


def test_azc_and_ukrainian_places_and_the_regional_target_in_the_totals(
    client, coordinator, scenario
):
    page = overview(client, coordinator).text
    rows = body_rows(page)
    assert rows["Zwolle"][AZC] == "300"
    assert rows["Raalte"][UKRAINIANS] == "900"
    assert rows["Raalte"][UKRAINIANS_TARGET] == "—"
    totals = totals_row(page)
    assert totals["Gemeente"] == "Totaal (11 gemeenten)"
    assert totals[QUOTA] == "421"  # Σ of the 11 quotas, each rounded up
    assert sum(int(row[QUOTA]) for row in rows.values()) == 421
    assert totals[AZC] == "300" and totals[UKRAINIANS] == "900"
    assert totals[UKRAINIANS_TARGET] == "2.400"


def test_the_cno_share_is_computed_and_marked_until_a_distribution_is_adopted(
    client, coordinator, scenario, ijsselland
):
    page = overview(client, coordinator).text
    assert "berekend, niet vastgesteld" in page
    assert totals_row(page)[CNO_SHARE] == "450"
    computed = {name: row[CNO_SHARE] for name, row in body_rows(page).items()}
    # Ommen's 150 place-weeks and Kampen's planned 428.6 are credited: a smaller part.
    plain = distribution_compute(DistributionInput(
        target=scenario.cno, region=ijsselland, reference_date=date(2022, 1, 1)))
    plain_by_name = {m.name: u.allocation for m, u in zip(plain.municipalities,
                                                          plain.result.units, strict=True)}
    assert int(computed["Ommen"]) < plain_by_name["Ommen"]

    with freeze_time("2022-09-28 12:00"):
        saved = distribution_save(actor=coordinator, computed=plain)
        distribution_adopt(actor=coordinator, distribution=saved, decision_reference="BAO 28-09")
    # Adopted after the reference date: the overview of 31-8 still shows the computed share.
    assert body_rows(overview(client, coordinator).text)["Ommen"][CNO_SHARE] == computed["Ommen"]
    page = overview(client, coordinator, peildatum="2022-09-30").text
    assert "berekend, niet vastgesteld" not in page and "BAO 28-09" in page
    adopted = {name: row[CNO_SHARE] for name, row in body_rows(page).items()}
    assert adopted == {name: str(amount) for name, amount in plain_by_name.items()}


def test_a_municipality_not_updated_recently_is_marked_stale_in_words(
    client, coordinator, scenario
):
    rows = body_rows(overview(client, coordinator).text)
    assert rows["Zwolle"][LAST_UPDATE] == "25-8-2022"  # August's housing figure
    assert rows["Deventer"][LAST_UPDATE] == "nooit verouderd"
    assert rows["Raalte"][LAST_UPDATE] == "1-8-2022 verouderd"  # 30 days before 31-8
    rows = body_rows(overview(client, coordinator, dagen=3).text)
    assert rows["Zwolle"][LAST_UPDATE] == "25-8-2022 verouderd"


def test_still_correct_confirms_and_clears_the_stale_marker(client, zwolle_officer, scenario,
                                                            deventer):
    client.force_login(zwolle_officer)
    today = date.today().isoformat()
    response = client.post(reverse("overview_confirm", args=["GM0150"]))
    assert response.status_code == 403  # Deventer is not the officer's municipality
    assert not FiguresConfirmation.objects.exists()
    response = client.post(reverse("overview_confirm", args=["GM0193"]),
                           {"terug": f"peildatum={today}&sorteer=saldo1&evil=1"})
    assert response.status_code == 302
    assert response["Location"] == f"/overzicht/?peildatum={today}&sorteer=saldo1"
    assert FiguresConfirmation.objects.get().municipality.code == "GM0193"
    page = client.get(response["Location"]).text
    assert "De cijfers van Zwolle zijn bevestigd als nog juist." in page
    rows = body_rows(page)
    assert "verouderd" not in rows["Zwolle"][LAST_UPDATE]
    assert rows["Zwolle"]["Actie"] == "Nog juist"  # the officer's own municipality only
    assert rows["Deventer"]["Actie"] == ""


def test_a_board_member_sees_no_button_and_gets_403(client, board_member, scenario):
    page = overview(client, board_member).text
    assert "Nog juist" not in page
    assert client.post(reverse("overview_confirm", args=["GM0193"])).status_code == 403
    assert not FiguresConfirmation.objects.exists()


def test_a_coordinator_may_confirm_every_municipality_of_the_region(client, coordinator):
    client.force_login(coordinator)
    assert client.post(reverse("overview_confirm", args=["GM0150"])).status_code == 302
    assert client.post(reverse("overview_confirm", args=["GM0363"])).status_code == 404
    assert FiguresConfirmation.objects.count() == 1


def test_confirming_needs_post(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("overview_confirm", args=["GM0193"])).status_code == 405


def test_a_later_correction_does_not_change_an_earlier_overview(client, coordinator, scenario,
                                                                zwolle):
    before = overview(client, coordinator).text
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 1, 1), valid_to=None, places=250,
                             registered_at=end_of_day(date(2022, 9, 15)), reason="telfout")
    permit_housing_register(actor=coordinator, municipality=zwolle, month=date(2022, 8, 1),
                            housed=30, registered_at=end_of_day(date(2022, 9, 15)))
    assert overview(client, coordinator).text.count("300") == before.count("300")
    assert body_rows(overview(client, coordinator).text) == body_rows(before)
    later = body_rows(overview(client, coordinator, peildatum="2022-09-20").text)["Zwolle"]
    assert later[AZC] == "250" and later[HOUSED] == "50"


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_the_table_sorts_by_a_column_with_aria_sort(client, coordinator, scenario, direction):
    response = overview(client, coordinator, sorteer="saldo1", richting=direction)
    rows = by_header(page_table(response.text), "tbody")
    names = [row["Gemeente"] for row in rows]
    saldo = [int(row[SALDO_1].replace(".", "")) for row in rows]
    assert saldo == sorted(saldo, reverse=direction == "desc")
    assert len(names) == 11
    expected = "descending" if direction == "desc" else "ascending"
    assert f'aria-sort="{expected}"><a href="?' in response.text
    assert response.text.count("aria-sort=") == 1


def test_sorting_by_name_is_the_default_and_nonsense_falls_back(client, coordinator, scenario):
    names = list(body_rows(overview(client, coordinator, sorteer="x").text))
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "Dalfsen"


def test_a_bad_reference_date_is_named_and_today_is_used(client, coordinator):
    response = overview(client, coordinator, peildatum="31-02-2022")
    assert response.status_code == 200
    assert "Vul een datum in als JJJJ-MM-DD." in response.text


def test_no_location_name_appears_on_the_page(client, coordinator, scenario):
    page = overview(client, coordinator).text
    assert SECRET_NAME not in page and "Geheime" not in page


def test_an_officer_sees_their_region_but_not_another(client, zwolle_officer, scenario):
    page = overview(client, zwolle_officer, regio="VR13").text
    assert "Selecteer een geldige keuze" in page or "IJsselland" in page
    assert "Amsterdam" not in page and "Zwolle" in page


def test_the_page_is_accessible_by_structure(client, coordinator, scenario):
    page = overview(client, coordinator).text
    assert "<caption" in page and 'scope="colgroup"' in page and 'scope="row"' in page
    assert '<label class="or-form-label" for="id_peildatum">' in page
    assert "style=" not in page and "<script>" not in page
    assert 'href="/overzicht/export.xlsx?regio=VR04&amp;peildatum=2022-08-31' in page
    assert "Bron: CBS" in page and "Cijfers zoals bekend op 31-8-2022" in page
