import pytest

from opvangregie.accounts.claims import Access, access_from_claims

CLAIMS = {"role_claim": "rol", "region_claim": "regio", "municipalities_claim": "gemeenten"}


def test_an_officer_gets_the_municipalities_named_in_the_claims():
    access = access_from_claims({"rol": "gemeente", "gemeenten": "gm0193, GM0150"}, **CLAIMS)
    assert access == Access(role="officer", region_code="",
                            municipality_codes=("GM0193", "GM0150"))


def test_a_coordinator_needs_exactly_one_region():
    assert access_from_claims({"rol": "regiocoördinator", "regio": ["VR04"]}, **CLAIMS) == Access(
        role="coordinator", region_code="VR04", municipality_codes=())
    assert access_from_claims({"rol": "coordinator"}, **CLAIMS) is None
    assert access_from_claims({"rol": "coordinator", "regio": ["VR04", "VR05"]}, **CLAIMS) is None


def test_unknown_or_missing_roles_grant_nothing():
    assert access_from_claims({"rol": "superuser", "regio": "VR04"}, **CLAIMS) is None
    assert access_from_claims({}, **CLAIMS) is None
    assert access_from_claims({"rol": "gemeente"}, **CLAIMS) is None


def test_several_roles_give_the_one_that_sees_least():
    access = access_from_claims({"rol": ["beheerder", "bestuurder"], "regio": "VR04"}, **CLAIMS)
    assert access.role == "board"


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "opvangregie"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.invalid/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    from opvangregie.accounts.oidc import RegionOIDCBackend

    return RegionOIDCBackend()


OFFICER_CLAIMS = {"preferred_username": "j.jansen", "email": "j.jansen@zwolle.invalid",
                  "opvangregie_rol": "gemeente", "opvangregie_gemeenten": ["GM0193"]}


def test_the_backend_gives_a_new_account_the_role_and_scope_of_the_claims(backend, db, zwolle):
    claims = OFFICER_CLAIMS
    assert backend.verify_claims(claims)
    user = backend.create_user(claims)
    assert user.role == "officer" and list(user.municipalities.all()) == [zwolle]
    assert not user.has_usable_password() and not user.is_staff

    # The provider takes the role away: the next sign-in is refused.
    assert not backend.verify_claims({**claims, "opvangregie_rol": "onbekend"})
    # And a changed role is applied at the next sign-in.
    board = backend.update_user(user, {**claims, "opvangregie_rol": "bestuurder",
                                       "opvangregie_regio": "VR04"})
    assert board.role == "board" and board.safety_region.code == "VR04"
    assert not board.municipalities.exists()


def test_a_sign_in_with_the_same_claims_writes_nothing(backend, db, zwolle):
    """The provider's claims are applied at every sign-in; when they are as before, the
    account is not saved again, so no cached page of anyone is made again."""
    from opvangregie.audit.models import AuditEvent
    from opvangregie.core.cache import figures_revision

    claims = OFFICER_CLAIMS
    user = backend.create_user(claims)
    revision, token = figures_revision(), type(user).objects.get(pk=user.pk).access_revision
    events = AuditEvent.objects.count()

    again = backend.update_user(type(user).objects.get(pk=user.pk), claims)
    assert list(again.municipalities.all()) == [zwolle]
    assert figures_revision() == revision
    assert type(user).objects.get(pk=user.pk).access_revision == token
    assert AuditEvent.objects.count() == events

    backend.update_user(again, {**claims, "email": "jan.jansen@zwolle.invalid"})
    assert type(user).objects.get(pk=user.pk).email == "jan.jansen@zwolle.invalid"
    assert figures_revision() != revision
