import os
from contextlib import contextmanager

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from opvangregie.accounts.models import User
from opvangregie.api.services import api_token_create
from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load


def bearer(user, **kwargs) -> str:
    return api_token_create(actor=None, user=user, **kwargs).plain


class Api:
    """A client that sends a user's token, as a municipal or COA system would."""

    def __init__(self, token: str):
        self.client = APIClient()
        self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    def get(self, url, **params):
        return self.client.get(url, params or None)

    def post(self, url, body, **kwargs):
        return self.client.post(url, body, format="json", **kwargs)


@contextmanager
def loaded_once(django_db_blocker, load):
    """Data loaded once for a module, in a transaction rolled back after its last test.

    Each test still runs in its own savepoint inside it (pytest-django's `db`), so tests do
    not see each other's writes; loading the demo for every test would take most of the run.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        previous = os.environ.get("OPVANGREGIE_DEMO_PASSWORD")
        os.environ["OPVANGREGIE_DEMO_PASSWORD"] = "api-demo-wachtwoord"
        try:
            yield load()
        finally:
            if previous is None:
                os.environ.pop("OPVANGREGIE_DEMO_PASSWORD", None)
            else:
                os.environ["OPVANGREGIE_DEMO_PASSWORD"] = previous
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _demo_load():
    scenario_load()
    demo_accounts_ensure()


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
    with loaded_once(django_db_blocker, _demo_load):
        yield


@pytest.fixture
def demo(_demo_module, db):
    return {name: User.objects.get(username=name)
            for name in ("zwolle", "deventer", "dalfsen", "coordinator", "bestuur", "beheer")}


@pytest.fixture
def api_as(demo):
    def make(username: str) -> Api:
        return Api(bearer(demo[username]))
    return make


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"]
    return body
