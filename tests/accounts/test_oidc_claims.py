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
