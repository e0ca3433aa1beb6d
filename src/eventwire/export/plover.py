"""PLOVER JSON records from eventwire event rows.

The layout is the one of the PLOVER gold-standard records (``PLOVER_GSR_CAMEO``): ``id``,
``date``, ``source`` and ``target`` as lists of ``{actorText, code, sector}``, ``event``,
``mode``, ``eventText`` (the trigger), ``eventLoc`` (``name``, ``country code`` as ISO2, plus
``lat``/``long``/``geonamesID``/``precision``), ``text`` (the sentence) and ``language``.
eventwire adds ``cameo``, ``factuality``, ``claimedBy``, ``url`` and ``documentId`` so a record
can be traced back to its evidence.
"""

from __future__ import annotations

from typing import Any

from eventwire.resolve.kb import iso2_codes


def _parties(names: str | None, country_codes: str | None, sectors: str | None) -> list[dict[str, str]]:
    names_list = [n for n in (names or "").split("; ") if n]
    code = (country_codes or "").split(";")[0]
    sector = (sectors or "").split(";")[0]
    out = []
    for n in names_list:
        party = {"actorText": n, "code": code}
        if sector:
            party["sector"] = sector
        out.append(party)
    return out


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"{row['doc_id']}#{row['event_id']}",
        "date": row.get("date_start") or (row.get("published") or "")[:10] or None,
        "source": _parties(row.get("source"), row.get("source_country"), row.get("source_sector")),
        "target": _parties(row.get("target"), row.get("target_country"), row.get("target_sector")),
        "event": row["type"],
        "eventText": row.get("trigger"),
        "text": row.get("evidence"),
        "language": "en",
        "cameo": row.get("cameo"),
        "factuality": row.get("factuality"),
        "documentId": row["doc_id"],
        "url": row.get("url"),
    }
    if row.get("mode"):
        record["mode"] = row["mode"]
    if row.get("claimed_by"):
        record["claimedBy"] = row["claimed_by"]
    if row.get("place"):
        loc: dict[str, Any] = {"name": row["place"]}
        iso2 = iso2_codes().get(row.get("place_country") or "")
        if iso2:
            loc["country code"] = iso2
        for key, column in (("lat", "lat"), ("long", "lon"), ("geonamesID", "geonames_id"),
                            ("precision", "place_precision")):
            if row.get(column) is not None:
                loc[key] = row[column]
        record["eventLoc"] = loc
    return record
