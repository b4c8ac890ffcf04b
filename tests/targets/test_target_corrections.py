"""A target is never overwritten: a change is a new version, the old one kept for earlier dates."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.selectors import end_of_day
from opvangregie.regions.services import cbs_import
from opvangregie.targets.balances import HalfYear, quotas
from opvangregie.targets.distribution import DistributionInput, distribution_compute
from opvangregie.targets.models import Target
from opvangregie.targets.selectors import adopted_distribution, targets_for_user
from opvangregie.targets.services import (
    distribution_adopt,
    distribution_save,
    target_correct,
    target_create,
)
from tests.factories import UserFactory

SEEN_ON = end_of_day(date(2022, 8, 31))
ZWOLLE_2021_DOUBLED = (
    b'"Perioden";"Regio\'s";"Totale bevolking (aantal)"\r\n"2021";"Zwolle";259680\r\n'
)


@pytest.fixture
def cno_target(ijsselland):
    return target_create(
        name="CNO 450", kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL,
        safety_region=ijsselland, amount=450, unit=Target.Unit.PLACES,
        period_start=date(2022, 10, 1), period_end=date(2022, 12, 31), source="BAO 31-08-2022",
        registered_at=end_of_day(date(2022, 8, 30)),
    )


def test_a_correction_keeps_the_old_target_and_names_it(cno_target, coordinator):
    with freeze_time("2022-09-15 10:00"):
        new = target_correct(target=cno_target, actor=coordinator, amount=600,
                             reason="brief van 14-9")
    cno_target.refresh_from_db()
    assert cno_target.amount == 450
    assert (new.amount, new.corrects, new.registered_by, new.reason) == (
        600, cno_target, coordinator, "brief van 14-9")
    assert (new.name, new.safety_region, new.period_start) == (
        cno_target.name, cno_target.safety_region, cno_target.period_start)
    event = AuditEvent.objects.get(object_type="targets.target", object_id=str(new.pk))
    assert event.before["amount"] == 450 and event.after["amount"] == 600


def test_targets_as_known_on_a_day_are_those_current_then(cno_target, coordinator):
    with freeze_time("2022-09-15 10:00"):
        new = target_correct(target=cno_target, actor=coordinator, amount=600)
    then = list(targets_for_user(coordinator, known_on=SEEN_ON))
    now = list(targets_for_user(coordinator))
    assert then == [cno_target] and now == [new]
    assert list(targets_for_user(coordinator, known_on=end_of_day(date(2022, 8, 29)))) == []


def test_an_unchanged_target_writes_nothing(cno_target, coordinator):
    assert target_correct(target=cno_target, actor=coordinator, amount=450) == cno_target
    assert Target.objects.count() == 1


def test_changing_a_corrected_version_is_refused_with_what_was_stored(cno_target,
                                                                       coordinator):
    target_correct(target=cno_target, actor=coordinator, amount=600)
    with pytest.raises(ValidationError, match=r"Aantal: 600 \(opgeslagen\) tegenover 700"):
        target_correct(target=cno_target, actor=coordinator, amount=700)
    # The same value as stored meanwhile loses nothing: no conflict, nothing written.
    assert target_correct(target=cno_target, actor=coordinator, amount=600).amount == 600
    assert Target.objects.count() == 2


def test_an_adopted_distribution_stays_in_force_after_the_target_changes(
    cno_target, coordinator, ijsselland
):
    computed = distribution_compute(DistributionInput(
        target=cno_target, region=ijsselland, reference_date=date(2022, 1, 1)))
    adopted = distribution_adopt(actor=coordinator, distribution=distribution_save(
        actor=coordinator, computed=computed), decision_reference="BAO")
    new = target_correct(target=cno_target, actor=coordinator, name="CNO 450 (bron aangevuld)")
    assert adopted_distribution(coordinator, target=new, region=ijsselland) == adopted
    # A new version for the corrected target continues the numbering and supersedes.
    again = distribution_save(actor=coordinator, computed=distribution_compute(
        DistributionInput(target=new, region=ijsselland, reference_date=date(2022, 1, 1))))
    assert again.version == 2
    distribution_adopt(actor=coordinator, distribution=again, decision_reference="BAO 2")
    assert adopted_distribution(coordinator, target=cno_target, region=ijsselland) == again
    adopted.refresh_from_db()
    assert adopted.status == "superseded"


def test_quotas_and_distributions_read_cbs_figures_as_known_then(cno_target, zwolle,
                                                                 ijsselland):
    half = HalfYear(2022, 2)
    with freeze_time("2022-09-15 10:00"):
        cbs_import(raw=ZWOLLE_2021_DOUBLED)
    assert quotas([zwolle], national_number=13500, half_year=half,
                  known_on=SEEN_ON)[zwolle.pk].quota == 101
    assert quotas([zwolle], national_number=13500, half_year=half)[zwolle.pk].quota == 201

    def zwolle_share(known_on):
        computed = distribution_compute(DistributionInput(
            target=cno_target, region=ijsselland, reference_date=date(2021, 1, 1),
            known_on=known_on))
        return computed.for_municipality(zwolle).allocation

    assert zwolle_share(SEEN_ON) < zwolle_share(None)


def test_the_coordinator_changes_a_regional_target_on_its_page(client, coordinator,
                                                               cno_target):
    client.force_login(coordinator)
    url = reverse("target_correct", kwargs={"pk": cno_target.pk})
    assert 'value="450"' in client.get(url).text
    response = client.post(url, {
        "name": cno_target.name, "kind": "cno", "amount": 600, "unit": "places",
        "period_start": "2022-10-01", "period_end": "2022-12-31", "source": "BAO 31-08-2022",
        "reason": "nieuwe brief",
    })
    assert response.status_code == 302
    assert list(targets_for_user(coordinator).values_list("amount", flat=True)) == [600]
    assert Target.objects.get(pk=cno_target.pk).amount == 450
    # The old version's page leads to the newest version.
    newest = targets_for_user(coordinator).get()
    assert client.get(url)["Location"] == reverse("target_correct", kwargs={"pk": newest.pk})


def test_a_change_from_a_form_opened_before_another_change_is_refused(client, coordinator,
                                                                      cno_target):
    other = UserFactory(role="coordinator", safety_region=cno_target.safety_region,
                        first_name="Petra", last_name="de Vries")
    url = reverse("target_correct", kwargs={"pk": cno_target.pk})
    form = {"name": cno_target.name, "kind": "cno", "unit": "places",
            "period_start": "2022-10-01", "period_end": "2022-12-31",
            "source": "BAO 31-08-2022"}
    client.force_login(other)
    assert client.post(url, {**form, "amount": 600, "reason": "brief"}).status_code == 302
    client.force_login(coordinator)  # opened the form on the old version before that save
    response = client.post(url, {**form, "amount": 500, "reason": "andere brief"})
    assert response.status_code == 200
    assert "intussen gewijzigd door Petra de Vries" in response.text
    assert "Aantal: 600 (opgeslagen) tegenover 500 (uw invoer)" in response.text
    assert list(targets_for_user(coordinator).values_list("amount", flat=True)) == [600]
    assert Target.objects.count() == 2


def test_a_change_without_a_reason_is_refused(client, coordinator, cno_target):
    client.force_login(coordinator)
    response = client.post(reverse("target_correct", kwargs={"pk": cno_target.pk}), {
        "name": cno_target.name, "kind": "cno", "amount": 600, "unit": "places",
        "period_start": "2022-10-01", "period_end": "2022-12-31", "source": "x",
    })
    assert response.status_code == 200 and "Toelichting" in response.text
    assert Target.objects.count() == 1


def test_a_board_member_cannot_change_targets(client, board_member, cno_target):
    client.force_login(board_member)
    url = reverse("target_correct", kwargs={"pk": cno_target.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"amount": 1}).status_code == 403
