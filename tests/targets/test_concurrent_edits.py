"""Two coordinators adopting different versions of a distribution at once."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from opvangregie.targets.distribution import DistributionInput, distribution_compute
from opvangregie.targets.models import Distribution, DistributionStatus
from opvangregie.targets.services import distribution_save
from tests.concurrency import hidden_value
from tests.factories import UserFactory
from tests.targets.test_distribution import cno_target  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_adopting_from_a_stale_page_is_refused_and_the_first_adoption_stays(
    cno_target, ijsselland, coordinator  # noqa: F811
):
    computed = distribution_compute(DistributionInput(target=cno_target, region=ijsselland,
                                                      reference_date=date(2022, 1, 1)))
    one = distribution_save(actor=coordinator, computed=computed)
    two = distribution_save(actor=coordinator, computed=computed)
    other = UserFactory(role="coordinator", safety_region=ijsselland, first_name="Petra",
                        last_name="de Vries")
    first, second = logged_in(other), logged_in(coordinator)

    def page_and_adopt(client, distribution, reference):
        page = client.get(reverse("distribution_detail", kwargs={"pk": distribution.pk}))
        return lambda: client.post(
            reverse("distribution_adopt", kwargs={"pk": distribution.pk}),
            {"besluit": reference, "version": hidden_value(page, "version")}, follow=True)

    adopt_one = page_and_adopt(first, one, "BAO 31-08")
    adopt_two = page_and_adopt(second, two, "BAO 28-09")
    adopt_one()
    response = adopt_two()

    assert "intussen gewijzigd door Petra de Vries" in response.text
    assert ("Vastgestelde verdeling: versie 1 (BAO 31-08) (opgeslagen) tegenover versie 2 "
            "(uw invoer)") in response.text
    statuses = dict(Distribution.objects.values_list("version", "status"))
    assert statuses == {1: DistributionStatus.ADOPTED, 2: DistributionStatus.CONCEPT}
