"""Loaders for the knowledge files packaged in ``eventwire/kb`` (each loaded once per process).

See ``kb/README.md`` for where each file comes from and under which licence.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any


def _load_json(name: str) -> Any:
    return json.loads(resources.files("eventwire.kb").joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class CountryIndex:
    """Country names, demonyms and capitals, all keyed by lower-case surface form."""

    by_name: dict[str, str]
    by_demonym: dict[str, str]
    by_capital: dict[str, str]
    names: dict[str, str]
    """ISO3 -> the country's English short name."""
    demonym_words: frozenset[str] = frozenset()
    """The keys of ``by_demonym``, for looking a document's words up all at once."""

    def demonym(self, word: str) -> str | None:
        """ISO3 for a demonym, singular or plural ("Algerian", "Algerians")."""
        key = word.lower()
        found = self.by_demonym.get(key)
        if found is None and key.endswith("s") and len(key) > 4:
            found = self.by_demonym.get(key[:-1])
        return found

    def lookup(self, text: str) -> str | None:
        """ISO3 for a country name or demonym; a plural demonym ("Algerians") counts too."""
        key = text.strip().lower().removeprefix("the ")
        found = self.by_name.get(key) or self.by_demonym.get(key)
        if found is None and key.endswith("s") and len(key) > 4:
            found = self.by_demonym.get(key[:-1])
        return found


@cache
def iso2_codes() -> dict[str, str]:
    """ISO3 -> ISO2 (PLOVER and GeoNames use two-letter country codes)."""
    return {c["iso3"]: c["iso2"] for c in _load_json("countries.json") if c.get("iso2")}


@cache
def iso3_codes() -> dict[str, str]:
    """ISO2 -> ISO3 (a national web domain, "ca", names its country by the two-letter code)."""
    return {iso2: iso3 for iso3, iso2 in iso2_codes().items()}


@cache
def countries() -> CountryIndex:
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    by_capital: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in _load_json("countries.json"):
        iso3 = c["iso3"]
        names[iso3] = c["name"]
        for n in c["names"]:
            by_name.setdefault(n.lower(), iso3)
        for n in c["demonyms"]:
            by_demonym.setdefault(n.lower(), iso3)
        for n in c["capitals"]:
            by_capital.setdefault(n.lower(), iso3)
    return CountryIndex(by_name, by_demonym, by_capital, names, frozenset(by_demonym))


@cache
@cache
def agents() -> dict[str, tuple[str, ...]]:
    """Role word or phrase -> sector codes (Phoenix agents dictionary plus curation)."""
    return {k: tuple(v) for k, v in _load_json("agents.json").items()}


@dataclass(frozen=True, slots=True)
class Triggers:
    verbs: dict[str, str]
    nouns: dict[str, str]
    plover: dict[str, tuple[str, str | None]]
    objects: dict[str, dict[str, str]] = field(default_factory=dict)
    """Verb -> {object noun or "modifier noun" -> CAMEO code}: "lift" + "curfew" -> 0813."""

    def object_code(self, verb: str, obj: str, modifier: str | None = None) -> str | None:
        """The code the dictionary gives ``verb`` acting on ``obj`` (a compound first), if any."""
        table = self.objects.get(verb)
        if not table:
            return None
        if modifier and f"{modifier} {obj}" in table:
            return table[f"{modifier} {obj}"]
        return table.get(obj)

    def type_of(self, cameo: str) -> tuple[str, str | None] | None:
        """PLOVER (type, mode) of a CAMEO code, falling back to its parent codes."""
        code = cameo
        while code:
            hit = self.plover.get(code)
            if hit:
                return hit
            code = code[:-1] if len(code) > 3 else ""
        return None


@cache
def triggers() -> Triggers:
    raw = _load_json("triggers.json")
    plover = {k: (v[0], v[1]) for k, v in _load_json("cameo_plover.json").items()}
    return Triggers(verbs=raw["verbs"], nouns=raw["nouns"], plover=plover, objects=raw.get("objects", {}))


IGO_NAMES: dict[str, str] = {
    "un": "United Nations", "united nations": "United Nations", "unsmil": "UNSMIL",
    "eu": "European Union", "european union": "European Union", "nato": "NATO",
    "au": "African Union", "african union": "African Union", "arab league": "Arab League",
    "osce": "OSCE", "icc": "International Criminal Court", "imf": "IMF",
    "world bank": "World Bank", "who": "World Health Organization", "unhcr": "UNHCR",
    "unicef": "UNICEF", "security council": "UN Security Council", "asean": "ASEAN",
    "ecowas": "ECOWAS", "iaea": "IAEA", "opec": "OPEC", "wfp": "World Food Programme",
    "ocha": "OCHA", "unrwa": "UNRWA", "red cross": "Red Cross", "icrc": "ICRC",
    "european community": "European Community", "apec": "APEC",
    "asia-pacific economic cooperation": "APEC", "oau": "Organization of African Unity",
    "organization of african unity": "Organization of African Unity",
}
"""Intergovernmental organisations: actors with no country and sector IGO."""

