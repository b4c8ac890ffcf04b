"""What a user reads on the meeting pages: their own name filled in, plurals, one numbering."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from opvangregie.meetings import services
from opvangregie.meetings.models import DecisionStatus, Horizon
from opvangregie.reports.status_report import status_report_for_user
from opvangregie.reports.system import system_user

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_submitted_by_is_filled_with_the_user(client, coordinator):
    coordinator.first_name, coordinator.last_name = "Anna", "de Vries"
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(reverse("meetings:proposal_create"))
    assert 'name="submitted_by"' in page.text and 'value="Anna de Vries"' in page.text


def test_one_overdue_proposal_and_one_closed_decision_read_as_singular(ijsselland):
    at = datetime(2022, 8, 20, 12, tzinfo=AMSTERDAM)
    services.proposal_submit(actor=None, safety_region=ijsselland, title="Voorstel",
                             content="Inhoud", submitted_at=at, submitted_by="coördinator",
                             created_at=at)
    earlier = services.meeting_create(actor=None, safety_region=ijsselland,
                                      date=date(2022, 5, 25), created_at=at.replace(month=5))
    decision = services.decision_create(actor=None, meeting=earlier, horizon=Horizon.SHORT,
                                        text="Afgerond besluit", owner="PM",
                                        created_at=at.replace(month=5, day=25))
    services.decision_set_status(actor=None, decision=decision, status=DecisionStatus.DONE,
                                 changed_at=at.replace(month=6))
    services.decision_create(actor=None, meeting=earlier, horizon=Horizon.LONG,
                             text="Open besluit", owner="PM",
                             created_at=at.replace(month=5, day=25))
    report = status_report_for_user(system_user(), region=ijsselland, as_of=date(2022, 8, 31))
    lines = [line for section in report.sections for line in section.lines]
    assert "1 voorstel zonder antwoord na 72 uur." in lines
    assert any("1 eerder besluit is afgerond of vervallen." in line for line in lines)
    assert not any("(len)" in line or "(s)" in line for line in lines)


def test_the_agenda_is_one_numbered_list_on_the_status_page(client, board_member, ijsselland):
    at = datetime(2022, 8, 30, 12, tzinfo=AMSTERDAM)
    meeting = services.meeting_create(actor=None, safety_region=ijsselland,
                                      date=date(2022, 8, 31), created_at=at)
    services.agenda_item_create(actor=None, meeting=meeting, title="Veiligheidsbeeld",
                                created_at=at)
    client.force_login(board_member)
    page = client.get(reverse("meetings:status_report"), {"peildatum": "2022-08-31"})
    assert '<ol><li value="1">Veiligheidsbeeld</li></ol>' in page.text
    assert "<li>1. Veiligheidsbeeld</li>" not in page.text
