"""API v1: thin views over the same selectors, view objects and services as the web pages.

Which records a token sees is decided by the scoped selectors (`municipalities_for_user`,
`locations_for_user`, `targets_for_user`, `distributions_for_user`, `candidates_for_user`,
`proposals_for_user`, `overview_for_user`); which confidential fields it sees by the view
objects of `opvangregie.access` and `pipeline.selectors` (`LocationView`, `CandidateView`);
free text typed by users is masked per reader (`opvangregie.textguard`). Writes go through
the services of `capacity` (validation, audit, one transaction, version check). 404 for what
the user may not see, 403 for what they may see but not change.
"""

from datetime import date

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from opvangregie import textguard
from opvangregie.api import serializers as s
from opvangregie.api.pagination import PAGE, PAGE_SIZE, paged_serializer, paginate
from opvangregie.api.problems import PROBLEM_JSON
from opvangregie.audit import events
from opvangregie.capacity import selectors as capacity_selectors
from opvangregie.capacity import services as capacity_services
from opvangregie.capacity.forms import capacity_comment_readers
from opvangregie.capacity.models import CapacityRecord, Location
from opvangregie.capacity.selectors import end_of_day
from opvangregie.meetings import selectors as meetings_selectors
from opvangregie.pipeline import selectors as pipeline_selectors
from opvangregie.regions.models import Indicator, Municipality
from opvangregie.regions.selectors import (
    default_region_for_user,
    indicator_values_on,
    municipalities_for_user,
    safety_regions_for_user,
)
from opvangregie.reports.overview import (
    DEFAULT_STALE_AFTER_DAYS,
    overview_for_user,
    rounded_place_weeks,
)
from opvangregie.targets import selectors as targets_selectors

INDICATORS = (Indicator.POPULATION, Indicator.LAND_AREA, Indicator.POPULATION_DENSITY)
PROBLEMS = {
    400: OpenApiResponse(s.ProblemSerializer, description=_("Ongeldige invoer")),
    401: OpenApiResponse(s.ProblemSerializer, description=_("Niet aangemeld")),
    403: OpenApiResponse(s.ProblemSerializer, description=_("Geen toegang")),
    404: OpenApiResponse(s.ProblemSerializer, description=_("Niet gevonden")),
}
PAGING = [
    OpenApiParameter(PAGE, int, description=_("Paginanummer, vanaf 1.")),
    OpenApiParameter(PAGE_SIZE, int, description=_("Resultaten per pagina (standaard 100, "
                                                   "hoogstens 500).")),
]
WRITE_PROBLEMS = {**PROBLEMS, 409: OpenApiResponse(
    s.ProblemSerializer, description=_("Intussen gewijzigd door iemand anders"))}


# Authenticated by token (or the web session); never the login page's redirect. (No
# docstring: drf-spectacular would print it as every operation's description.)
class ApiView(APIView):

    @classmethod
    def as_view(cls, **initkwargs):
        # LoginRequiredMiddleware would send a token client to the login page; Django REST
        # framework's own permission (IsAuthenticated) answers 401 instead.
        return login_not_required(super().as_view(**initkwargs))

    def handle_exception(self, exc):
        # A problem document is JSON whatever the client asked for (also the YAML schema's
        # 401, or a 406 for an Accept header nothing matched).
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = PROBLEM_JSON
        return response


