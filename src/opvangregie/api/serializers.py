"""What the API reads and writes, field by field, in Dutch camelCase.

Request serializers only check input (types, bounds, plausible dates); the services decide
and write. Response serializers shape what the views built from the scoped selectors and the
view objects of `opvangregie.access` and `pipeline.selectors`: a hidden confidential field
is `null`, never the value.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from opvangregie.capacity.models import CapacityKind, LocationStatus, LocationType, Operator
from opvangregie.core.validation import validate_plausible_date
from opvangregie.reports.forms import MAX_STALE_DAYS

MAX_COUNT = 1_000_000  # as the forms: no location or month has more


def _date(**kwargs):
    return serializers.DateField(validators=[validate_plausible_date], **kwargs)


# --- errors ------------------------------------------------------------------------------------


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("Het veld of de parameter, bijv. plekken."))
    code = serializers.CharField()
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    invalidParams = InvalidParamSerializer(many=True, required=False)


# --- query parameters --------------------------------------------------------------------------


class KnownOnQuery(serializers.Serializer):
    bekendOp = _date(required=False, help_text=_(
        "De cijfers zoals ze aan het eind van deze dag bekend waren (JJJJ-MM-DD); "
        "standaard nu."))


class MunicipalityQuery(KnownOnQuery):
    peildatum = _date(required=False, help_text=_(
        "De dag waarop de indicatoren gelden (JJJJ-MM-DD); standaard vandaag."))
    veiligheidsregio = serializers.CharField(required=False, max_length=4)


class LocationQuery(serializers.Serializer):
    gemeente = serializers.CharField(required=False, max_length=6,
                                     help_text=_("CBS-code, bijv. GM0193."))
    soort = serializers.ChoiceField(required=False, choices=LocationType.choices)


class HousingQuery(KnownOnQuery):
    gemeente = serializers.CharField(required=False, max_length=6)


class RegionQuery(serializers.Serializer):
    veiligheidsregio = serializers.CharField(required=False, max_length=4,
                                             help_text=_("Code, bijv. VR04."))


class TargetQuery(KnownOnQuery, RegionQuery):
    pass


class OverviewQuery(RegionQuery):
    peildatum = _date(required=False, help_text=_(
        "Het overzicht zoals bekend aan het eind van deze dag; standaard vandaag."))
    dagen = serializers.IntegerField(required=False, min_value=0, max_value=MAX_STALE_DAYS)
    gemeente = serializers.CharField(required=False, max_length=6,
                                     help_text=_("Alleen de regel van deze gemeente."))


# --- writes ------------------------------------------------------------------------------------


class _Figures(serializers.Serializer):
    geldigTotEnMet = _date(required=False, allow_null=True)
    plekken = serializers.IntegerField(min_value=0, max_value=MAX_COUNT)
    bezetting = serializers.IntegerField(min_value=0, max_value=MAX_COUNT, required=False,
                                         allow_null=True)
    soort = serializers.ChoiceField(choices=CapacityKind.choices, default=CapacityKind.REALISED)
    tochOpslaan = serializers.BooleanField(default=False, help_text=_(
        "De toelichting noemt een vertrouwelijke locatie: toch opslaan (wie de locatie niet "
        "mag zien, leest “[vertrouwelijke locatie]”)."))

    def validate(self, data):
        start, end = data.get("geldigVanaf"), data.get("geldigTotEnMet")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"geldigTotEnMet": _("De einddatum ligt vóór de begindatum.")})
        places, occupancy = data.get("plekken"), data.get("bezetting")
        if places is not None and occupancy is not None and occupancy > places:
            raise serializers.ValidationError({"bezetting": _(
                "De bezetting is groter dan het aantal plekken.")})
        return data


class CapacityRecordCreateSerializer(_Figures):
    geldigVanaf = _date()
    toelichting = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                        default="")
    gezienTot = serializers.IntegerField(
        required=False, allow_null=True, min_value=0,
        help_text=_("Het id van de nieuwste registratie van de locatie die het systeem kende; "
                    "een nieuwere van iemand anders voor dezelfde begindatum wordt dan niet "
                    "ongezien gecorrigeerd (409)."))


class CapacityCorrectionSerializer(_Figures):
    toelichting = serializers.CharField(max_length=300, help_text=_(
        "Waarom worden de cijfers gecorrigeerd?"))


class HousingCreateSerializer(serializers.Serializer):
    gemeente = serializers.CharField(max_length=6, help_text=_("CBS-code, bijv. GM0193."))
    maand = _date(help_text=_("Een dag van de maand; de eerste dag wordt opgeslagen."))
    aantal = serializers.IntegerField(min_value=0, max_value=MAX_COUNT)
    toelichting = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                        default="")
    tochOpslaan = serializers.BooleanField(default=False)


# --- reads -------------------------------------------------------------------------------------


class IndicatorSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    waarde = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    peildatum = serializers.DateField()
    afgeleid = serializers.BooleanField()
    bron = serializers.CharField()


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    veiligheidsregio = serializers.CharField()
    provincie = serializers.CharField()
    indicatoren = IndicatorSerializer(many=True)


class LocationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gemeente = serializers.CharField(help_text=_("CBS-code"))
    gemeenteNaam = serializers.CharField()
    soort = serializers.ChoiceField(choices=LocationType.choices)
    naam = serializers.CharField(allow_null=True, help_text=_(
        "null als de locatie vertrouwelijk is en u de naam niet mag zien."))
    adres = serializers.CharField(allow_null=True)
    omschrijving = serializers.CharField(help_text=_(
        "De naam, of voor wie die niet mag zien “Vertrouwelijke locatie (soort) — Gemeente”."))
    vertrouwelijk = serializers.BooleanField()
    exploitant = serializers.ChoiceField(choices=Operator.choices)
    status = serializers.ChoiceField(choices=LocationStatus.choices)
    voorAsielzoekers = serializers.BooleanField()
    voorOekraieners = serializers.BooleanField()
    voorVergunninghouders = serializers.BooleanField()
    wijzigbaar = serializers.BooleanField(help_text=_("Mag deze token cijfers registreren?"))


class CapacityRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    locatie = serializers.IntegerField()
    geldigVanaf = serializers.DateField()
    geldigTotEnMet = serializers.DateField(allow_null=True)
    plekken = serializers.IntegerField()
    bezetting = serializers.IntegerField(allow_null=True)
    soort = serializers.ChoiceField(choices=CapacityKind.choices)
    toelichting = serializers.CharField(allow_null=True, help_text=_(
        "null bij een vertrouwelijke locatie die u niet helemaal mag zien."))
    geregistreerdOp = serializers.DateTimeField()
    corrigeert = serializers.IntegerField(allow_null=True)


class HousingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gemeente = serializers.CharField()
    maand = serializers.DateField()
    aantal = serializers.IntegerField()
    toelichting = serializers.CharField()
    geregistreerdOp = serializers.DateTimeField()
    corrigeert = serializers.IntegerField(allow_null=True)


class TargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    omschrijving = serializers.CharField()
    soort = serializers.CharField()
    niveau = serializers.CharField()
    veiligheidsregio = serializers.CharField(allow_null=True)
    aantal = serializers.IntegerField()
    eenheid = serializers.CharField()
    periodeVanaf = serializers.DateField()
    periodeTotEnMet = serializers.DateField()
    bron = serializers.CharField()
    informeel = serializers.BooleanField()
    illustratief = serializers.BooleanField()
    versie = serializers.IntegerField()
    geregistreerdOp = serializers.DateTimeField()
    corrigeert = serializers.IntegerField(allow_null=True)


class AllocationSerializer(serializers.Serializer):
    gemeente = serializers.CharField()
    gemeenteNaam = serializers.CharField()
    aandeel = serializers.CharField(help_text=_("Exact, als breuk."))
    quotum = serializers.CharField(help_text=_("Exact, als breuk."))
    eerdereInzet = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False)
    toegewezen = serializers.IntegerField()
    uitleg = serializers.JSONField(help_text=_(
        "De uitleg van de verdeelmotor voor deze gemeente (redenen, gelijke stand)."))


class AgreementSerializer(serializers.Serializer):
    soort = serializers.CharField()
    gemeente = serializers.CharField()
    naarGemeente = serializers.CharField(allow_null=True)
    aantal = serializers.IntegerField()
    reden = serializers.CharField()


class DistributionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opgave = serializers.IntegerField()
    veiligheidsregio = serializers.CharField()
    versie = serializers.IntegerField()
    status = serializers.CharField()
    methode = serializers.CharField()
    peildatum = serializers.DateField()
    vastgesteldOp = serializers.DateTimeField(allow_null=True)
    besluit = serializers.CharField()


class DistributionDetailSerializer(DistributionSerializer):
    toelichting = serializers.CharField()
    verdeelsleutel = serializers.JSONField()
    afspraken = AgreementSerializer(many=True)
    toewijzingen = AllocationSerializer(many=True)


class OverviewTargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    omschrijving = serializers.CharField()
    aantal = serializers.IntegerField()


class OverviewRowSerializer(serializers.Serializer):
    gemeente = serializers.CharField()
    gemeenteNaam = serializers.CharField()
    quotum = serializers.IntegerField(allow_null=True)
    gehuisvest = serializers.IntegerField()
    overgeheveld = serializers.IntegerField(help_text=_("Saldo uit eerdere halfjaren."))
    saldo1 = serializers.IntegerField(allow_null=True)
    quotumInformeel = serializers.IntegerField(allow_null=True)
    saldo2 = serializers.IntegerField(allow_null=True)
    cnoPlekwekenPerWeek = serializers.ListField(
        child=serializers.DecimalField(max_digits=14, decimal_places=1, coerce_to_string=False))
    cnoPlekweken = serializers.DecimalField(
        max_digits=14, decimal_places=1, coerce_to_string=False)
    cnoAandeel = serializers.IntegerField(allow_null=True)
    azcPlekken = serializers.IntegerField()
    plekkenOekraieners = serializers.IntegerField()
    laatsteUpdate = serializers.DateTimeField(allow_null=True)
    verouderd = serializers.BooleanField()


class OverviewSerializer(serializers.Serializer):
    veiligheidsregio = serializers.CharField()
    peildatum = serializers.DateField()
    halfjaar = serializers.CharField()
    peildatumBevolking = serializers.DateField(allow_null=True)
    opgaveOfficieel = OverviewTargetSerializer(allow_null=True)
    opgaveInformeel = OverviewTargetSerializer(allow_null=True)
    opgaveCno = OverviewTargetSerializer(allow_null=True)
    cnoVanaf = serializers.DateField()
    cnoTotEnMet = serializers.DateField()
    cnoAandeelVastgesteld = serializers.BooleanField()
    weken = serializers.ListField(child=serializers.CharField())
    regels = OverviewRowSerializer(many=True)


class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nummer = serializers.IntegerField()
    gemeente = serializers.CharField()
    gemeenteNaam = serializers.CharField()
    soort = serializers.CharField()
    status = serializers.CharField()
    statusCode = serializers.CharField()
    mogelijkePlekken = serializers.IntegerField(allow_null=True)
    vroegsteOpening = serializers.DateField(allow_null=True)
    omschrijving = serializers.CharField()
    naam = serializers.CharField(allow_null=True)
    adres = serializers.CharField(allow_null=True)
    eigenaar = serializers.CharField(allow_null=True)
    notities = serializers.CharField(allow_null=True)
    detailsZichtbaar = serializers.BooleanField()
    vrijgegevenVelden = serializers.ListField(child=serializers.CharField())


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    veiligheidsregio = serializers.CharField()
    overleg = serializers.IntegerField(allow_null=True)
    onderwerp = serializers.CharField()
    inhoud = serializers.CharField()
    ingediendOp = serializers.DateTimeField()
    ingediendDoor = serializers.CharField()
    uiterlijkAntwoord = serializers.DateTimeField()
    antwoord = serializers.CharField()
    beantwoordOp = serializers.DateTimeField(allow_null=True)
    toelichtingAntwoord = serializers.CharField()
    overTijd = serializers.BooleanField()
    illustratief = serializers.BooleanField()