SEATS_OF_POWER: dict[str, tuple[str, str]] = {
    "kremlin": ("RUS", "GOV"), "the kremlin": ("RUS", "GOV"), "white house": ("USA", "GOV"),
    "pentagon": ("USA", "MIL"), "state department": ("USA", "GOV"), "downing street": ("GBR", "GOV"),
    "foreign office": ("GBR", "GOV"), "elysee": ("FRA", "GOV"), "élysée": ("FRA", "GOV"),
    "zhongnanhai": ("CHN", "GOV"), "quai d'orsay": ("FRA", "GOV"), "knesset": ("ISR", "LEG"),
    "bundestag": ("DEU", "LEG"), "duma": ("RUS", "LEG"), "state duma": ("RUS", "LEG"),
}
"""Buildings and bodies that stand for a government in news ("the Kremlin said"): country, sector."""

MEDIA_NAMES: frozenset[str] = frozenset({
    "al jazeera", "reuters", "associated press", "ap", "afp", "agence france-presse", "bbc",
    "cnn", "tass", "ria novosti", "ria", "sputnik", "anadolu", "anadolu agency", "xinhua",
    "voa", "voice of america", "interfax", "al arabiya", "france 24", "bloomberg",
    "the new york times", "new york times", "the washington post", "washington post",
    "the guardian", "sky news", "rt", "dpa", "efe", "kyodo", "yonhap", "sana", "irna",
    "al-monitor", "the wall street journal", "wall street journal", "fox news", "nbc", "abc",
    "cbs", "npr", "politico", "axios", "haaretz", "times of israel", "al mayadeen",
})
"""News outlets and agencies: actors with sector MED."""


@dataclass(frozen=True, slots=True)
class NamedActors:
    """People and institutions of the Phoenix country dictionary, with dated codes: "Boris
    Yeltsin" is RUS ELI before July 1991 and RUS GOV until 1999."""

    codes: dict[str, list[list[str | None]]]
    by_surname: dict[str, list[str]] = field(default_factory=dict)
    """Names of two words or more by their last word, for :meth:`lookup_person`."""

    def lookup(self, name: str, on: str | None) -> tuple[str | None, tuple[str, ...]] | None:
        """(ISO3 country or None, sectors) of a named actor on a date (ISO, or None for today's
        role). IGOs, NGOs and groups of no one country have no country ("Amnesty International":
        None, NGO HRI; "NATO": None, IGO).

        A dated code whose interval holds the date wins; without a date, the open-ended
        current role; else the undated default; else the last code listed."""
        rows = self.codes.get(name.lower().replace("’", "'"))
        if not rows:
            return None
        day = on[:10] if on else None
        chosen = None
        if day:
            chosen = next((r for r in rows if (r[1] or r[2]) and (r[1] or "0000") <= day < (r[2] or "9999")), None)
        else:
            chosen = next((r for r in rows if r[1] and not r[2]), None)
        chosen = chosen or next((r for r in rows if not r[1] and not r[2]), None) or rows[-1]
        code = str(chosen[0])
        country = None if code.startswith("---") else code[:3]
        return country, tuple(code[i:i + 3] for i in range(3, len(code), 3))

    def lookup_person(self, name: str, on: str | None) -> tuple[str | None, tuple[str, ...]] | None:
        """A person the dictionary lists under a fuller name: "Mugabe" is "Robert Mugabe",
        "Carlos Menem" is "Carlos Saul Menem". The surname decides, with the first name when the
        text gives one; only when nine in ten listed holders of the name share one country (so
        "Smith" or "Ali" decides nothing, while "Bush" is American), and a surname of under five
        letters needs five such holders, because short ones ("Kim", "Lee", "Wang") are shared
        across countries the dictionary does not cover. Sectors are kept only when the holders
        of that country agree on them."""
        words = _name_words(name)
        if not words:
            return None
        holders = self.by_surname.get(words[-1], [])
        if len(words) > 1:
            holders = [h for h in holders if words[0] in _name_words(h)[:-1]]
        found = [f for f in (self.lookup(h, on) for h in holders) if f is not None]
        votes = Counter(f[0] for f in found)
        if not votes:
            return None
        country, count = votes.most_common(1)[0]
        if country is None or count < 0.9 * len(found) or (len(words[-1]) < 5 and count < 5):
            return None
        sectors = {f[1] for f in found if f[0] == country}
        return country, sectors.pop() if len(sectors) == 1 else ()


@cache
def named_actors() -> NamedActors:
    raw = resources.files("eventwire.kb").joinpath("named_actors.json.gz").read_bytes()
    codes = json.loads(gzip.decompress(raw))
    by_surname: dict[str, list[str]] = {}
    for name in codes:
        words = _name_words(name)
        if len(words) > 1:
            by_surname.setdefault(words[-1], []).append(name)
    return NamedActors(codes, by_surname)


def _name_words(name: str) -> list[str]:
    return name.lower().replace("’", "'").replace("-", " ").split()


@cache
def event_senses() -> dict[str, frozenset[int]]:
    """Word -> WordNet 3.0 senses (numbered) that it can name a happening by: the synsets of
    its most frequent senses and, for a deverbal noun, the verbs it derives from. Built by
    ``tools/build_senses.py``; two words sharing a number can be synonyms ("hit"/"strike",
    "foil"/"thwart", "nomination"/"nominate")."""
    raw = resources.files("eventwire.kb").joinpath("event_senses.json.gz").read_bytes()
    return {word: frozenset(ids) for word, ids in json.loads(gzip.decompress(raw)).items()}
