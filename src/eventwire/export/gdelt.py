"""GDELT 2.0 event table rows from eventwire event rows.

Field mapping (GDELT 2.0 Event Codebook column → eventwire):

* ``GLOBALEVENTID``: a stable 63-bit integer from the document id and event id.
* ``SQLDATE``, ``MonthYear``, ``Year``, ``FractionDate``: the event's first day (or, for an
  event whose text gives no date, the publication day, as GDELT does).
* ``Actor1*`` / ``Actor2*``: source / target. ``Code`` is country + sector (``SDNREB``),
  ``Name`` the actor's name, ``CountryCode`` ISO3 (GDELT uses CAMEO country codes, which are ISO3
  for almost every country), ``Type1Code`` to ``Type3Code`` the first three sectors.
  ``KnownGroupCode``, ``EthnicCode`` and religion codes are empty: eventwire does not code them.
* ``IsRootEvent``: 1 for an event asserted by the outlet itself, 0 for reported, denied,
  hypothetical and other factualities.
* ``EventCode``, ``EventBaseCode``, ``EventRootCode``: the CAMEO code and its 3- and 2-digit
  prefixes; ``QuadClass``: 1 verbal cooperation (01–05), 2 material cooperation (06–09),
  3 verbal conflict (10–14), 4 material conflict (15–20).
* ``GoldsteinScale``: from the CAMEO code (Goldstein 1992 weights as published by GDELT).
* ``NumMentions``, ``NumSources``, ``NumArticles``: 1 (one mention in one article; incidents
  hold the cross-document counts); ``AvgTone``: empty (not computed).
* ``ActionGeo_*``: the event's resolved place. ``Type``: 1 country, 2 US state, 3 US city,
  4 world city, 5 world state (first-level division). ``CountryCode`` ISO3 (GDELT uses FIPS
  10-4). ``ADM1Code`` the GeoNames admin1 code prefixed by ISO3. ``FeatureID`` the GeoNames id.
  ``Actor1Geo_*`` / ``Actor2Geo_*`` are empty: eventwire locates events, not actors.
* ``DATEADDED``: the ingest day as YYYYMMDD000000 is not kept per event, so the publication
  day is used. ``SOURCEURL``: the document's URL.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
"""The 61 columns of the GDELT 2.0 event table, in GDELT's order."""


@cache
def goldstein_scores() -> dict[str, float]:
    data = json.loads(resources.files("eventwire.kb").joinpath("goldstein.json").read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["scores"].items()}


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein weight of a CAMEO code, falling back to its base and root codes."""
    if not cameo:
        return None
    scores = goldstein_scores()
    for code in (cameo, cameo[:3], cameo[:2]):
        if code in scores:
            return scores[code]
    return None


def quad_class(cameo: str | None) -> int | None:
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def event_number(doc_id: str, event_id: str) -> int:
    return int(hashlib.sha1(f"{doc_id}#{event_id}".encode()).hexdigest()[:15], 16)


def _geo_type(row: dict[str, Any]) -> int | str:
    precision, country = row.get("place_precision"), row.get("place_country")
    if not row.get("place"):
        return ""
    if precision in ("country", "region"):
        return 1
    if precision == "admin1":
        return 2 if country == "USA" else 5
    return 3 if country == "USA" else 4


def _first(value: str | None) -> str:
    return (value or "").split(";")[0].strip()


def _actor(names: str | None, countries: str | None, sectors: str | None) -> list[Any]:
    country = _first(countries)
    sector_list = [s for s in (sectors or "").split(";") if s][:3]
    code = country + (sector_list[0] if sector_list else "") if (country or sector_list) else ""
    return [code, _first(names), country, "", "", "", "", *[*sector_list, "", "", ""][:3]]


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """One GDELT 2.0 event table row for one eventwire event row."""
    day_text = row.get("date_start") or (row.get("published") or "")[:10]
    sqldate: str = ""
    month: str = ""
    year: int | str = ""
    fraction: float | str = ""
    try:
        day = date.fromisoformat(day_text)
        sqldate, month, year = day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year
        fraction = round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4)
    except ValueError:
        pass
    cameo = row.get("cameo") or ""
    published = (row.get("published") or "")[:10].replace("-", "")
    admin1 = f"{row['place_country']}{row['admin1']}" if row.get("admin1") and row.get("place_country") else ""
    return [
        event_number(row["doc_id"], row["event_id"]), sqldate, month, year, fraction,
        *_actor(row.get("source"), row.get("source_country"), row.get("source_sector")),
        *_actor(row.get("target"), row.get("target_country"), row.get("target_sector")),
        int(row.get("factuality") == "asserted"), cameo, cameo[:3], cameo[:2], quad_class(cameo) or "",
        goldstein(cameo) if goldstein(cameo) is not None else "", 1, 1, 1, "",
        *[""] * 8, *[""] * 8,
        _geo_type(row), row.get("place") or "", row.get("place_country") or "", admin1, "",
        row.get("lat") if row.get("lat") is not None else "", row.get("lon") if row.get("lon") is not None else "",
        row.get("geonames_id") or "",
        (published + "000000") if published else "", row.get("url") or "",
    ]