def _query(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _known_at(query: dict):
    known_on = query.get("bekendOp")
    return end_of_day(known_on) if known_on else timezone.now()


def _body(request, serializer_class) -> dict:
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError(_("Stuur een JSON-object."))
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _guard(text: str, audience, *, confirmed: bool, field: str = "toelichting") -> None:
    """The free-text guard of the forms: text naming a record its readers may not see is
    refused unless the client confirms (`tochOpslaan`)."""
    if confirmed or not text:
        return
    found = textguard.terms_named_in(text, audience)
    if found:
        raise exceptions.ValidationError({field: [_(
            "Deze tekst noemt een vertrouwelijke locatie die niet iedereen die dit leest mag "
            "zien. Schrijf het anders op, of stuur tochOpslaan: true; wie de locatie niet mag "
            "zien, leest dan “[vertrouwelijke locatie]”.")]})


def _municipality_codes(pks) -> dict[int, str]:
    return dict(Municipality.objects.filter(pk__in=set(pks)).values_list("pk", "code"))


# --- gemeenten ---------------------------------------------------------------------------------


def _municipality_rows(municipalities, *, on: date, known_at) -> list[dict]:
    values = {code: indicator_values_on(municipalities, code, on, known_on=known_at)
              for code in INDICATORS}
    return [
        {
            "code": m.code, "naam": m.name, "veiligheidsregio": m.safety_region.code,
            "provincie": m.province.code,
            "indicatoren": [
                {"indicator": code, "waarde": found.value, "peildatum": found.reference_date,
                 "afgeleid": found.is_derived, "bron": found.source}
                for code in INDICATORS if (found := values[code].get(m.pk)) is not None
            ],
        }
        for m in municipalities
    ]


class MunicipalityList(ApiView):
    @extend_schema(operation_id="gemeenten_list", parameters=[s.MunicipalityQuery, *PAGING],
                   responses={200: paged_serializer(s.MunicipalitySerializer), **PROBLEMS},
                   summary=_("Gemeenten met hun indicatoren op een peildatum"))
    def get(self, request):
        query = _query(request, s.MunicipalityQuery)
        municipalities = municipalities_for_user(request.user).order_by("name")
        if query.get("veiligheidsregio"):
            municipalities = municipalities.filter(safety_region__code=query["veiligheidsregio"])
        on = query.get("peildatum") or timezone.localdate()
        known_at = _known_at(query)
        return paginate(request, municipalities, lambda page: s.MunicipalitySerializer(
            _municipality_rows(page, on=on, known_at=known_at), many=True).data)


class MunicipalityDetail(ApiView):
    @extend_schema(operation_id="gemeenten_retrieve", parameters=[s.MunicipalityQuery],
                   responses={200: s.MunicipalitySerializer, **PROBLEMS})
    def get(self, request, code: str):
        query = _query(request, s.MunicipalityQuery)
        municipality = get_object_or_404(municipalities_for_user(request.user), code=code)
        rows = _municipality_rows([municipality], on=query.get("peildatum")
                                  or timezone.localdate(), known_at=_known_at(query))
        return Response(s.MunicipalitySerializer(rows[0]).data)


# --- locaties ----------------------------------------------------------------------------------


def _location_rows(user, locations: list[Location], context: str, *,
                   single: bool = False) -> list[dict]:
    views = capacity_selectors.location_views_for_user(user, locations)
    # One event for a list, one on the record for a detail (as the web pages do).
    events.confidential_location_viewed(user, views[0] if single else views, context)
    editable = set(capacity_selectors.locations_for_user(user, editable=True).filter(
        pk__in=[loc.pk for loc in locations]).values_list("pk", flat=True))
    return [
        {
            "id": loc.pk, "gemeente": loc.municipality.code,
            "gemeenteNaam": loc.municipality.name, "soort": loc.type, "naam": view.name,
            "adres": view.address, "omschrijving": view.label,
            "vertrouwelijk": loc.is_confidential, "exploitant": loc.operator,
            "status": loc.status, "voorAsielzoekers": loc.for_asylum_seekers,
            "voorOekraieners": loc.for_ukrainians,
            "voorVergunninghouders": loc.for_permit_holders, "wijzigbaar": loc.pk in editable,
        }
        for loc, view in zip(locations, views, strict=True)
    ]


class LocationList(ApiView):
    @extend_schema(operation_id="locaties_list", parameters=[s.LocationQuery, *PAGING],
                   responses={200: paged_serializer(s.LocationSerializer), **PROBLEMS},
                   summary=_("Locaties die u mag zien"))
    def get(self, request):
        query = _query(request, s.LocationQuery)
        locations = capacity_selectors.locations_for_user(request.user).order_by(
            "municipality__name", "type", "pk")
        if query.get("gemeente"):
            locations = locations.filter(municipality__code=query["gemeente"])
        if query.get("soort"):
            locations = locations.filter(type=query["soort"])
        return paginate(request, locations, lambda page: s.LocationSerializer(
            _location_rows(request.user, page, "API lijst"), many=True).data)


def _visible_location(user, pk: int) -> Location:
    return get_object_or_404(capacity_selectors.locations_for_user(user), pk=pk)


def _editable_location(user, pk: int) -> Location:
    location = _visible_location(user, pk)
    if not capacity_selectors.locations_for_user(user, editable=True).filter(pk=pk).exists():
        raise exceptions.PermissionDenied(
            _("U mag voor deze locatie geen cijfers registreren."))
    return location


class LocationDetail(ApiView):
    @extend_schema(operation_id="locaties_retrieve",
                   responses={200: s.LocationSerializer, **PROBLEMS})
    def get(self, request, pk: int):
        location = _visible_location(request.user, pk)
        return Response(s.LocationSerializer(
            _location_rows(request.user, [location], "API detail", single=True)[0]).data)


# --- capaciteit --------------------------------------------------------------------------------


def _record_row(user, record: CapacityRecord, view) -> dict:
    reason = None
    if view.details_visible:
        reason = textguard.mask(record.reason, user)
    return {
        "id": record.pk, "locatie": record.location_id, "geldigVanaf": record.valid_from,
        "geldigTotEnMet": record.valid_to, "plekken": record.places,
        "bezetting": record.occupancy, "soort": record.kind,
        "toelichting": reason, "geregistreerdOp": record.registered_at,
        "corrigeert": record.corrects_id,
    }


def _registered(user, location, registered) -> Response:
    view = capacity_selectors.location_view_for_user(user, location)
    return Response(s.CapacityRecordSerializer(_record_row(user, registered.record, view)).data,
                    status=status.HTTP_201_CREATED if registered.created else status.HTTP_200_OK)


class CapacityRecords(ApiView):
    @extend_schema(operation_id="capaciteit_list", parameters=[s.KnownOnQuery, *PAGING],
                   responses={200: paged_serializer(s.CapacityRecordSerializer), **PROBLEMS},
                   summary=_("Capaciteit en bezetting van een locatie, zoals bekend op een dag"))
    def get(self, request, pk: int):
        query = _query(request, s.KnownOnQuery)
        location = _visible_location(request.user, pk)
        view = capacity_selectors.location_view_for_user(request.user, location)
        events.confidential_location_viewed(request.user, view, "API capaciteit")
        records = sorted(
            capacity_selectors.capacity_records_as_known([location], as_of=_known_at(query)),
            key=lambda r: (r.valid_from, r.registered_at, r.pk))
        return paginate(request, records, lambda page: s.CapacityRecordSerializer(
            [_record_row(request.user, r, view) for r in page], many=True).data)

    @extend_schema(operation_id="capaciteit_create", request=s.CapacityRecordCreateSerializer,
                   responses={201: s.CapacityRecordSerializer,
                              200: OpenApiResponse(s.CapacityRecordSerializer, description=_(
                                  "Precies zo al geregistreerd; niets gewijzigd")),
                              **WRITE_PROBLEMS},
                   summary=_("Registreer plekken en bezetting voor een periode"))
    def post(self, request, pk: int):
        location = _editable_location(request.user, pk)
        data = _body(request, s.CapacityRecordCreateSerializer)
        _guard(data["toelichting"], capacity_comment_readers(location),
               confirmed=data["tochOpslaan"])
        registered = capacity_services.capacity_record_register(
            actor=request.user, location=location, valid_from=data["geldigVanaf"],
            valid_to=data.get("geldigTotEnMet"), places=data["plekken"],
            occupancy=data.get("bezetting"), kind=data["soort"], reason=data["toelichting"],
            seen_up_to=data.get("gezienTot"),
        )
        return _registered(request.user, location, registered)


class CapacityCorrection(ApiView):
    @extend_schema(operation_id="capaciteit_correctie_create",
                   request=s.CapacityCorrectionSerializer,
                   responses={201: s.CapacityRecordSerializer, 200: s.CapacityRecordSerializer,
                              **WRITE_PROBLEMS},
                   summary=_("Corrigeer een registratie (de oude blijft bewaard)"))
    def post(self, request, pk: int, registratie: int):
        location = _editable_location(request.user, pk)
        record = get_object_or_404(CapacityRecord, pk=registratie, location=location)
        data = _body(request, s.CapacityCorrectionSerializer)
        end = data.get("geldigTotEnMet")
        if end is not None and end < record.valid_from:
            raise exceptions.ValidationError(
                {"geldigTotEnMet": [_("De einddatum ligt vóór de begindatum.")]})
        _guard(data["toelichting"], capacity_comment_readers(location),
               confirmed=data["tochOpslaan"])
        # seen_up_to = the corrected record: a record registered after it for the same start
        # date (someone else's correction) is not overwritten unseen (409).
        registered = capacity_services.capacity_record_register(
            actor=request.user, location=location, valid_from=record.valid_from,
            valid_to=end, places=data["plekken"], occupancy=data.get("bezetting"),
            kind=data["soort"], reason=data["toelichting"], seen_up_to=record.pk,
        )
        return _registered(request.user, location, registered)


# --- gehuisveste statushouders -----------------------------------------------------------------


def _housing_rows(user, rows) -> list[dict]:
    return [
        {"id": row.pk, "gemeente": row.municipality.code, "maand": row.month,
         "aantal": row.housed, "toelichting": textguard.mask(row.reason, user),
         "geregistreerdOp": row.registered_at, "corrigeert": row.corrects_id}
        for row in rows
    ]


class Housing(ApiView):
    @extend_schema(operation_id="gehuisveste_statushouders_list",
                   parameters=[s.HousingQuery, *PAGING],
                   responses={200: paged_serializer(s.HousingSerializer), **PROBLEMS},
                   summary=_("Gehuisveste vergunninghouders per gemeente en maand"))
    def get(self, request):
        query = _query(request, s.HousingQuery)
        municipalities = municipalities_for_user(request.user)
        if query.get("gemeente"):
            municipalities = municipalities.filter(code=query["gemeente"])
        rows = sorted(
            capacity_selectors.permit_housing_as_known(municipalities, as_of=_known_at(query)),
            key=lambda r: (r.municipality.name, r.month, r.pk))
        return paginate(request, rows, lambda page: s.HousingSerializer(
            _housing_rows(request.user, page), many=True).data)

    @extend_schema(operation_id="gehuisveste_statushouders_create",
                   request=s.HousingCreateSerializer,
                   responses={201: s.HousingSerializer, 200: s.HousingSerializer,
                              **WRITE_PROBLEMS},
                   summary=_("Registreer de gehuisveste vergunninghouders van een maand"))
    def post(self, request):
        data = _body(request, s.HousingCreateSerializer)
        municipality = Municipality.objects.filter(code=data["gemeente"]).first()
        if municipality is None:
            raise exceptions.ValidationError({"gemeente": [_("Onbekende CBS-code.")]})
        if not municipalities_for_user(request.user, editable=True).filter(
                pk=municipality.pk).exists():
            raise exceptions.PermissionDenied(
                _("U mag voor deze gemeente geen cijfers registreren."))
        # The figures page shows every municipality's row to the whole region.
        _guard(data["toelichting"], textguard.Reader(), confirmed=data["tochOpslaan"])
        registered = capacity_services.permit_housing_register(
            actor=request.user, municipality=municipality, month=data["maand"].replace(day=1),
            housed=data["aantal"], reason=data["toelichting"],
        )
        row = _housing_rows(request.user, [registered.record])[0]
        return Response(s.HousingSerializer(row).data, status=status.HTTP_201_CREATED
                        if registered.created else status.HTTP_200_OK)


# --- opgaven en verdelingen --------------------------------------------------------------------


def _region_or_404(user, code: str | None):
    if not code:
        return None
    region = safety_regions_for_user(user).filter(code=code).first()
    if region is None:
        raise exceptions.NotFound(_("Onbekende of niet zichtbare veiligheidsregio."))
    return region


def _target_rows(user, targets) -> list[dict]:
    mask = textguard.masker(user)
    return [
        {"id": t.pk, "omschrijving": mask(t.name), "soort": t.kind, "niveau": t.scope,
         "veiligheidsregio": t.safety_region.code if t.safety_region else None,
         "aantal": t.amount, "eenheid": t.unit, "periodeVanaf": t.period_start,
         "periodeTotEnMet": t.period_end, "bron": mask(t.source), "informeel": t.is_informal,
         "illustratief": t.is_illustrative, "versie": t.version,
         "geregistreerdOp": t.registered_at, "corrigeert": t.corrects_id}
        for t in targets
    ]


class TargetList(ApiView):
    @extend_schema(operation_id="opgaven_list", parameters=[s.TargetQuery, *PAGING],
                   responses={200: paged_serializer(s.TargetSerializer), **PROBLEMS},
                   summary=_("Opgaven (landelijk en van uw regio), zoals bekend op een dag"))
    def get(self, request):
        query = _query(request, s.TargetQuery)
        region = _region_or_404(request.user, query.get("veiligheidsregio"))
        targets = targets_selectors.targets_for_user(
            request.user, region=region, known_on=_known_at(query)).order_by(
            "period_start", "kind", "pk")
        return paginate(request, targets,
                        lambda page: s.TargetSerializer(_target_rows(request.user, page),
                                                        many=True).data)


class TargetDetail(ApiView):
    @extend_schema(operation_id="opgaven_retrieve", responses={200: s.TargetSerializer,
                                                               **PROBLEMS})
    def get(self, request, pk: int):
        target = get_object_or_404(targets_selectors.target_versions_for_user(request.user),
                                   pk=pk)
        return Response(s.TargetSerializer(_target_rows(request.user, [target])[0]).data)


def _distribution_row(user, d, *, detail: bool) -> dict:
    mask = textguard.masker(user)
    row = {"id": d.pk, "opgave": d.target_id, "veiligheidsregio": d.safety_region.code,
           "versie": d.version, "status": d.status, "methode": d.method,
           "peildatum": d.reference_date, "vastgesteldOp": d.adopted_at,
           "besluit": mask(d.decision_reference)}
    if detail:
        row.update({
            "toelichting": mask(d.notes), "verdeelsleutel": d.key,
            "afspraken": [
                {"soort": a.kind, "gemeente": a.municipality.code,
                 "naarGemeente": a.to_municipality.code if a.to_municipality else None,
                 "aantal": a.amount, "reden": mask(a.reason)}
                for a in d.agreements.select_related("municipality", "to_municipality")
            ],
            "toewijzingen": [
                {"gemeente": a.municipality.code, "gemeenteNaam": a.municipality.name,
                 "aandeel": a.share, "quotum": a.quota, "eerdereInzet": a.credit,
                 "toegewezen": a.amount, "uitleg": a.explanation}
                for a in d.allocations.select_related("municipality")
            ],
        })
    return row


class DistributionList(ApiView):
    @extend_schema(operation_id="verdelingen_list", parameters=[s.RegionQuery, *PAGING],
                   responses={200: paged_serializer(s.DistributionSerializer), **PROBLEMS},
                   summary=_("Verdelingen van opgaven over de gemeenten (alleen lezen)"))
    def get(self, request):
        query = _query(request, s.RegionQuery)
        region = _region_or_404(request.user, query.get("veiligheidsregio"))
        distributions = targets_selectors.distributions_for_user(
            request.user, region=region).order_by(
            "safety_region__code", "target__period_start", "target_id", "-version")
        return paginate(request, distributions, lambda page: s.DistributionSerializer(
            [_distribution_row(request.user, d, detail=False) for d in page], many=True).data)


class DistributionDetail(ApiView):
    @extend_schema(operation_id="verdelingen_retrieve",
                   responses={200: s.DistributionDetailSerializer, **PROBLEMS},
                   summary=_("Een verdeling met per gemeente de toewijzing en de uitleg"))
    def get(self, request, pk: int):
        distribution = get_object_or_404(
            targets_selectors.distributions_for_user(request.user), pk=pk)
        return Response(s.DistributionDetailSerializer(
            _distribution_row(request.user, distribution, detail=True)).data)


# --- overzicht ---------------------------------------------------------------------------------


def _target_ref(target, mask):
    if target is None:
        return None
    return {"id": target.pk, "omschrijving": mask(target.name), "aantal": target.amount}


class OverviewView(ApiView):
    @extend_schema(operation_id="overzicht_retrieve", parameters=[s.OverviewQuery],
                   responses={200: s.OverviewSerializer, **PROBLEMS},
                   summary=_("Het overzicht ‘Inzage opgaven asielketen’ zoals bekend op een dag"))
    def get(self, request):
        query = _query(request, s.OverviewQuery)
        user = request.user
        region = (_region_or_404(user, query.get("veiligheidsregio"))
                  or default_region_for_user(user))
        if region is None:
            raise exceptions.NotFound(_("U hoort bij geen veiligheidsregio."))
        as_of = query.get("peildatum") or timezone.localdate()
        days = query.get("dagen")
        overview = overview_for_user(
            user, region=region, as_of=as_of,
            stale_after_days=DEFAULT_STALE_AFTER_DAYS if days is None else days)
        rows = overview.rows
        if query.get("gemeente"):
            rows = [row for row in rows if row.municipality.code == query["gemeente"]]
        mask = textguard.masker(user)
        data = {
            "veiligheidsregio": region.code, "peildatum": overview.as_of,
            "halfjaar": str(overview.half_year),
            "peildatumBevolking": overview.population_date,
            "opgaveOfficieel": _target_ref(overview.official_target, mask),
            "opgaveInformeel": _target_ref(overview.informal_target, mask),
            "opgaveCno": _target_ref(overview.cno_target, mask),
            "cnoVanaf": overview.cno_start, "cnoTotEnMet": overview.cno_end,
            "cnoAandeelVastgesteld": overview.cno_share_adopted,
            "weken": [f"{year}-W{week:02d}" for year, week in overview.weeks],
            "regels": [
                {"gemeente": row.municipality.code, "gemeenteNaam": row.municipality.name,
                 "quotum": row.quota, "gehuisvest": row.housed,
                 "overgeheveld": row.carried_over, "saldo1": row.saldo_1,
                 "quotumInformeel": row.quota_informal, "saldo2": row.saldo_2,
                 "cnoPlekwekenPerWeek": row.cno_per_week_rounded,
                 "cnoPlekweken": rounded_place_weeks(row.cno_total),
                 "cnoAandeel": row.cno_share, "azcPlekken": row.azc_places,
                 "plekkenOekraieners": row.ukrainian_places,
                 "laatsteUpdate": row.last_update, "verouderd": row.stale}
                for row in rows
            ],
        }
        return Response(s.OverviewSerializer(data).data)


# --- kandidaten en voorstellen -----------------------------------------------------------------


def _candidate_rows(views, codes: dict[int, str]) -> list[dict]:
    return [
        {"id": v.pk, "nummer": v.number, "gemeente": codes.get(v.municipality_id, ""),
         "gemeenteNaam": v.municipality, "soort": v.kind, "status": v.status,
         "statusCode": v.status_code, "mogelijkePlekken": v.possible_places,
         "vroegsteOpening": v.earliest_opening, "omschrijving": v.label, "naam": v.name,
         "adres": v.address, "eigenaar": v.owner, "notities": v.notes,
         "detailsZichtbaar": v.details_visible, "vrijgegevenVelden": list(v.released_fields)}
        for v in views
    ]


class CandidateList(ApiView):
    @extend_schema(operation_id="kandidaten_list", parameters=[s.RegionQuery, *PAGING],
                   responses={200: paged_serializer(s.CandidateSerializer), **PROBLEMS},
                   summary=_("Kandidaat-locaties van de zoektocht, afgeschermd per rol"))
    def get(self, request):
        query = _query(request, s.RegionQuery)
        region = _region_or_404(request.user, query.get("veiligheidsregio"))
        views = pipeline_selectors.candidate_views_for_user(request.user, region=region)

        def render(page):
            events.confidential_candidate_viewed(request.user, page, "API lijst")
            codes = _municipality_codes(v.municipality_id for v in page)
            return s.CandidateSerializer(_candidate_rows(page, codes), many=True).data

        return paginate(request, views, render)


class CandidateDetail(ApiView):
    @extend_schema(operation_id="kandidaten_retrieve",
                   responses={200: s.CandidateSerializer, **PROBLEMS})
    def get(self, request, pk: int):
        candidate = pipeline_selectors.candidate_for_user(request.user, pk)
        view = pipeline_selectors.candidate_view_for_user(request.user, candidate)
        events.confidential_candidate_viewed(request.user, view, "API detail")
        codes = {candidate.municipality_id: candidate.municipality.code}
        return Response(s.CandidateSerializer(_candidate_rows([view], codes)[0]).data)


def _proposal_rows(user, states) -> list[dict]:
    mask = textguard.masker(user)
    return [
        {"id": p.pk, "veiligheidsregio": p.safety_region.code, "overleg": p.meeting_id,
         "onderwerp": mask(p.title), "inhoud": mask(p.content),
         "ingediendOp": p.submitted_at, "ingediendDoor": mask(p.submitted_by),
         "uiterlijkAntwoord": state.deadline, "antwoord": p.answer,
         "beantwoordOp": p.answered_at, "toelichtingAntwoord": mask(p.answer_note),
         "overTijd": state.overdue, "illustratief": p.is_illustrative}
        for state in states for p in [state.proposal]
    ]


class ProposalList(ApiView):
    @extend_schema(operation_id="voorstellen_list", parameters=[s.RegionQuery, *PAGING],
                   responses={200: paged_serializer(s.ProposalSerializer), **PROBLEMS},
                   summary=_("Voorstellen aan het Rijk en hun GO / NO GO (alleen lezen)"))
    def get(self, request):
        query = _query(request, s.RegionQuery)
        region = _region_or_404(request.user, query.get("veiligheidsregio"))
        states = meetings_selectors.proposal_states(request.user, region=region)
        return paginate(request, states, lambda page: s.ProposalSerializer(
            _proposal_rows(request.user, page), many=True).data)


class ProposalDetail(ApiView):
    @extend_schema(operation_id="voorstellen_retrieve",
                   responses={200: s.ProposalSerializer, **PROBLEMS})
    def get(self, request, pk: int):
        proposal = meetings_selectors.proposal_for_user(request.user, pk)
        state = meetings_selectors.ProposalState(proposal, timezone.now())
        return Response(s.ProposalSerializer(_proposal_rows(request.user, [state])[0]).data)

