"""The overview shows the agreed quota and, on the row, why it differs from the plain share."""

from datetime import date

from django.urls import reverse

from opvangregie.agreements.models import RegionalAgreement
from opvangregie.agreements.services import agreement_register
from opvangregie.capacity.models import Location, LocationType
from opvangregie.reports.overview import overview_for_user
from tests.reports.conftest import (
    AS_OF,
    municipality,
    scenario,  # noqa: F401  (fixture)
)


def test_a_shift_moves_quota_keeps_the_sum_and_says_why(
        client, coordinator, ijsselland, zwolle, scenario):  # noqa: F811
    kampen = municipality("GM0166")
    before = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    agreement_register(
        actor=coordinator, region=ijsselland, kind=RegionalAgreement.Kind.QUOTA_SHIFT,
        giver=zwolle, taker=kampen, permit_holders=12, valid_from=date(2022, 7, 1),
        reason="Kampen heeft woningen vrij", decision_reference="BAO 12-07-2022",
    )
    after = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    row_before = {r.municipality.name: r for r in before.rows}
    row_after = {r.municipality.name: r for r in after.rows}
    assert row_after["Zwolle"].quota == row_before["Zwolle"].quota - 12
    assert row_after["Kampen"].quota == row_before["Kampen"].quota + 12
    assert after.totals.quota == before.totals.quota
    assert "Kampen heeft woningen vrij" in row_after["Zwolle"].reason
    client.force_login(coordinator)
    page = client.get(reverse("overview"), {"peildatum": AS_OF.isoformat()})
    assert "12 vergunninghouders overgedragen aan Kampen" in page.content.decode()


def test_a_joint_location_and_an_exchange_change_the_overviews_cno_columns_and_say_why(
        coordinator, ijsselland, zwolle, scenario):  # noqa: F811
    ommen = municipality("GM0175")
    before = {r.municipality.name: r for r in
              overview_for_user(coordinator, region=ijsselland, as_of=AS_OF).rows}
    shelter = Location.objects.get(municipality=ommen, type=LocationType.CNO)
    agreement_register(
        actor=coordinator, region=ijsselland, kind=RegionalAgreement.Kind.JOINT_LOCATION,
        location=shelter, places=75, parts=[(ommen, 45), (zwolle, 30)],
        valid_from=date(2022, 6, 1), reason="Samen gekozen door de burgemeesters",
        decision_reference="BAO 01-06-2022",
    )
    joint = {r.municipality.name: r for r in
             overview_for_user(coordinator, region=ijsselland, as_of=AS_OF).rows}
    agreement_register(
        actor=coordinator, region=ijsselland, kind=RegionalAgreement.Kind.EXCHANGE,
        giver=ommen, taker=zwolle, places=10, permit_holders=15, valid_from=date(2022, 8, 1),
        reason="Zwolle heeft een grote CNO-locatie", decision_reference="BAO 01-08-2022",
    )
    after = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    rows = {r.municipality.name: r for r in after.rows}
    # 150 place-weeks in June, split 45 : 30.
    assert before["Ommen"].cno_total == 150 and before["Zwolle"].cno_total == 0
    assert rows["Ommen"].cno_total == 90 and rows["Zwolle"].cno_total == 60
    assert after.totals.cno_total == sum(r.cno_total for r in before.values())
    # The joint location's credit changes the computed shares; the exchange then moves 10.
    assert joint["Zwolle"].cno_share < before["Zwolle"].cno_share
    assert rows["Zwolle"].cno_share == joint["Zwolle"].cno_share + 10
    assert rows["Ommen"].cno_share == joint["Ommen"].cno_share - 10
    assert "gezamenlijke locatie" in rows["Zwolle"].reason
    assert "neemt 10 CNO-plekken over van Ommen" in rows["Zwolle"].reason
