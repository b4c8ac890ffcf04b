"""Dates outside 2000–2100 are refused where they are typed, with one Dutch message."""

import html
import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse

from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.models import CapacityRecord, Location, PermitHolderHousing
from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.meetings.models import Meeting, Proposal
from opvangregie.targets.models import Target

pytestmark = pytest.mark.django_db

MESSAGE = "Datum moet tussen 1-1-2000 en 31-12-2100 liggen."
IMPLAUSIBLE = ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"]


def text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def location(zwolle):
    return Location.objects.create(name="Sporthal", municipality=zwolle, type="cno")


@pytest.mark.parametrize("day", IMPLAUSIBLE)
def test_capacity_record(client, zwolle_officer, location, day):
    client.force_login(zwolle_officer)
    response = client.post(reverse("capacity:capacity_register", kwargs={"pk": location.pk}), {
        "valid_from": day, "valid_to": "", "places": "75", "occupancy": "60",
        "kind": "realised", "reason": ""})
    assert MESSAGE in text(response)
    assert not CapacityRecord.objects.exists()


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1999-12"])
def test_permit_housing_month(client, zwolle_officer, zwolle, month):
    client.force_login(zwolle_officer)
    response = client.post(reverse("capacity:permit_housing"), {
        "municipality": zwolle.pk, "month": month, "housed": 3, "reason": ""})
    assert MESSAGE in text(response)
    assert not PermitHolderHousing.objects.exists()


@pytest.mark.parametrize("field", ["period_start", "period_end"])
@pytest.mark.parametrize("day", IMPLAUSIBLE[:2])
def test_target(client, coordinator, field, day):
    client.force_login(coordinator)
    data = {"name": "Fout", "kind": "cno", "amount": 10, "unit": "places",
            "period_start": "2022-07-01", "period_end": "2022-12-31", "source": "x"}
    response = client.post(reverse("target_create"), {**data, field: day})
    assert MESSAGE in text(response)
    assert not Target.objects.filter(name="Fout").exists()


@pytest.mark.parametrize("day", IMPLAUSIBLE)
def test_meeting(client, coordinator, ijsselland, day):
    client.force_login(coordinator)
    events = AuditEvent.objects.count()
    response = client.post(reverse("meetings:meeting_create"), {
        "regio": ijsselland.code, "date": day, "title": "BAO", "notes": ""})
    assert MESSAGE in text(response)
    assert not Meeting.objects.exists() and AuditEvent.objects.count() == events


@pytest.mark.parametrize("moment", ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T12:00"])
def test_proposal(client, coordinator, ijsselland, moment):
    client.force_login(coordinator)
    response = client.post(reverse("meetings:proposal_create"), {
        "regio": ijsselland.code, "title": "Voorstel", "content": "Inhoud",
        "submitted_at": moment, "submitted_by": "regiocoördinator"})
    assert MESSAGE in text(response)
    assert not Proposal.objects.exists()


def test_the_bounds_themselves_are_accepted(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("target_create"), {
        "name": "Grens", "kind": "cno", "amount": 10, "unit": "places",
        "period_start": "2000-01-01", "period_end": "2100-12-31", "source": "x"})
    assert response.status_code == 302
    assert Target.objects.filter(name="Grens").exists()


APPS = ("capacity", "meetings", "operations", "pipeline", "regions", "reports", "targets")


def test_every_form_with_a_date_field_checks_the_bounds():
    """A form added later without the mixin would let 0001-01-01 through."""
    missing = []
    for app in APPS:
        module = importlib.import_module(f"opvangregie.{app}.forms")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                continue
            dated = any(isinstance(f, forms.DateField | forms.DateTimeField)
                        for f in cls.base_fields.values())
            if dated and not issubclass(cls, PlausibleDatesMixin):
                missing.append(f"{app}.{name}")
    assert missing == []
