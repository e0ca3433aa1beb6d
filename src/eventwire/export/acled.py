"""ACLED-style rows from eventwire event rows.

ACLED records political violence, demonstrations and strategic developments, not statements,
so only events of the PLOVER types that map to an ACLED event type are exported:

=========  ==============================================================================
PLOVER     ACLED event_type / sub_event_type
=========  ==============================================================================
ASSAULT    aerial mode or air/drone words → Explosions/Remote violence / Air/drone strike;
           shelling (CAMEO 194 or "shell") → Explosions/Remote violence /
           Shelling/artillery/missile attack; suicide bombing (1822, 1823, 183x) →
           Explosions/Remote violence / Suicide bomb; other bombing (183, 1831–1833) →
           Remote explosive/landmine/IED; a civilian target → Violence against civilians /
           Attack; an armed source and an armed target → Battles / Armed clash; otherwise
           Violence against civilians / Attack
PROTEST    CAMEO 145 (violent protest, riot) → Riots / Violent demonstration; otherwise
           Protests / Peaceful protest
COERCE     arrests (CAMEO 173) → Strategic developments / Arrests; property destruction
           (1711) → Strategic developments / Looting/property destruction; other
           coercion → Strategic developments / Other
MOBILIZE   Strategic developments / Change to group/activity
AGREE      Strategic developments / Agreement
RETREAT    Strategic developments / Non-violent transfer of territory
=========  ==============================================================================

``inter1``/``inter2`` come from the actors' sectors (1 state forces, 2 rebels, 3 political
militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other). ``geo_precision``: 1 a town,
2 a district, 3 a province, country or region. ``time_precision``: 1 a day, 2 a week, 3 a
month or vaguer. ``fatalities`` is the casualty figure in the event's sentence when it reports
deaths, else 0 as ACLED does. ``notes`` holds the event's sentence, ``source`` the outlet,
``tags`` the factuality when the outlet does not assert the event itself. ``admin1`` is the
GeoNames first-level code (``05``), not its name; ``iso`` is ISO3 (ACLED uses ISO numeric).
"""

from __future__ import annotations

from typing import Any

from eventwire.extract.contradictions import casualty_count

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
]

ARMED = {"GOV", "MIL", "COP", "SPY", "REB", "INS", "SEP", "UAF"}
INTER = [({"MIL", "COP", "GOV", "SPY"}, 1), ({"REB", "INS", "SEP"}, 2), ({"UAF"}, 3), ({"CVL", "LAB", "EDU", "MED"}, 7)]


def _sectors(value: str | None) -> set[str]:
    return {s for s in (value or "").split(";") if s}


def inter_code(sectors: set[str], event_type: str) -> int | str:
    for group, code in INTER:
        if sectors & group:
            return code
    if event_type == "Protests":
        return 6
    if event_type == "Riots":
        return 5
    return 8 if sectors else ""


def classify(row: dict[str, Any]) -> tuple[str, str, str] | None:
    """(disorder_type, event_type, sub_event_type), or None for a type ACLED does not record."""
    kind, cameo = row.get("type"), row.get("cameo") or ""
    trigger = (row.get("trigger") or "").lower()
    mode = (row.get("mode") or "").lower()
    source, target = _sectors(row.get("source_sector")), _sectors(row.get("target_sector"))
    if kind == "ASSAULT":
        if "aerial" in mode or "air" in trigger or "drone" in trigger:
            return "Political violence", "Explosions/Remote violence", "Air/drone strike"
        if cameo == "194" or "shell" in trigger or "rocket" in trigger or "missile" in trigger:
            return "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if cameo in ("1822", "1823") or "suicide" in trigger:
            return "Political violence", "Explosions/Remote violence", "Suicide bomb"
        if cameo.startswith("183") or "explo" in trigger or "bomb" in trigger:
            return "Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"
        if "CVL" in target:
            return "Political violence", "Violence against civilians", "Attack"
        if source & ARMED and target & ARMED:
            return "Political violence", "Battles", "Armed clash"
        return "Political violence", "Violence against civilians", "Attack"
    if kind == "PROTEST":
        if cameo.startswith("145"):
            return "Political violence; Demonstrations", "Riots", "Violent demonstration"
        return "Demonstrations", "Protests", "Peaceful protest"
    if kind == "COERCE":
        if cameo.startswith("173"):
            return "Strategic developments", "Strategic developments", "Arrests"
        if cameo.startswith("1711"):
            return "Strategic developments", "Strategic developments", "Looting/property destruction"
        return "Strategic developments", "Strategic developments", "Other"
    if kind == "MOBILIZE":
        return "Strategic developments", "Strategic developments", "Change to group/activity"
    if kind == "AGREE":
        return "Strategic developments", "Strategic developments", "Agreement"
    if kind == "RETREAT":
        return "Strategic developments", "Strategic developments", "Non-violent transfer of territory"
    return None


GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}
TIME_PRECISION = {"second": 1, "minute": 1, "hour": 1, "day": 1, "week": 2}


def acled_row(row: dict[str, Any], country_name: str | None = None) -> list[Any] | None:
    """One ACLED-style row, or None when the event's type is not one ACLED records."""
    kinds = classify(row)
    if kinds is None:
        return None
    disorder, event_type, sub = kinds
    day = row.get("date_start") or (row.get("published") or "")[:10]
    source, target = _sectors(row.get("source_sector")), _sectors(row.get("target_sector"))
    inter1, inter2 = inter_code(source, event_type), inter_code(target, "")
    sentence = row.get("evidence") or ""
    dead = casualty_count(sentence) if any(w in sentence.lower() for w in ("kill", "dead", "died", "death")) else None
    return [
        f"{row['doc_id'][7:19]}-{row['event_id']}", day, day[:4],
        TIME_PRECISION.get(row.get("date_precision") or "", 3),
        disorder, event_type, sub,
        (row.get("source") or "").split("; ")[0], "; ".join((row.get("source") or "").split("; ")[1:]), inter1,
        (row.get("target") or "").split("; ")[0], "; ".join((row.get("target") or "").split("; ")[1:]), inter2,
        f"{inter1}{inter2}" if inter1 != "" and inter2 != "" else "",
        "Civilian targeting" if "CVL" in target else "",
        row.get("place_country") or "", "", country_name or row.get("place_country") or "",
        row.get("admin1") or "", "", "", row.get("place") or "",
        row.get("lat") if row.get("lat") is not None else "", row.get("lon") if row.get("lon") is not None else "",
        GEO_PRECISION.get(row.get("place_precision") or "", 3), row.get("outlet") or "", "", sentence,
        dead[0] if dead else 0, row.get("factuality") if row.get("factuality") != "asserted" else "",
        "",
    ]
