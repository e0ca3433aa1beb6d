"""Where an outlet's stories usually are, learned from its own earlier stories.

A local paper names its towns without their state: "Paris" in the Paris (Texas) Beacon, "Dublin"
in a suburban Ohio weekly. Nothing in one such story says which Paris; the outlet's other
stories do, because they name places the resolver is sure of (a county, a town found in one
state only, "Alexandria, La."). :class:`OutletMemory` counts, per outlet (its domain), the
provinces and countries of the places resolved with confidence in the documents already
processed, and offers the outlet's home province and country as context for the next one.

It learns only from its own confident readings, in the order documents arrive (never from a
document about itself), and never from a national capital's reading: "Dublin" read as Ireland's
capital in an Ohio weekly would otherwise teach the weekly that it is Irish. It says nothing
until an outlet has shown a clear home: at least :data:`MIN_SEEN` confident places,
:data:`HOME_SHARE` of them in one province.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass

from eventwire.record import Place
from eventwire.resolve.kb import countries, iso3_codes

MIN_SEEN = 3
"""Confident places an outlet must have shown before its home is used."""
HOME_SHARE = 0.5
"""Share of an outlet's confident places that must lie in one province (or country)."""
CONFIDENT = 0.7
"""A place counts towards its outlet's home from this resolution confidence up."""
MAX_OUTLETS = 10_000
"""Outlets remembered at once (least recently seen forgotten first)."""


VANITY_TLDS = frozenset({"ag", "ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "ml", "nu", "sh", "tk",
                         "to", "tv", "vc", "ws"})
"""Country-code domains used by outlets anywhere for their spelling ("news.co", "radio.fm"):
they say nothing of where the outlet is."""


@dataclass(frozen=True, slots=True)
class Home:
    """An outlet's home: its usual country and, when clear, province ("USA.Texas"); ``label``
    is the outlet's own name as its domain spells it ("parisbeacon" for parisbeacon.com)."""

    country: str | None
    region: str | None
    label: str = ""

    def names(self, place: str) -> bool:
        """Whether the outlet is named after ``place`` ("Paris" in parisbeacon.com): a local
        paper's own town, which it names without a state."""
        key = "".join(ch for ch in place.lower() if ch.isalpha())
        return len(key) >= 4 and key in self.label


def domain_label(outlet: str) -> str:
    """The name part of an outlet's domain: "www.theparisnews.com" -> "theparisnews"."""
    parts = outlet.lower().removeprefix("www.").split(".")
    return parts[0] if parts else ""


def domain_home(outlet: str | None) -> Home | None:
    """What the domain alone says: the country of a national domain (lfpress.ca -> Canada,
    independent.co.uk -> United Kingdom), and the outlet's name; None for an unknown outlet."""
    if not outlet:
        return None
    tld = outlet.lower().rstrip(".").rsplit(".", 1)[-1]
    country = None
    if len(tld) == 2 and tld not in VANITY_TLDS:
        country = iso3_codes().get("GB" if tld == "uk" else tld.upper())
    return Home(country, None, domain_label(outlet))


class OutletMemory:
    """Per-outlet counts of where its confidently resolved places lie."""

    def __init__(self) -> None:
        self._regions: OrderedDict[str, Counter[str]] = OrderedDict()
        self._countries: dict[str, Counter[str]] = {}

    def home(self, outlet: str | None) -> Home | None:
        """The outlet's home as its earlier stories show it; until they show one clearly,
        what its domain says (:func:`domain_home`)."""
        if not outlet or outlet not in self._regions:
            return domain_home(outlet)
        regions, countries = self._regions[outlet], self._countries[outlet]
        seen = sum(countries.values())
        country, n = countries.most_common(1)[0]
        if seen < MIN_SEEN or n < HOME_SHARE * seen:
            return domain_home(outlet)
        region = None
        if regions:
            top, m = regions.most_common(1)[0]
            region = top if m >= HOME_SHARE * seen and top.startswith(country + ".") else None
        return Home(country, region, domain_label(outlet))

    def learn(self, outlet: str | None, places: list[Place] | tuple[Place, ...]) -> None:
        """Count the confidently resolved places of one processed document."""
        if not outlet:
            return
        capitals = countries().by_capital
        sure = [p for p in places if p.country and p.confidence >= CONFIDENT and p.precision != "country"
                and capitals.get(p.name.lower()) != p.country]  # a capital's fame is no evidence of home
        if not sure:
            return
        regions = self._regions.setdefault(outlet, Counter())
        seen = self._countries.setdefault(outlet, Counter())
        self._regions.move_to_end(outlet)
        for p in sure:
            seen[str(p.country)] += 1
            if p.admin1:
                regions[f"{p.country}.{p.admin1}"] += 1
        while len(self._regions) > MAX_OUTLETS:
            old, _ = self._regions.popitem(last=False)
            self._countries.pop(old, None)


__all__ = ["CONFIDENT", "HOME_SHARE", "MIN_SEEN", "Home", "OutletMemory", "domain_home", "domain_label"]
