"""Demo data for the board meetings: the BAO of 25-05-2022 and 31-08-2022, from the seeds.

Agenda items and the decisions of "Besluitvorming" come from the slides. Owners the slides do
not name, due dates, status changes, the proposals to the national desk and the location
reports' wording beyond the slide "CNO locaties" are illustrative and say so.
Everything is registered at the moment it would have been (end of the meeting day), so the
status deck as of 31-08-2022 shows the meeting as it was then.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from opvangregie.capacity.models import CapacityKind, Location, LocationType
from opvangregie.capacity.selectors import capacity_records_as_known, end_of_day
from opvangregie.meetings.models import (
    Answer,
    DecisionStatus,
    Horizon,
    Meeting,
    Sentiment,
    StaffingLevel,
)
from opvangregie.meetings.services import (
    action_complete,
    action_create,
    agenda_item_create,
    decision_create,
    decision_set_status,
    location_report_create,
    meeting_create,
    meeting_narrative_update,
    proposal_answer,
    proposal_submit,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ILLUSTRATIVE = "(illustratief)"
MAY, AUGUST = date(2022, 5, 25), date(2022, 8, 31)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


AGENDA_MAY = (
    "Lijn BAO: afspraken tot nu toe",
    "Opvangplekken Oekraïners: landelijk 25.000 extra noodopvangplekken, stand van zaken",
    "Landelijke noodopvangplekken en bezetting (24 mei: 46.091 plekken, 38.949 bezet)",
    "Prognose",
    "(Crisis)noodopvang asielketen: driefasenaanpak",
    "Fase 1 crisisnoodopvang: 150 plekken per regio, vragen aan het BAO",
)
AGENDA_AUGUST = (
    "Veiligheidsbeeld",
    "Actueel landelijk beeld Oekraïne",
    "Bestuursakkoord: algemene uitgangspunten, korte en lange termijn",
    "Zoektocht nieuwe locaties voor langdurige opvang: tussenstand 31 augustus 2022",
    "Stand van zaken (crisis)noodopvang asielketen en taakstelling statushouders",
    "CNO-locaties",
    "Voorstel: uitgangspunten regionaal en besluitvorming",
    "CNO: taakstelling 450, oktober tot januari (13 weken)",
    "Inzage opgaven asielketen",
)


@transaction.atomic
def meetings_demo_load(region) -> bool:
    """Create the demo meetings of `region` once; False when they already exist."""
    if Meeting.objects.filter(safety_region=region, date__in=[MAY, AUGUST]).exists():
        return False
    _may(region)
    _august(region)
    _location_reports(region)
    return True


def _meeting(region, day: date, agenda: tuple[str, ...], notes: str):
    created = _at(day, 9)
    meeting = meeting_create(actor=None, safety_region=region, date=day, title="BAO",
                             notes=notes, created_at=created)
    items = [agenda_item_create(actor=None, meeting=meeting, title=title, created_at=created)
             for title in agenda]
    return meeting, items


def _may(region) -> None:
    meeting, items = _meeting(
        region, MAY, AGENDA_MAY,
        "Bestuurlijk afstemmingsoverleg IJsselland; agenda naar de sheets van 25-05-2022.",
    )
    recorded = _at(MAY, 17)
    ukraine = decision_create(
        actor=None, meeting=meeting, agenda_item=items[1], horizon=Horizon.SHORT,
        text="We streven naar 2400 plekken voor Oekraïense ontheemden in juli; de realisatie "
        "van 2000+ duurt in elk geval langer dan 23 juni.",
        owner=f"gemeenten {ILLUSTRATIVE}", due_date=date(2022, 7, 31), created_at=recorded,
    )
    decision_create(
        actor=None, meeting=meeting, agenda_item=items[1], horizon=Horizon.SHORT,
        text="We starten met TakeCareBnB, zowel voor Oekraïners als voor statushouders.",
        owner=f"PM {ILLUSTRATIVE}", created_at=recorded,
    )
    decision_set_status(actor=None, decision=ukraine, status=DecisionStatus.DONE,
                        note=f"Streven van juli behaald {ILLUSTRATIVE}",
                        changed_at=_at(date(2022, 8, 1), 10))
    questions = action_create(
        actor=None, meeting=meeting, agenda_item=items[5],
        text="Inventariseren: één of meerdere CNO-locaties in de regio, en welke locaties op "
        "korte termijn beschikbaar zijn (vragen BAO fase 1).",
        owner=f"gemeenten {ILLUSTRATIVE}", due_date=date(2022, 6, 1), created_at=recorded,
    )
    action_complete(actor=None, action=questions, done_at=_at(date(2022, 5, 31), 12))


# The typed slides of the 31-08-2022 deck, in the seeds' words. The seed's safety-picture slide
# reads only "Veiligheidsbeeld invoegen" (a placeholder); the demo says so instead of inventing.
AUGUST_TEXTS = {
    "safety_picture": (
        "In de sheets van 31-08-2022 is het veiligheidsbeeld een lege plek "
        "(\u201cVeiligheidsbeeld invoegen\u201d); het wordt in het overleg gepresenteerd "
        f"{ILLUSTRATIVE}."
    ),
    "national_text": (
        "De dia \u201cActueel landelijk beeld Oekraïne\u201d van 31-08-2022 toont cijfers; "
        "die komen hier uit de landelijke reeksen in Opvangregie, met de prognose "
        f"{ILLUSTRATIVE}."
    ),
    "agreements": "\n".join((
        "Algemene uitgangspunten:",
        "• Eén samenhangend totaalpakket voor asiel, huisvesting en integratie",
        "• Gezamenlijke aanpak alle overheden en uitvoeringsorganisaties",
        "• Transitie van inzet VR’s naar reguliere keten",
        "• Eenduidige communicatie",
        "• Eenduidige regie vanuit het Rijk op uitvoering onderhandelingsakkoord",
        "Uit de asielcrisis komen, korte termijn:",
        "• In totaal 450 plekken CNO per regio tot uiterlijk 31-12-2022",
        "• Transitie van VR’s naar COA starten na bestuursovereenkomst",
        "• Voorschot voor gemeenten (100 miljoen)",
        "• Opvangplekken voor Oekraïense ontheemden, asielzoekers en statushouders flexibel "
        "inzetten",
        "• Taken CNO en huisvesting statushouders onderling in regio uitwisselbaar",
        "• Afspraken overlastgevers in (crisis)noodopvang",
        "• Loket bij Rijk voor een GO of NO GO op voorstellen binnen 72 uur",
        "Uit de asielcrisis blijven (lange termijn):",
        "• Samenhangend totaalpakket",
        "• Structureel investeren in organisatie in asielketen",
        "• Versneld uitvoering geven Uitvoeringsagenda Flexibilisering Asielketen",
        "Daarnaast irt VNG en IPO:",
        "• Lange termijn zaken sociale voorzieningen",
        "• Flexibele woonvormen versnellen en structureel inzetten",
        "• Gemeenten/provincies stellen versneld locaties beschikbaar",
        "• Taskforce versnelling tijdelijke huisvesting",
        "• Investeren in (arbeids)participatie en integratie",
        "• Stabiele en voorspelbare taakstelling en uitstroom vergunningshouders",
        "Daarnaast irt VR:",
        "• Geleidelijke opbouwende structurele toevoeging BDUR (83 mln.) voor versterking VR’s "
        "(Crisisbeheersing)",
    )),
    "principles": "\n".join((
        "Algemeen:",
        "• We doen het samen",
        "• Ondersteunen elkaar waar nodig",
        "• Inzet op zowel CNO, als op asielplekken en statushouders (korte en lange termijn)",
        "• Op korte termijn capaciteitsarm organiseren",
        "• Op lange termijn toewerken naar locaties voor langdurige opvang",
        "• Betrekken van maatschappij/ maatschappelijke organisaties bij opvanglocaties",
        "Specifiek:",
        "• Een evenredige verdeling van het aandeel CNO volgens een verdeelsleutel, waarbij "
        "recht wordt gedaan aan eerdere bijdragen op CNO.",
        "• Onderling afspraken maken over uitzonderingen of samenwerken op een doelstelling in "
        "de gehele asielketen.",
        "• We sluiten aan bij de landelijke verdeelsleutel (o.b.v. landoppervlakte en "
        "inwoneraantal)",
    )),
    "findings": "\n".join((
        "• Gesprekken tussen gemeenten onderling en met RVO leveren nieuwe inzichten op qua "
        "kansen en belemmeringen voor locaties",
        "• Urgentie die in BAO wordt gevoeld is vaak hoger dan bij sommige wethouders en "
        "ambtenaren RO, woningcorporaties en nutsbedrijven",
        "• Gemeenten vragen uiterst zorgvuldig om te gaan met noemen van locaties ivm "
        "zorgvuldige processen met omwonenden en gemeenteraad",
    )),
}


def _august(region) -> None:
    meeting, items = _meeting(
        region, AUGUST, AGENDA_AUGUST,
        "Bestuurlijk afstemmingsoverleg IJsselland; agenda naar de sheets van 31-08-2022.",
    )
    meeting_narrative_update(actor=None, meeting=meeting, **AUGUST_TEXTS)
    recorded = _at(AUGUST, 17)
    decisions_item = items[6]
    for text, owner, horizon, due in (
        ("Verstevigen maatschappelijk draagvlak en betrokkenheid", "gemeentesecretarissen",
         Horizon.LONG, None),
        ("Herstel politiek vertrouwen (in relatie tot stapelbaarheid crises en onvoldoende "
         "zichtbaarheid rijksoverheid)", "gemeentesecretarissen", Horizon.LONG, None),
        ("Toewerken naar locaties voor langdurige opvang inclusief werk en onderwijs", "PM",
         Horizon.LONG, None),
        ("Doelstellingen CNO en statushouders verdeeld per gemeente",
         f"gemeenten {ILLUSTRATIVE}", Horizon.SHORT, None),
        ("Verdeling asielplekken via PRT", "CGF", Horizon.SHORT, None),
        ("Elke gemeente draagt bij aan beide doelstellingen of werkt hierin samen met een "
         "andere gemeente, tot 1 januari: hotelkamers voor CNO naar de verdeelsleutel (ong. 100 "
         "totaal); gezamenlijk 1 of meerdere locaties van 150 tot 200 plekken (burgemeesters "
         "bepalen samen welke); per gemeente kijken naar extra mogelijkheden.", "gemeenten",
         Horizon.SHORT, date(2022, 12, 31)),
        ("Aandacht voor schaarse middelen en capaciteit", "PM / OL / gemeenten", Horizon.SHORT,
         None),
    ):
        decision_create(actor=None, meeting=meeting, agenda_item=decisions_item, text=text,
                        owner=owner, horizon=horizon, due_date=due, created_at=recorded)
    decision_create(
        actor=None, meeting=meeting, agenda_item=items[3], horizon=Horizon.SHORT,
        text="De 3 gevonden locaties worden ontwikkeld, bij voorkeur voor zowel Oekraïners als "
        "statushouders; streefdatum 31-12-2022.", owner=f"PM {ILLUSTRATIVE}",
        due_date=date(2022, 12, 31), created_at=recorded,
    )
    for text, owner in (
        ("In gesprek met de gemeenten waar nader overleg nodig was en met de gemeenten die nog "
         "niet hebben gereageerd (onderleggers: gezamenlijke toetsingscriteria, scan "
         "provincie/Kadaster).", "KSG / RVO"),
        ("Onderzoeken of een gezamenlijke subsidieaanvraag mogelijk is.",
         f"PM {ILLUSTRATIVE}"),
        ("Presentatie 2e tussenstand zoektocht in het BAO van 28 september, met wethouders "
         "wonen, corporaties en andere benodigde partners.", f"PM {ILLUSTRATIVE}"),
    ):
        action_create(actor=None, meeting=meeting, agenda_item=items[3], text=text, owner=owner,
                      due_date=date(2022, 9, 28), created_at=recorded)

    answered = proposal_submit(
        actor=None, safety_region=region, is_illustrative=True,
        title="Gezamenlijke CNO-locatie van 150 tot 200 plekken (illustratief)",
        content="Illustratief voorbeeld: de regio vraagt het loket van het Rijk om een GO op "
        "een gezamenlijke locatie voor 150 tot 200 CNO-plekken tot 1 januari, met vergoeding "
        "van de inrichtingskosten.",
        submitted_at=_at(date(2022, 8, 22), 9, 30), submitted_by="regiocoördinator IJsselland",
        created_at=_at(date(2022, 8, 22), 9, 35),
    )
    proposal_answer(actor=None, proposal=answered, answer=Answer.GO,
                    answered_at=_at(date(2022, 8, 24), 15), note="GO (illustratief)")
    proposal_submit(
        actor=None, safety_region=region, is_illustrative=True,
        title="Inzet opvangboot na 1 oktober als CNO (illustratief)",
        content="Illustratief voorbeeld: voorstel om de opvangboot (4 weken × 84 plekken) na "
        "1 oktober als crisisnoodopvang in te zetten en mee te tellen in de taakstelling. "
        "Nog geen antwoord van het loket.",
        submitted_at=_at(date(2022, 8, 26), 11), submitted_by="regiocoördinator IJsselland",
        created_at=_at(date(2022, 8, 26), 11, 5),
    )


def _cno_location(region) -> Location | None:
    """A CNO location of the region that was open (realised places) on 31-08-2022."""
    locations = Location.objects.filter(municipality__safety_region=region,
                                        type=LocationType.CNO).order_by("pk")
    records = capacity_records_as_known(locations, as_of=end_of_day(AUGUST),
                                        overlapping=(AUGUST, AUGUST))
    open_ids = sorted({r.location_id for r in records if r.kind == CapacityKind.REALISED})
    if open_ids:
        return locations.get(pk=open_ids[0])
    return locations.first()


def _location_reports(region) -> None:
    location = _cno_location(region)
    if location is None:
        return
    first_day, second_day = date(2022, 8, 19), date(2022, 8, 29)
    location_report_create(
        actor=None, location=location, created_at=end_of_day(first_day),
        reported_on=first_day, major_incidents=False,
        incidents="Geen incidenten in de eerste week (illustratief).",
        sentiment=Sentiment.NEGATIVE,
        sentiment_notes="Negatief sentiment vooral vooraf, bij de aankondiging (illustratief).",
        staff=StaffingLevel.TIGHT, security=StaffingLevel.IN_ORDER,
        catering=StaffingLevel.IN_ORDER,
        care="Zorg nog niet gecontracteerd (illustratief).",
        partners="Rode Kruis aanwezig (illustratief).",
        concerns="Afwezigheid van COA (illustratief).",
    )
    location_report_create(
        actor=None, location=location, created_at=end_of_day(second_day),
        reported_on=second_day, major_incidents=False,
        incidents="Geen grote incidenten. Veel vragen van vluchtelingen over het ontbreken van "
        "informatie over het proces.",
        sentiment=Sentiment.MIXED,
        sentiment_notes="Negatief sentiment vooral vooraf; nu hulp vanuit buurt en "
        "maatschappij.",
        staff=StaffingLevel.IN_ORDER, security=StaffingLevel.IN_ORDER,
        catering=StaffingLevel.IN_ORDER,
        care="Aanwezigheid van zorg is een zorgpunt; verbetering in zicht door het contracteren "
        "van een 2e zorgpartner.",
        partners="Goede samenwerking met Rode Kruis en VluchtelingenWerk.",
        community="Activiteiten vanuit de gemeenschap en betrokkenen, bijvoorbeeld een bezoek "
        "aan Ballorig of een springkussen.",
        concerns="Vooral de afwezigheid van COA (gaat op korte termijn niet verbeteren) en de "
        "aanwezigheid van zorg.",
    )
