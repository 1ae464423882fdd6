"""What counts as right when our event is scored against a UCDP GED coding."""

from __future__ import annotations

from sitreps.extract.ged_fields import actor_matches, admin_key, country_key


def test_ged_names_and_ours_meet() -> None:
    # GED's "Government of X" side is any of X's forces or its government, by our names
    assert actor_matches("Military Forces of Syria (2000-2024)", "Government of Syria", "Syria")
    assert actor_matches("Islamic State (Syria)", "IS", "Syria")
    assert actor_matches("Civilians (Nigeria)", "Civilians", "Nigeria")
    assert not actor_matches("Civilians (Niger)", "Civilians", "Nigeria")
    assert admin_key("Deir ez-Zor Governorate") == admin_key("Deir ez Zor")
    assert country_key("DR Congo (Zaire)") == "democratic republic of congo"
