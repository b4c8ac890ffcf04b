"""Forms and errors as a user meets them: no blank 405, a quiet 403 log, a named admin."""

import logging
from datetime import date

import pytest
from django.urls import reverse

from opvangregie.meetings import services


@pytest.fixture
def meeting(ijsselland):
    return services.meeting_create(actor=None, safety_region=ijsselland, date=date(2022, 8, 31))


def test_reopening_a_forms_address_after_an_error_goes_back_to_the_page(client, coordinator,
                                                                        meeting):
    client.force_login(coordinator)
    add = reverse("meetings:decision_add", kwargs={"pk": meeting.pk})
    failed = client.post(add, {"text": "", "owner": "PM", "horizon": "long"})
    assert failed.status_code == 400 and 'data-error-summary' in failed.text
    # A reload (or "back") asks the same address with GET: that used to be a blank 405.
    again = client.get(add, follow=True)
    assert again.status_code == 200
    assert again.redirect_chain[-1][0] == reverse("meetings:meeting_detail",
                                                  kwargs={"pk": meeting.pk})


def test_a_method_that_is_not_allowed_gets_a_dutch_page(client, coordinator, meeting):
    client.force_login(coordinator)
    response = client.get(reverse("overview_confirm", kwargs={"code": "GM0193"}))
    assert response.status_code == 405
    assert "Dit kan hier niet" in response.text and "Er is niets gewijzigd" in response.text
    assert response["Allow"] == "POST"


def test_a_refusal_is_one_log_line_without_a_traceback(client, board_member, meeting, caplog):
    client.force_login(board_member)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(reverse("meetings:decision_add", kwargs={"pk": meeting.pk}),
                               {"text": "x", "owner": "x", "horizon": "long"})
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None
    assert record.getMessage() == f"Geen toegang (403): POST /overleg/{meeting.pk}/besluiten/"
    assert "Traceback" not in caplog.text


def test_the_admin_is_named_and_coloured_for_the_product(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert "Opvangregie beheer" in page.text
    assert "Django" not in page.text.split("<body")[1].split("</header>")[0]
    assert "opvangregie/css/admin.css" in page.text
    assert "dark_mode.css" not in page.text


def test_the_working_date_link_is_in_the_header_of_every_page(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("dashboard"))
    assert f'href="{reverse("working_date")}"' in page.text
