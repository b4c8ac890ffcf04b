"""The overview shows the agreed quota and, on the row, why it differs from the plain share."""

from datetime import date

from django.urls import reverse

from opvangregie.agreements.models import RegionalAgreement
from opvangregie.agreements.services import agreement_register
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
