import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from pytest_django.plugin import blocking_manager_key

from opvangregie.regions.models import Municipality, SafetyRegion
from opvangregie.regions.services import reference_data_load
from tests.factories import UserFactory

# No test asserts a time (the machines are shared and noisy): Hypothesis' per-example deadline
# and its "input generation is slow" check are off for every property test.
settings.register_profile("no-timing", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("no-timing")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shipped CBS reference data, loaded once per test database."""
    with django_db_blocker.unblock():
        reference_data_load()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying the database; put the reference data back.

    Done after every fixture is torn down: with `django_db(transaction=True)` the flush is the
    teardown of pytest-django's own autouse fixture, which runs after any fixture of ours.
    """
    yield
    marker = item.get_closest_marker("django_db")
    if nextitem is None:
        return  # the last test: the test database itself is gone by now
    if ({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
            or (marker is not None and marker.kwargs.get("transaction"))):
        with item.config.stash[blocking_manager_key].unblock():
            reference_data_load()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back, the cache is not."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("OPVANGREGIE_DEMO_PASSWORD", raising=False)


@pytest.fixture
def ijsselland(db) -> SafetyRegion:
    return SafetyRegion.objects.get(code="VR04")


@pytest.fixture
def zwolle(db) -> Municipality:
    return Municipality.objects.get(code="GM0193")


@pytest.fixture
def deventer(db) -> Municipality:
    return Municipality.objects.get(code="GM0150")


@pytest.fixture
def coordinator(ijsselland):
    return UserFactory(role="coordinator", safety_region=ijsselland)


@pytest.fixture
def zwolle_officer(zwolle):
    return UserFactory(role="officer", municipalities=[zwolle])


@pytest.fixture
def deventer_officer(deventer):
    return UserFactory(role="officer", municipalities=[deventer])


@pytest.fixture
def board_member(ijsselland):
    return UserFactory(role="board", safety_region=ijsselland)


@pytest.fixture
def administrator(db):
    return UserFactory(role="administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def amsterdam_officer(db):
    return UserFactory(role="officer", municipalities=[Municipality.objects.get(code="GM0363")])
