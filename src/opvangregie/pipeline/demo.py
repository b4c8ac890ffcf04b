"""Demo data for the location search, as the seeds describe the state of 31 August 2022.

The counts follow the slides ("6 gemeenten hebben gereageerd met 11 panden en locaties,
waarvan 8 nieuw; 3 hebben meer tijd nodig; 2 nog niet gereageerd; 2 makelaars, per saldo
1 nieuwe locatie"; 3 serious chances for ca. 150 places by 1 January, 1 only fit for CNO,
4 needing consultation). Names, addresses and owners are invented and marked illustrative.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from opvangregie.pipeline.models import (
    Broker,
    CallAddressee,
    CandidateKind,
    CandidateStatus,
    ResponseStatus,
)
from opvangregie.pipeline.services import (
    call_create,
    candidate_change_status,
    candidate_release,
    candidate_score,
    candidate_submit,
    criterion_create,
    speed_band_create,
)
from opvangregie.regions.models import Municipality

S = CandidateStatus
RESPONDED = ("Dalfsen", "Hardenberg", "Steenwijkerland", "Deventer", "Zwolle", "Kampen")
MORE_TIME = ("Raalte", "Ommen", "Olst-Wijhe")
ASSESSED = (S.UNDER_ASSESSMENT,)
# municipality, name, kind, places, earliest opening, new, status path, broker
CANDIDATES = (
    ("Dalfsen", "Woonunits Vechtdal-terrein (illustratief)", CandidateKind.SITE, 50,
     date(2022, 12, 15), True, (S.UNDER_ASSESSMENT, S.SERIOUS_CHANCE), None),
    ("Dalfsen", "Voormalig kloostergebouw Dalfsen (illustratief)", CandidateKind.BUILDING, 40,
     date(2023, 3, 1), True, (S.UNDER_ASSESSMENT, S.NEEDS_CONSULTATION), None),
    ("Hardenberg", "Kantoorpand Bruchterweg (illustratief)", CandidateKind.BUILDING, 60,
     date(2022, 12, 1), True, (S.UNDER_ASSESSMENT, S.SERIOUS_CHANCE), None),
    ("Hardenberg", "Recreatieterrein Hardenberg-Oost (illustratief)", CandidateKind.HOLIDAY_PARK,
     80, date(2023, 4, 1), True, (S.UNDER_ASSESSMENT, S.NEEDS_CONSULTATION), None),
    ("Steenwijkerland", "Voormalige school Steenwijk (illustratief)", CandidateKind.BUILDING, 40,
     date(2022, 12, 20), True, (S.UNDER_ASSESSMENT, S.SERIOUS_CHANCE), None),
    ("Steenwijkerland", "Hotel aan de Weerribben (illustratief)", CandidateKind.HOTEL, 70,
     date(2022, 10, 15), True, (S.UNDER_ASSESSMENT, S.CNO_ONLY), None),
    ("Deventer", "Bedrijfshal Deventer-Noord (illustratief)", CandidateKind.BUILDING, 120,
     date(2023, 2, 1), True, (S.UNDER_ASSESSMENT, S.NEEDS_CONSULTATION), None),
    ("Deventer", "Tussenvoorziening Deventer (illustratief)", CandidateKind.BUILDING, 150,
     date(2022, 11, 1), False, (S.UNDER_ASSESSMENT,), None),
    ("Zwolle", "Kantoorgebouw Zwolle-Zuid (illustratief)", CandidateKind.BUILDING, 90,
     date(2023, 1, 15), True, (S.UNDER_ASSESSMENT, S.NEEDS_CONSULTATION), None),
    ("Zwolle", "Paviljoen Zwolle (illustratief)", CandidateKind.BUILDING, 60,
     date(2022, 11, 15), False, (S.UNDER_ASSESSMENT,), None),
    ("Kampen", "Kazerneterrein Kampen (illustratief)", CandidateKind.SITE, 100,
     date(2023, 6, 1), False, (S.UNDER_ASSESSMENT,), None),
    ("Raalte", "Summercamp Raalte, winterdeel (illustratief)", CandidateKind.SUMMER_CAMP, 200,
     date(2022, 10, 1), False, (), "Makelaardij IJssel & Vecht (illustratief)"),
    ("Zwolle", "Hotel bij het station Zwolle (illustratief)", CandidateKind.HOTEL, 80,
     date(2022, 11, 1), True, (), "Bedrijfsmakelaars Salland (illustratief)"),
)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def pipeline_demo_load(region) -> None:
    municipalities = {m.name: m for m in Municipality.objects.filter(safety_region=region)}
    brokers = {
        name: Broker.objects.create(name=name, safety_region=region)
        for name in {c[7] for c in CANDIDATES if c[7]}
    }
    for label, before in (("vóór 1 november 2022", date(2022, 11, 1)),
                          ("vóór 1 januari 2023", date(2023, 1, 1))):
        speed_band_create(actor=None, safety_region=region, label=label, opens_before=before)
    criteria = [
        criterion_create(actor=None, safety_region=region, name=name, weight=weight, scale_max=5)
        for name, weight in (("Geschiktheid voor langdurige opvang", 3),
                             ("Draagvlak en ligging", 2), ("Kosten", 1))
    ]
    call = call_create(
        actor=None, safety_region=region, sent_on=date(2022, 7, 20),
        text="Uitvraag aan gemeenten en makelaars: panden en terreinen voor langdurige opvang "
        "van Oekraïense ontheemden, asielzoekers en vergunninghouders.",
        municipalities=[m for m in municipalities.values() if m.exists_until is None],
        brokers=list(brokers.values()),
    )
    for addressee in CallAddressee.objects.filter(call=call).select_related("municipality"):
        name = addressee.municipality.name if addressee.municipality else None
        addressee.status = (
            ResponseStatus.RESPONDED if name in RESPONDED or name is None
            else ResponseStatus.MORE_TIME if name in MORE_TIME
            else ResponseStatus.NO_RESPONSE
        )
        addressee.save(update_fields=["status"])
    for index, (where, name, kind, places, opening, new, path, broker) in enumerate(CANDIDATES):
        submitted = datetime(2022, 7, 25 + index % 6, 10, 0, tzinfo=AMSTERDAM)
        candidate = candidate_submit(
            actor=None, safety_region=region, municipality=municipalities[where], call=call,
            submitted_at=submitted,
            name=name, kind=kind, possible_places=places, earliest_opening=opening, is_new=new,
            for_long_term=kind != CandidateKind.HOTEL, for_ukrainians=True,
            for_permit_holders=index % 2 == 0, submitted_by_broker=brokers.get(broker),
            owner="Eigenaar (illustratief)", address="Adres (illustratief)",
            notes="Illustratief voorbeeld uit het demoscenario.",
        )
        for days, step in enumerate(path, start=1):
            candidate_change_status(actor=None, candidate=candidate, to_status=step,
                                    reason="Beoordeling regio (illustratief)",
                                    changed_at=submitted + timedelta(days=14 * days))
        if S.SERIOUS_CHANCE in path:
            for criterion, score in zip(criteria, (4, 3, 3), strict=True):
                candidate_score(actor=None, candidate=candidate, criterion=criterion,
                                score=score)
    # The first serious chance was released after the board meeting of 28 September.
    first = region.candidates.get(number=1)
    candidate_release(actor=None, candidate=first,
                      embargo_until=datetime(2022, 9, 28, 21, 0, tzinfo=AMSTERDAM),
                      reason="BAO 28-09-2022 (illustratief)")
