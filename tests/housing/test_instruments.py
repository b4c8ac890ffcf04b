"""Permit holders housed per instrument: an optional breakdown of the month's count."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opvangregie.capacity.models import (
    HousingInstrument,
    HousingInstrumentCount,
    PermitHolderHousing,
)
from opvangregie.capacity.services import permit_housing_register
from opvangregie.core.versioning import EditConflict

pytestmark = pytest.mark.django_db

URL = "capacity:permit_housing"
JULY = date(2022, 7, 1)


def post(client, user, municipality, housed="12", **instruments):
    client.force_login(user)
    data = {"municipality": municipality.pk, "month": "2022-07", "housed": housed, "reason": ""}
    data.update({f"instrument_{code}": value for code, value in instruments.items()})
    return client.post(reverse(URL), data)


def test_a_breakdown_that_sums_to_the_count_is_saved_and_shown(client, zwolle_officer, zwolle):
    response = post(client, zwolle_officer, zwolle, housed="12", corporations="8",
                    model_utrecht="3", takecarebnb="1")
    assert response.status_code == 302
    row = PermitHolderHousing.objects.get()
    assert row.housed == 12  # the month's count, as every existing total reads it
    assert dict(row.instrument_counts.values_list("instrument", "housed")) == {
        "corporations": 8, "model_utrecht": 3, "takecarebnb": 1}
    page = client.get(reverse(URL)).text
    assert "Extra afspraken corporaties: 8" in page and "TakeCareBnB: 1" in page


def test_a_breakdown_that_does_not_sum_is_refused_naming_the_field(client, zwolle_officer,
                                                                    zwolle):
    response = post(client, zwolle_officer, zwolle, housed="12", corporations="8", hotels="3")
    assert response.status_code == 200
    assert ("Gehuisvest: de aantallen per instrument tellen op tot 11, niet tot het aantal "
            "gehuisvest (12)") in response.text
    assert not PermitHolderHousing.objects.exists()
    assert not HousingInstrumentCount.objects.exists()


@pytest.mark.parametrize("bad", ["-2", "twee"])
def test_a_bad_instrument_count_is_a_field_error(client, zwolle_officer, zwolle, bad):
    response = post(client, zwolle_officer, zwolle, housed="2", corporations="4", hotels=bad)
    assert response.status_code == 200
    assert "Hotels: vul een geheel aantal van 0 of meer in." in response.text
    assert not PermitHolderHousing.objects.exists()


def test_the_service_refuses_bad_breakdowns_and_saves_nothing(zwolle):
    with pytest.raises(ValidationError) as error:
        permit_housing_register(actor=None, municipality=zwolle, month=JULY, housed=5,
                                instruments={HousingInstrument.HOTELS: 2})
    assert "tellen op tot 2, niet tot het aantal gehuisvest (5)" in str(error.value)
    with pytest.raises(ValidationError) as error:
        permit_housing_register(actor=None, municipality=zwolle, month=JULY, housed=5,
                                instruments={HousingInstrument.HOTELS: -1,
                                             HousingInstrument.CORPORATIONS: 6})
    assert "Hotels: vul een geheel aantal van 0 of meer in." in str(error.value)
    assert not PermitHolderHousing.objects.exists()


def test_a_count_without_breakdown_keeps_working_and_a_correction_brings_its_own(zwolle):
    first = permit_housing_register(actor=None, municipality=zwolle, month=JULY, housed=5,
                                    instruments={HousingInstrument.HOTELS: 5}).record
    # Uploading the same count again (no breakdown) leaves the breakdown alone.
    again = permit_housing_register(actor=None, municipality=zwolle, month=JULY, housed=5)
    assert not again.created and again.record == first
    # A new split of the same count is a correction; the old split stays with the old record.
    second = permit_housing_register(
        actor=None, municipality=zwolle, month=JULY, housed=5,
        instruments={HousingInstrument.HOTELS: 2, HousingInstrument.HOLIDAY_HOMES: 3}).record
    assert second.corrects == first
    assert dict(first.instrument_counts.values_list("instrument", "housed")) == {"hotels": 5}
    assert sum(second.instrument_counts.values_list("housed", flat=True)) == 5


def test_a_stale_form_does_not_overwrite_a_newer_registration(zwolle):
    seen = 0  # the form was opened before anything was registered
    permit_housing_register(actor=None, municipality=zwolle, month=JULY, housed=5)
    with pytest.raises(EditConflict):
        permit_housing_register(actor=None, municipality=zwolle, month=JULY, housed=7,
                                instruments={HousingInstrument.HOTELS: 7}, seen_up_to=seen)
    assert list(PermitHolderHousing.objects.values_list("housed", flat=True)) == [5]
