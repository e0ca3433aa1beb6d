"""Field mappings of the GDELT, ACLED and PLOVER exports, row by row (no store needed)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.export.acled import COLUMNS as ACLED_COLUMNS
from eventwire.export.acled import acled_row, classify, inter_code
from eventwire.export.gdelt import COLUMNS as GDELT_COLUMNS
from eventwire.export.gdelt import event_number, gdelt_row, goldstein, goldstein_scores, quad_class
from eventwire.export.plover import plover_record


def row(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc_id": "sha256:" + "ab" * 32, "event_id": "E1", "type": "ASSAULT", "mode": None, "cameo": "194",
        "trigger": "shelled", "factuality": "asserted", "source": "Russian forces", "source_country": "RUS",
        "source_sector": "MIL", "target": "civilians", "target_country": "", "target_sector": "CVL",
        "place": "Kharkiv", "place_country": "UKR", "admin1": "07", "geonames_id": 706483,
        "place_precision": "city", "lat": 49.98, "lon": 36.25, "date": "2022-05-02", "date_precision": "day",
        "date_start": "2022-05-02", "date_end": "2022-05-02", "day": "2022-05-02", "claimed_by": None,
        "contested": 0, "confidence": 0.7, "outlet": "a.example", "url": "https://a.example/1",
        "published": "2022-05-04", "title": "Strike", "evidence": "Russian forces shelled Kharkiv, killing 5 people.",
    }
    base.update(kw)
    return base


# --- GDELT ------------------------------------------------------------------------------

def test_gdelt_row_has_every_column_in_order() -> None:
    values = dict(zip(GDELT_COLUMNS, gdelt_row(row()), strict=True))
    assert values["SQLDATE"] == "20220502" and values["MonthYear"] == "202205" and values["Year"] == 2022
    assert values["FractionDate"] == pytest.approx(2022.3315, abs=1e-3)
    assert values["Actor1Code"] == "RUSMIL" and values["Actor1Type1Code"] == "MIL"
    assert values["Actor2Code"] == "CVL" and values["Actor2CountryCode"] == ""
    assert values["EventBaseCode"] == "194" and values["EventRootCode"] == "19" and values["QuadClass"] == 4
    assert values["ActionGeo_ADM1Code"] == "UKR07" and values["ActionGeo_Type"] == 4
    assert values["DATEADDED"] == "20220504000000"
    assert all(values[c] == "" for c in GDELT_COLUMNS if c.startswith(("Actor1Geo", "Actor2Geo")))


@pytest.mark.parametrize(("precision", "country", "expected"), [
    ("country", "UKR", 1), ("region", None, 1), ("admin1", "USA", 2), ("admin1", "UKR", 5),
    ("city", "USA", 3), ("city", "UKR", 4), ("point", "FRA", 4), ("admin2", "USA", 3),
])
def test_gdelt_geo_types(precision: str, country: str | None, expected: int) -> None:
    values = dict(zip(GDELT_COLUMNS, gdelt_row(row(place_precision=precision, place_country=country)), strict=True))
    assert values["ActionGeo_Type"] == expected


def test_gdelt_undated_and_unplaced_events() -> None:
    values = dict(zip(GDELT_COLUMNS, gdelt_row(row(date_start=None, place=None, lat=None, lon=None,
                                                    geonames_id=None, admin1=None)), strict=True))
    assert values["SQLDATE"] == "20220504"  # the publication day, as GDELT does
    assert values["ActionGeo_Type"] == "" and values["ActionGeo_Lat"] == "" and values["ActionGeo_FeatureID"] == ""
    garbled = dict(zip(GDELT_COLUMNS, gdelt_row(row(date_start=None, published=None)), strict=True))
    assert garbled["SQLDATE"] == "" and garbled["Year"] == ""


def test_gdelt_reported_events_are_not_root_and_ids_are_stable() -> None:
    values = dict(zip(GDELT_COLUMNS, gdelt_row(row(factuality="reported")), strict=True))
    assert values["IsRootEvent"] == 0
    assert event_number("d", "E1") == event_number("d", "E1") != event_number("d", "E2")
    assert 0 < event_number("d", "E1") < 2**63


def test_goldstein_table_covers_every_root_code() -> None:
    scores = goldstein_scores()
    assert all(f"{root:02d}" in scores for root in range(1, 21))
    assert all(-10.0 <= v <= 10.0 for v in scores.values())
    assert goldstein("0401") == goldstein("040") == 1.0  # unknown 4-digit codes fall back to the base code
    assert goldstein("99") is None and quad_class(None) is None and quad_class("") is None


# --- ACLED ------------------------------------------------------------------------------

@pytest.mark.parametrize(("kw", "expected"), [
    ({"cameo": "195", "trigger": "airstrike"}, ("Explosions/Remote violence", "Air/drone strike")),
    ({"cameo": "190", "trigger": "drone attack"}, ("Explosions/Remote violence", "Air/drone strike")),
    ({"cameo": "194", "trigger": "shelled"}, ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ({"cameo": "190", "trigger": "rockets"}, ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ({"cameo": "1823", "trigger": "blew"}, ("Explosions/Remote violence", "Suicide bomb")),
    ({"cameo": "183", "trigger": "bombing"}, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ({"cameo": "190", "trigger": "attacked", "target_sector": "CVL"}, ("Violence against civilians", "Attack")),
    ({"cameo": "190", "trigger": "fought", "source_sector": "MIL", "target_sector": "REB"}, ("Battles", "Armed clash")),
    ({"cameo": "190", "trigger": "attacked", "source_sector": "", "target_sector": ""},
     ("Violence against civilians", "Attack")),
    ({"type": "PROTEST", "cameo": "141", "trigger": "marched"}, ("Protests", "Peaceful protest")),
    ({"type": "PROTEST", "cameo": "1451", "trigger": "rioted"}, ("Riots", "Violent demonstration")),
    ({"type": "COERCE", "cameo": "173", "trigger": "arrested"}, ("Strategic developments", "Arrests")),
    ({"type": "COERCE", "cameo": "1711", "trigger": "looted"},
     ("Strategic developments", "Looting/property destruction")),
    ({"type": "COERCE", "cameo": "172", "trigger": "imposed"}, ("Strategic developments", "Other")),
    ({"type": "MOBILIZE", "cameo": "152", "trigger": "deployed"},
     ("Strategic developments", "Change to group/activity")),
    ({"type": "AGREE", "cameo": "057", "trigger": "signed"}, ("Strategic developments", "Agreement")),
    ({"type": "RETREAT", "cameo": "0874", "trigger": "withdrew"},
     ("Strategic developments", "Non-violent transfer of territory")),
])
def test_acled_types(kw: dict[str, Any], expected: tuple[str, str]) -> None:
    kinds = classify(row(**kw))
    assert kinds is not None and kinds[1:] == expected


@pytest.mark.parametrize("kind", ["CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONCEDE",
                                  "COOPERATE", "AID", "SANCTION"])
def test_acled_skips_what_acled_does_not_record(kind: str) -> None:
    assert classify(row(type=kind)) is None and acled_row(row(type=kind)) is None


def test_acled_row_values() -> None:
    values = dict(zip(ACLED_COLUMNS, acled_row(row(), "Ukraine") or [], strict=True))
    assert values["event_date"] == "2022-05-02" and values["year"] == "2022" and values["time_precision"] == 1
    assert values["actor1"] == "Russian forces" and values["inter1"] == 1 and values["inter2"] == 7
    assert values["interaction"] == "17" and values["civilian_targeting"] == "Civilian targeting"
    assert values["country"] == "Ukraine" and values["iso"] == "UKR" and values["geo_precision"] == 1
    assert values["fatalities"] == 5 and values["source"] == "a.example" and values["tags"] == ""
    several = dict(zip(ACLED_COLUMNS, acled_row(row(source="Army; Police", factuality="reported")) or [],
                       strict=True))
    assert several["actor1"] == "Army" and several["assoc_actor_1"] == "Police" and several["tags"] == "reported"
    vague = dict(zip(ACLED_COLUMNS, acled_row(row(date_precision="month", place_precision="admin1",
                                                  evidence="Rebels attacked the base.")) or [], strict=True))
    assert vague["time_precision"] == 3 and vague["geo_precision"] == 3 and vague["fatalities"] == 0


def test_acled_inter_codes() -> None:
    assert inter_code({"MIL"}, "") == 1 and inter_code({"REB"}, "") == 2 and inter_code({"UAF"}, "") == 3
    assert inter_code({"CVL"}, "") == 7 and inter_code(set(), "Protests") == 6 and inter_code(set(), "Riots") == 5
    assert inter_code({"IGO"}, "") == 8 and inter_code(set(), "") == ""


# --- PLOVER -----------------------------------------------------------------------------

def test_plover_record_layout() -> None:
    record = plover_record(row(mode="artillery", claimed_by="officials"))
    assert record["id"].endswith("#E1") and record["event"] == "ASSAULT" and record["mode"] == "artillery"
    assert record["source"] == [{"actorText": "Russian forces", "code": "RUS", "sector": "MIL"}]
    assert record["target"] == [{"actorText": "civilians", "code": "", "sector": "CVL"}]
    assert record["eventLoc"] == {"name": "Kharkiv", "country code": "UA", "lat": 49.98, "long": 36.25,
                                  "geonamesID": 706483, "precision": "city"}
    assert record["claimedBy"] == "officials" and record["text"].startswith("Russian forces")


def test_plover_record_without_place_mode_or_parties() -> None:
    record = plover_record(row(place=None, mode=None, source="", target="", date_start=None))
    assert "eventLoc" not in record and "mode" not in record and "claimedBy" not in record
    assert record["source"] == [] and record["target"] == [] and record["date"] == "2022-05-04"
