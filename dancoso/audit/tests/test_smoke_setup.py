from dancoso.audit.queries import verify_chain
from dancoso.audit.services import record


def test_record_and_verify(world, commune_officer):
    record(
        "places.rename_village",
        actor=commune_officer,
        obj=world.village,
        summary={"name": "x"},
        commune_code=world.commune.code,
    )
    record(
        "places.rename_village",
        actor=commune_officer,
        obj=world.village,
        summary={"name": "y"},
        commune_code=world.commune.code,
    )
    count, problem = verify_chain("commune:6193")
    assert count == 2 and problem is None
