"""The label sets: ACLED sub-event types with their event type, PLOVER and CAMEO codes."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ACLED", "DISORDER", "PLOVER_ONLY", "Code", "code_for"]


@dataclass(frozen=True)
class Code:
    """What one kind of event is in each taxonomy."""

    event_type: str | None
    sub_event_type: str | None
    plover_event: str
    plover_mode: str | None
    cameo_root: str

    @property
    def label(self) -> str:
        """Return the label used in training data and benchmarks (sub-event or PLOVER)."""
        return self.sub_event_type or f"PLOVER:{self.plover_event}"


DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

_B, _E, _V = "Battles", "Explosions/Remote violence", "Violence against civilians"
_P, _R, _S = "Protests", "Riots", "Strategic developments"

#: The 25 ACLED sub-event types (exact ACLED strings), with PLOVER event/mode and CAMEO root.
ACLED: dict[str, Code] = {
    "Armed clash": Code(_B, "Armed clash", "ASSAULT", "firearms", "19"),
    "Government regains territory": Code(
        _B, "Government regains territory", "ASSAULT", "firearms", "19"
    ),
    "Non-state actor overtakes territory": Code(
        _B, "Non-state actor overtakes territory", "ASSAULT", "firearms", "19"
    ),
    "Chemical weapon": Code(_E, "Chemical weapon", "ASSAULT", "unconventional", "20"),
    "Air/drone strike": Code(_E, "Air/drone strike", "ASSAULT", "aerial", "19"),
    "Suicide bomb": Code(_E, "Suicide bomb", "ASSAULT", "suicide-attack", "18"),
    "Shelling/artillery/missile attack": Code(
        _E, "Shelling/artillery/missile attack", "ASSAULT", "heavy-weapons", "19"
    ),
    "Remote explosive/landmine/IED": Code(
        _E, "Remote explosive/landmine/IED", "ASSAULT", "explosives", "18"
    ),
    "Grenade": Code(_E, "Grenade", "ASSAULT", "explosives", "18"),
    "Sexual violence": Code(_V, "Sexual violence", "ASSAULT", "sexual", "18"),
    "Attack": Code(_V, "Attack", "ASSAULT", "firearms", "18"),
    "Abduction/forced disappearance": Code(
        _V, "Abduction/forced disappearance", "ASSAULT", "abduct", "18"
    ),
    "Peaceful protest": Code(_P, "Peaceful protest", "PROTEST", "demo", "14"),
    "Protest with intervention": Code(_P, "Protest with intervention", "PROTEST", "demo", "14"),
    "Excessive force against protesters": Code(
        _P, "Excessive force against protesters", "ASSAULT", "firearms", "18"
    ),
    "Violent demonstration": Code(_R, "Violent demonstration", "PROTEST", "riot", "14"),
    "Mob violence": Code(_R, "Mob violence", "ASSAULT", "primitive", "18"),
    "Agreement": Code(_S, "Agreement", "AGREE", None, "03"),
    "Arrests": Code(_S, "Arrests", "COERCE", "arrest", "17"),
    "Change to group/activity": Code(_S, "Change to group/activity", "MOBILIZE", "militia", "15"),
    "Disrupted weapons use": Code(_S, "Disrupted weapons use", "COERCE", "seize", "17"),
    "Headquarters or base established": Code(
        _S, "Headquarters or base established", "MOBILIZE", "militia", "15"
    ),
    "Looting/property destruction": Code(
        _S, "Looting/property destruction", "ASSAULT", "destroy", "18"
    ),
    "Non-violent transfer of territory": Code(
        _S, "Non-violent transfer of territory", "RETREAT", "withdraw", "08"
    ),
    "Other": Code(_S, "Other", "COERCE", None, "17"),
}

#: Political events ACLED does not code: PLOVER and CAMEO only.
PLOVER_ONLY: dict[str, Code] = {
    "CONSULT": Code(None, None, "CONSULT", None, "04"),
    "AGREE": Code(None, None, "AGREE", None, "03"),
    "SUPPORT": Code(None, None, "SUPPORT", None, "05"),
    "CONCEDE": Code(None, None, "CONCEDE", None, "08"),
    "COOPERATE": Code(None, None, "COOPERATE", None, "06"),
    "AID": Code(None, None, "AID", None, "07"),
    "RETREAT": Code(None, None, "RETREAT", None, "08"),
    "REQUEST": Code(None, None, "REQUEST", None, "10"),
    "ACCUSE": Code(None, None, "ACCUSE", "disapprove", "11"),
    "REJECT": Code(None, None, "REJECT", None, "12"),
    "THREATEN": Code(None, None, "THREATEN", None, "13"),
    "SANCTION": Code(None, None, "SANCTION", None, "16"),
    "MOBILIZE": Code(None, None, "MOBILIZE", None, "15"),
    "COERCE": Code(None, None, "COERCE", None, "17"),
    # A government's formal protest (summoning an ambassador): PLOVER PROTEST, CAMEO 14.
    "PROTEST": Code(None, None, "PROTEST", None, "14"),
}


def code_for(label: str) -> Code:
    """Return the Code for a sub-event type or a "PLOVER:X" label."""
    if label.startswith("PLOVER:"):
        return PLOVER_ONLY[label.split(":", 1)[1]]
    return ACLED[label]
