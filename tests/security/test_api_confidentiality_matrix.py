"""Every API endpoint × every role, by token: a planted secret appears only where it may.

The world is the web matrix's (`plant_world`: the demo plus secrets in every confidential
field and in free text). The routes are read from the URL configuration, so an endpoint added
later is walked without anyone remembering to add it here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from opvangregie.accounts.models import User
from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.models import CapacityRecord
from opvangregie.targets.models import Distribution, Target
from tests.api.conftest import Api, assert_problem, bearer, loaded_once
from tests.security.test_confidentiality_matrix import (
    ALL_SECRETS,
    CONVERTER,
    SECRET_CANDIDATE,
    SECRET_COMMENT,
    SECRET_LOCATION,
    plant_world,
)

API_PREFIX = "api/v1/"
SKIPPED = ("api/v1/documentatie",)  # an HTML page of the web app (the web matrix walks it)
QUERY = "?paginaGrootte=500&peildatum=2022-08-31"
DEMO_SECRET = "Woonunits Dalfsen"  # the demo's own confidential location in Dalfsen


@pytest.fixture(scope="module")
def _world_module(django_db_setup, django_db_blocker):
    def load():
        world = plant_world()
        return {**world, "accounts": {k: v.pk for k, v in world["accounts"].items()}}

    with loaded_once(django_db_blocker, load) as world:
        yield world


@pytest.fixture
def world(_world_module, db):
    return {**_world_module,
            "accounts": {role: User.objects.get(pk=pk)
                         for role, pk in _world_module["accounts"].items()}}


def _routes():
    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return sorted(route for route in walk(get_resolver().url_patterns)
                  if route.startswith(API_PREFIX) and route not in SKIPPED)


def _ids(world) -> list[int]:
    location = world["location"]
    return sorted(set(world["ids"])
                  | set(Distribution.objects.values_list("pk", flat=True))
                  | set(Target.objects.values_list("pk", flat=True)[:6])
                  | set(CapacityRecord.objects.filter(location=location)
                        .values_list("pk", flat=True)))


def _urls(route: str, ids: list[int], location_id: int):
    converters = CONVERTER.findall(route)
    if not converters:
        return ["/" + route]
    if [kind for kind, _ in converters] == ["str"]:
        return ["/" + CONVERTER.sub(code, route) for code in ("GM0148", "GM0150")]
    if len(converters) == 2:  # a location's record: the secret location with its records
        return ["/" + CONVERTER.sub(str(value), CONVERTER.sub(str(location_id), route, count=1),
                                    count=1) for value in ids]
    return ["/" + CONVERTER.sub(str(value), route) for value in ids]


def walk_gets(api: Api, world) -> dict[str, tuple[int, str]]:
    ids = _ids(world)
    seen = {}
    for route in _routes():
        for url in _urls(route, ids, world["location"].pk):
            response = api.client.get(url + QUERY)
            seen[url] = (response.status_code, response.content.decode())
    return seen


def _leaks(seen, secrets):
    return sorted((url, secret) for url, (_status, text) in seen.items()
                  for secret in secrets if secret in text)


def _api(user, *, session: bool) -> Api:
    if not session:
        return Api(bearer(user))
    api = Api("")
    api.client.credentials()
    api.client.force_login(user)  # a signed-in user may call the API too
    return api


@pytest.mark.parametrize(("role", "session"), [
    ("bestuur", False), ("deventer", False), ("zwolle", False), ("elders", False),
    ("deventer", True),
])
def test_no_confidential_name_reaches_a_token_that_may_not_see_it(world, role, session):
    seen = walk_gets(_api(world["accounts"][role], session=session), world)
    assert _leaks(seen, (*ALL_SECRETS, DEMO_SECRET)) == []
    assert max(status for status, _text in seen.values()) < 500
    if role != "elders":  # another region's officer rightly finds nothing of IJsselland
        assert sum(status == 200 for status, _text in seen.values()) > 15


@pytest.mark.parametrize("role", ["dalfsen", "coordinator"])
def test_the_circle_sees_the_secrets_and_the_view_is_audited(world, role):
    user = world["accounts"][role]
    seen = walk_gets(Api(bearer(user)), world)
    location = world["location"]
    assert SECRET_LOCATION in seen["/api/v1/locaties"][1]
    assert SECRET_LOCATION in seen[f"/api/v1/locaties/{location.pk}"][1]
    assert SECRET_COMMENT in seen[f"/api/v1/locaties/{location.pk}/capaciteit"][1]
    assert SECRET_CANDIDATE in seen[f"/api/v1/kandidaten/{world['secret'].pk}"][1]
    assert DEMO_SECRET in seen["/api/v1/locaties"][1]
    # Every endpoint answered at least once with its data.
    answered = {route for route in _routes() if any(
        status == 200 for url, (status, _text) in seen.items()
        if url in _urls(route, _ids(world), location.pk))}
    assert answered == set(_routes()) - {
        "api/v1/locaties/<int:pk>/capaciteit/<int:registratie>/correcties"}  # POST only
    viewed = AuditEvent.objects.filter(actor=user, action="view")
    assert viewed.filter(object_type="capacity.location", object_id=str(location.pk)).exists()
    assert viewed.filter(object_type="pipeline.candidatelocation",
                         object_id=str(world["secret"].pk)).exists()


@pytest.mark.parametrize("role", ["deventer", "bestuur", "zwolle"])
def test_pushing_for_a_location_of_another_municipality_is_refused(world, role):
    location = world["location"]
    record = CapacityRecord.objects.filter(location=location).first()
    api = Api(bearer(world["accounts"][role]))
    before = CapacityRecord.objects.count()
    new = api.post(f"/api/v1/locaties/{location.pk}/capaciteit",
                   {"geldigVanaf": "2022-10-01", "plekken": 10})
    corrected = api.post(f"/api/v1/locaties/{location.pk}/capaciteit/{record.pk}/correcties",
                         {"plekken": 10, "toelichting": "x"})
    for response in (new, corrected):
        assert_problem(response, 403)
        assert not _leaks({"": (403, response.content.decode())}, ALL_SECRETS)
    assert CapacityRecord.objects.count() == before


def test_another_regions_officer_does_not_learn_a_location_exists(world):
    location = world["location"]
    api = Api(bearer(world["accounts"]["elders"]))
    assert_problem(api.post(f"/api/v1/locaties/{location.pk}/capaciteit",
                            {"geldigVanaf": "2022-10-01", "plekken": 10}), 404)
