"""Normalise temporal expressions to ISO 8601 (TimeML values) against an anchor date.

A small grammar handles what news writes most and what dateparser gets wrong or refuses
("February 19th" with no year, "January 13 of this year", "earlier in February", weekdays,
"the third quarter", "42 years ago", "the 1990s", "this summer", "now"), and recognises
durations ("the past three months" -> ``P3M``) and sets ("every week" -> ``P1W``) so they are
never taken for dates. A date without a year, or a weekday, is placed by the tense of its
clause when the caller can tell it (``tense``: -1 past, +1 future), else in the past, where
news mostly looks (a month-day within the next four months that would otherwise be more than
half a year back goes forward): "Thursday" in a story dated Wednesday is tomorrow when the
clause says "will", last week's when it says "met" or says nothing. With no anchor the year stays
unknown (``--02-19``), and the caller reports ``anchor: none``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_REL_YEAR = r"(?P<rel>(?:of )?(?:this|last|next) year)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("dmy_num", re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{4})\b")),
    ("mdy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR}|\s+{_REL_YEAR})?\b", re.I)),
    ("dmy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}|\s+{_REL_YEAR})?\b",
                       re.I)),
    ("my", re.compile(rf"\b(?P<mod>(?:earlier|later|early|late|mid|in|since|until|by|last|this|next)\s+"
                      rf"(?:in\s+|this\s+)?)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("weekday", re.compile(r"\b(?P<mod>(?:last|this|next|on|late|early)\s+)?"
                           r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>today|yesterday|tomorrow|tonight|"
                            r"(?:last|this|next|earlier this|later this|the past)\s+(?:week|month|year))\b", re.I)),
    ("year", re.compile(rf"\b(?:in|since|until|by|of|from|during|early|late|mid-?)\s+{_YEAR}\b", re.I)),
]

_NUMBER = (r"(?P<num>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|forty|fifty|sixty|hundred|several|a few|few|many|some)")
_UNIT = r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))"
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}

_ANAPHORIC = (r"(?:(?:later|earlier|early|late)\s+)?(?P<which>that|the following|the next|the previous|"
              r"the preceding|the same)\s+(?P<unit>year|month|day|morning|afternoon|evening|night)|"
              r"the\s+(?P<unit2>day)\s+(?P<which2>before|after)")
"""Dates named by reference to another ("later that year", "the next day", "the day after")."""

EXTRA_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ago", re.compile(rf"\b{_NUMBER}\s+{_UNIT}\s+(?P<dir>ago|earlier|before|later|from now)\b", re.I)),
    ("quarter", re.compile(r"\b(?:(?P<year>(?:19|20)\d\d)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
                           r"[- ]quarter(?:\s+of\s+(?P<year2>(?:19|20)\d\d))?\b", re.I)),
    ("the_quarter", re.compile(r"\b(?P<which>the|this|current|the current|latest|most recent|recent|last|past|"
                               r"year-ago|year-earlier|year earlier|comparable|same)\s+"
                               r"(?:year-ago\s+|year-earlier\s+)?quarter\b", re.I)),
    ("this_year", re.compile(r"\b(?:the\s+(?:current|same)\s+year|(?:earlier|later)\s+(?:in|this)\s+(?:the\s+)?year)"
                             r"\b", re.I)),
    ("decade", re.compile(r"\b(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:(?P<dec>(?:19|20)\d)0'?s|"
                          r"(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
                          re.I)),
    ("season", re.compile(r"\b(?P<mod>this|last|next|in the|the|early|late)\s+(?P<season>spring|summer|autumn|fall|"
                          rf"winter)(?:\s+of\s+{_YEAR})?\b", re.I)),
    ("set", re.compile(r"\b(?:(?:every|each)\s+(?P<unit>day|week|month|year|morning|night)|"
                       r"(?P<adv>daily|weekly|monthly|annually|yearly|nightly))\b", re.I)),
    ("duration", re.compile(rf"\b(?:(?:the\s+)?(?:past|last|next|coming|first|previous)\s+)?{_NUMBER}\s+"
                            rf"(?:more\s+|full\s+)?{_UNIT}\b", re.I)),
    ("ref", re.compile(r"\b(?P<ref>now|currently|nowadays|recently|the future|the past|"
                       r"recent\s+(?:years|months|weeks|days|decades|times)|"
                       r"(?:the\s+)?(?:coming|future)\s+(?:years|months|weeks|days|quarters|decades)|"
                       r"the\s+(?:years|months|weeks|days)\s+ahead|these\s+days|a\s+later\s+date|"
                       r"(?:a\s+few|several|some|many)\s+(?:years|months|weeks|days)\s+ago)\b", re.I)),
    ("year_period", re.compile(r"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?:period|quarter)\b", re.I)),
    ("year_ago_period", re.compile(r"\b(?:the\s+)?(?:year-ago|year-earlier|year\s+earlier|comparable|"
                                   r"same)\s+period(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?\b",
                                   re.I)),
    ("that_year", re.compile(rf"\b(?:{_ANAPHORIC})\b", re.I)),
    ("fiscal_year", re.compile(r"\b(?:the\s+)?(?:current\s+)?(?:full|fiscal|full\s+fiscal)\s+year\b(?!\s+\d)|"
                               r"\b(?:by\s+)?(?:year[- ]end|year's\s+end|the\s+end\s+of\s+the\s+year)\b", re.I)),
    ("year_ago_adj", re.compile(r"\byear-(?:ago|earlier)\b", re.I)),
    ("spoken_year", re.compile(r"\b(?P<century>nineteen|twenty)[- ](?P<rest>(?:ten|eleven|twelve|thirteen|fourteen|"
                               r"fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|"
                               r"seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
                               r"hundred)\b|\b(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<small>one|two|three|"
                               r"four|five|six|seven|eight|nine|ten))?\b", re.I)),
    ("weekend", re.compile(r"\b(?P<mod>this|last|next|the)\s+weekend\b", re.I)),
    ("century", re.compile(r"\b(?:the\s+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)[- ]century\b", re.I)),
    ("last_decade", re.compile(r"\b(?:the\s+)?(?:last|past|previous)\s+decade\b", re.I)),
    ("bare_year", re.compile(r"(?<![\d$.,/-])(?P<year>(?:19[0-9]|20[0-4])\d)(?!\d|,\d|'?s\b|-\d)")),
]
"""Matched after the date patterns above, in this order (longest, most specific first)."""
ORDERED_PATTERNS = PATTERNS[:2] + [p for p in EXTRA_PATTERNS if p[0] == "quarter"] + PATTERNS[2:] + [
    p for p in EXTRA_PATTERNS if p[0] != "quarter"]
"""Quarters go before the "in 1984" year pattern: "the third quarter of 1984" is one expression."""

LOWER_PATTERNS = [(kind, re.compile(p.pattern, p.flags & ~re.IGNORECASE)) for kind, p in ORDERED_PATTERNS]
"""The same patterns without ``re.I``, run over the lower-cased text: matching case-blind
character by character made these 27 scans of every text 40% slower."""


class CasedMatch:
    """A match found in the lower-cased text, read back from the original one.

    ``str.lower`` keeps offsets when it keeps the length (checked before it is used), so every
    group is the original text between the same offsets: "May" keeps its capital, which is
    what tells the month from the modal verb.
    """

    __slots__ = ("_match", "string")

    def __init__(self, match: re.Match[str], text: str) -> None:
        self._match = match
        self.string = text

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group)

    def group(self, group: int | str = 0) -> Any:
        start = self._match.start(group)
        return None if start < 0 else self.string[start:self._match.end(group)]

    def groupdict(self) -> dict[str, Any]:
        return {name: self.group(name) for name in self._match.re.groupindex}


REQUIRED_WORDS = {
    "quarter": ("quarter",), "the_quarter": ("quarter",), "year_period": ("period", "quarter"),
    "year_ago_period": ("period",), "century": ("century",), "last_decade": ("decade",), "weekend": ("weekend",),
    "spoken_year": ("nineteen", "twenty", "thousand"), "decade": ("0s", "0's", "ties"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "set": ("every", "each", "daily", "weekly", "monthly", "annually", "yearly", "nightly"),
    "ago": ("ago", "earlier", "before", "later", "from now"), "fiscal_year": ("year",), "this_year": ("year",),
    "year_ago_adj": ("year-",),
}
"""Patterns that cannot match a lower-cased text holding none of these words: each
alternative of the pattern spells one of them out (a test checks every pattern's matches).
Looking for a word is a fast scan; running a pattern costs about 0.2 ms on a news story, and
most stories have no quarter, century or season."""


def _matches(text: str) -> Iterator[tuple[str, CasedMatch]]:
    """Every pattern's matches, pattern by pattern in :data:`ORDERED_PATTERNS` order."""
    lower = text.lower()
    # a character whose lower case is longer ("İ") would shift the offsets: match case-blind
    if len(lower) != len(text):
        for kind, pattern in ORDERED_PATTERNS:
            for m in pattern.finditer(text):
                yield kind, CasedMatch(m, text)
        return
    for kind, pattern in LOWER_PATTERNS:
        words = REQUIRED_WORDS.get(kind)
        if words is not None and not any(w in lower for w in words):
            continue
        for m in pattern.finditer(lower):
            yield kind, CasedMatch(m, text)


@dataclass(frozen=True, slots=True)
class NormalisedTime:
    start: int
    end: int
    text: str
    value: str | None
    precision: str
    inferred: bool
    anchored: bool
    type: str = "date"
    on_text: bool = False
    """Resolved against another date of the text ("later that year"), not the publication date."""


Tense = Callable[[int], int]
"""Character offset -> -1 (the clause is in the past), +1 (future) or 0 (cannot tell)."""


def find_times(text: str, anchor: date | None, tense: Tense | None = None) -> list[NormalisedTime]:
    """All temporal expressions of ``text``, longest first where they overlap."""
    found: list[NormalisedTime] = []
    taken: list[tuple[int, int]] = []
    direction = tense or (lambda _: 0)
    for kind, m in _matches(text):
        if kind in EXTRA_KINDS:
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            extra = _normalise_extra(kind, m, anchor)
            if extra is None:
                continue
            value, precision, inferred, type_ = extra
            found.append(NormalisedTime(m.start(), m.end(), m.group(0), value, precision, inferred,
                                        anchor is not None, type_))
            taken.append((m.start(), m.end()))
            continue
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if kind == "my" and m.group("month").lower() == "may" and not (m.group("year") or m.group("mod")):
            continue  # the modal verb "may"
        if kind == "my" and not (m.group("year") or m.group("mod")) and not m.group("month")[0].isupper():
            continue
        toward = direction(m.start())
        if kind == "weekday" and _FUTURE_CUE.search(text, max(0, m.start() - 40), m.start()):
            toward = 1  # "as soon as Tuesday", "postponed until Tuesday"
        result = _normalise(kind, m, anchor, toward)
        if result is None:
            continue
        value, precision, inferred = result
        start, end = m.start(), m.end()
        if kind in ("my", "weekday") and m.group("mod"):
            mod = m.group("mod").strip().lower()
            if mod in ("in", "on", "since", "until", "by"):
                start = m.start("month") if kind == "my" else m.start("wd")
        if kind == "year":
            start = m.start("year")
        found.append(NormalisedTime(start, end, text[start:end], value, precision, inferred,
                                    anchor is not None))
        taken.append((m.start(), m.end()))
    return _anaphoric_dates(_year_ago_quarters(sorted(found, key=lambda t: t.start), text, anchor))


_ANAPHOR_SHIFT = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1,
                  "the preceding": -1, "before": -1, "after": 1}
_ANAPHOR = re.compile(_ANAPHORIC, re.I)


def _anaphoric_dates(found: list[NormalisedTime]) -> list[NormalisedTime]:
    """ "That year", "later that year", "the following month", "the next morning", "the day
    after" take their value from the date last named before them ("fled in June 1998 and
    returned later that year"; "arrested on March 3 … released the next day"). A year comes
    from a date written with its year; a month or day from any date of that precision. With
    none named, no value."""
    out = []
    last_year: int | None = None
    last_month: date | None = None
    last_day: date | None = None
    for t in found:
        m = _ANAPHOR.fullmatch(t.text.strip())
        if m and t.value is None:
            shift = _ANAPHOR_SHIFT[(m.group("which") or m.group("which2")).lower()]
            unit = (m.group("unit") or m.group("unit2")).lower()
            value, precision = None, "unknown"
            if unit == "year" and last_year is not None:
                value, precision = f"{last_year + shift:04d}", "year"
            elif unit == "month" and last_month is not None:
                y, mth = divmod(last_month.year * 12 + last_month.month - 1 + shift, 12)
                value, precision = f"{y:04d}-{mth + 1:02d}", "month"
            elif unit not in ("year", "month") and last_day is not None:
                value, precision = (last_day + timedelta(days=shift)).isoformat(), "day"
            if value is not None:
                t = NormalisedTime(t.start, t.end, t.text, value, precision, True, t.anchored, t.type, on_text=True)
        elif t.value and re.match(r"\d{4}", t.value) and t.type == "date":
            if not t.inferred:
                last_year = int(t.value[:4])
            if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", t.value):
                last_month = date(int(t.value[:4]), int(t.value[5:7]), 1)
            if t.precision == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value):
                last_day = date.fromisoformat(t.value)
        out.append(t)
    return out


_FUTURE_CUE = re.compile(r"\b(?:as soon as|as early as|until|till|no later than|(?:set|scheduled|due|slated) to "
                         r"[a-z]+)\s+(?:on\s+)?$", re.I)
"""Words before a weekday that put it ahead of the story's date whatever the clause's tense."""

_YEAR_AGO = re.compile(r"(?:a year (?:ago|earlier|before)|(?:the\s+)?(?:year-ago|year-earlier|year earlier|"
                       r"comparable|same) period.*)", re.I)
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")


def _year_ago_quarters(found: list[NormalisedTime], text: str, anchor: date | None) -> list[NormalisedTime]:
    """In a report of quarterly results, "a year earlier" and "the year-ago period" mean the
    same quarter a year before ("net income rose to $5 million from $3
    million a year earlier" after "third-quarter net income"): the quarter last named before
    the expression, else the last quarter completed at the anchor, one year back."""
    if anchor is None or "quarter" not in text.lower():
        return found
    out = []
    current = (anchor.year, (anchor.month - 1) // 3) if anchor.month > 3 else (anchor.year - 1, 4)
    for t in found:
        quarter = _QUARTER_VALUE.match(t.value or "")
        if quarter and not re.search(r"year-ago|year-earlier|year earlier", t.text, re.I):
            current = (int(quarter.group(1)), int(quarter.group(2)))
        about_quarters = "quarter" in text[max(0, t.start - 400):t.end + 100].lower()
        if t.precision == "year" and _YEAR_AGO.fullmatch(t.text.strip()) and about_quarters:
            t = NormalisedTime(t.start, t.end, t.text, f"{current[0] - 1:04d}-Q{current[1]}", "quarter", True,
                               t.anchored, t.type)
        elif t.value and re.fullmatch(r"the\s+\d{4}\s+(?:period|quarter)", t.text.strip(), re.I) and (
                about_quarters or t.text.lower().endswith("quarter")):
            t = NormalisedTime(t.start, t.end, t.text, f"{t.value}-Q{current[1]}", "quarter", True, t.anchored,
                               t.type)  # "the 1988 quarter": the quarter under report, in 1988
        out.append(t)
    return out


EXTRA_KINDS = {kind for kind, _ in EXTRA_PATTERNS}


def _count(raw: str) -> int | None:
    raw = raw.lower()
    if re.fullmatch(r"\d+", raw):
        return int(raw)
    return NUMBER_WORDS.get(raw)


def _unit_letter(unit: str) -> tuple[str, str, int]:
    """(TimeML letter, precision, multiplier) of a unit word: decades are 10 years."""
    u = unit.lower().rstrip("s")
    if u.startswith("centur"):
        return "Y", "year", 100
    return {"year": ("Y", "year", 1), "month": ("M", "month", 1), "week": ("W", "week", 1),
            "day": ("D", "day", 1), "hour": ("H", "hour", 1), "minute": ("M", "minute", 1),
            "decade": ("Y", "year", 10)}[u]


def _normalise_extra(kind: str, m: CasedMatch, anchor: date | None) -> tuple[str | None, str, bool, str] | None:
    """(value, precision, inferred, type) for the patterns added after the date grammar."""
    g = m.groupdict()
    if kind == "duration":
        n = _count(g["num"]) if g["num"] else None
        letter, precision, times = _unit_letter(g["unit"])
        amount = "X" if n is None else str(n * times)
        value = f"PT{amount}{letter}" if precision in ("hour", "minute") else f"P{amount}{letter}"
        return value, precision, False, "duration"
    if kind == "set":
        unit = (g.get("unit") or {"daily": "day", "nightly": "night", "weekly": "week", "monthly": "month",
                                  "annually": "year", "yearly": "year"}[g["adv"].lower()]).lower()
        letter = {"day": "D", "morning": "D", "night": "D", "week": "W", "month": "M", "year": "Y"}[unit]
        return f"P1{letter}", {"D": "day", "W": "week", "M": "month", "Y": "year"}[letter], False, "set"
    if kind == "ref":
        ref = g["ref"].lower()
        future = ref == "the future" or "coming" in ref or "future" in ref or "ahead" in ref or "later" in ref
        past = ref in ("recently", "the past") or "recent" in ref or ref.endswith("ago")
        value = "FUTURE_REF" if future else "PAST_REF" if past else "PRESENT_REF"
        return value, "unknown", False, "date"
    if kind == "year_ago_period":
        # "the year-ago period": a year before; a quarter when the text is about quarters (see find_times)
        return (f"{anchor.year - 1:04d}", "year", True, "date") if anchor else None
    if kind == "year_period":
        # "the 1988 period": that year, or its quarter when the text is about quarters (see find_times)
        return g["year"], "year", False, "date"
    if kind == "that_year":
        return None, "year", True, "date"  # filled in from the year last named (see find_times)
    if kind == "fiscal_year":
        # "the fiscal year", "by year-end": the year of the story (a company's fiscal year may
        # end in another month; precision stays year)
        return (f"{anchor.year:04d}", "year", True, "date") if anchor else None
    if kind == "spoken_year":
        return _spoken_year(g), "year", False, "date"
    if kind == "weekend":
        if anchor is None:
            return None
        mod = g["mod"].lower()
        before = m.string[max(0, m.start() - 12):m.start()]
        if mod == "the" and re.search(r"\b(?:ahead of|before|until|by)\s+$", before):
            mod = "this"  # "ahead of the weekend"
        saturday = anchor + timedelta(days=5 - anchor.weekday())  # this week's (Mon–Sun) Saturday
        if anchor.weekday() < 5 and mod not in ("this", "next"):
            saturday -= timedelta(weeks=1)  # "over the weekend", read on a weekday, is the one just past
        if mod == "next":
            saturday += timedelta(weeks=1)
        elif mod == "last" and anchor.weekday() >= 5:
            saturday -= timedelta(weeks=1)
        iso = saturday.isocalendar()
        return f"{iso.year}-W{iso.week:02d}-WE", "week", True, "date"
    if kind == "year_ago_adj":
        return (f"{anchor.year - 1:04d}", "year", True, "date") if anchor else None
    if kind == "century":
        n = int(g["ord"])
        return (f"{n - 1:02d}", "century", False, "date") if 1 <= n <= 21 else None
    if kind == "last_decade":
        return (f"{anchor.year // 10 - 1:03d}", "decade", True, "date") if anchor else None
    if kind == "bare_year":
        year = int(g["year"])
        if anchor is not None and year > anchor.year + 10:
            return None
        return f"{year:04d}", "year", False, "date"
    if kind == "decade":
        decade = g["dec"] or (f"19{DECADE_WORDS[g['word'].lower()]}" if g["word"] else None)
        return (decade, "decade", g["dec"] is None, "date") if decade else None
    if kind == "the_quarter":
        if anchor is None:
            return None
        which = g["which"].lower()
        current = (anchor.month - 1) // 3 + 1
        if which in ("this", "current", "the current"):
            return f"{anchor.year:04d}-Q{current}", "quarter", True, "date"
        year, q = (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)  # the last reported one
        if "year" in which or "year-ago" in m.group(0).lower() or "year-earlier" in m.group(0).lower():
            year -= 1
        return f"{year:04d}-Q{q}", "quarter", True, "date"
    if kind == "this_year":
        return (f"{anchor.year:04d}", "year", True, "date") if anchor else None
    if kind == "quarter":
        q = QUARTERS[g["ord"].lower()]
        if g.get("year") or g.get("year2"):
            return f"{g.get('year') or g.get('year2')}-Q{q}", "quarter", False, "date"
        if anchor is None:
            return None
        current = (anchor.month - 1) // 3 + 1
        year = anchor.year if q <= current else anchor.year - 1
        return f"{year:04d}-Q{q}", "quarter", True, "date"
    if kind == "season":
        code = SEASONS[g["season"].lower()]
        mod = (g.get("mod") or "").lower()
        if mod in ("the", "in the") and g["season"].lower() == "fall" and not g.get("year"):
            return None  # "the fall of the city"
        if g.get("year"):
            return f"{g['year']}-{code}", "season", False, "date"
        if anchor is None:
            return None
        shift = -1 if mod == "last" else 1 if mod == "next" else 0
        return f"{anchor.year + shift:04d}-{code}", "season", True, "date"
    if kind == "ago":
        n = _count(g["num"])
        if n is None:  # "several years ago", "a few weeks later": a vague reference, not a date
            return ("FUTURE_REF" if g["dir"].lower() in ("later", "from now") else "PAST_REF"), "unknown", False, "date"
        if anchor is None:
            return None
        letter, precision, times = _unit_letter(g["unit"])
        sign = 1 if g["dir"].lower() in ("later", "from now") else -1
        n *= times * sign
        if letter == "Y":
            return f"{anchor.year + n:04d}", "year", True, "date"
        if letter == "M" and precision == "month":
            y, mth = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
            return f"{y:04d}-{mth + 1:02d}", "month", True, "date"
        if letter == "W":
            iso = (anchor + timedelta(weeks=n)).isocalendar()
            return f"{iso.year}-W{iso.week:02d}", "week", True, "date"
        if letter == "D":
            return (anchor + timedelta(days=n)).isoformat(), "day", True, "date"
        return None
    return None


_UNITS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                      "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                      "seventeen", "eighteen", "nineteen"])}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                                 "ninety"])}


def _spoken_year(g: dict[str, str | None]) -> str:
    """A year as broadcast transcripts spell it: "nineteen ninety-six", "two thousand"."""
    if not g.get("century"):
        return f"{2000 + _UNITS.get((g.get('small') or 'zero').lower(), 0):04d}"
    century = 1900 if (g["century"] or "").lower() == "nineteen" else 2000
    rest = (g.get("rest") or "").lower().replace("-", " ").split()
    if rest == ["hundred"]:
        return f"{century:04d}"
    value = _TENS.get(rest[0], _UNITS.get(rest[0], 0)) + (_UNITS.get(rest[1], 0) if len(rest) > 1 else 0)
    return f"{century + value:04d}"


def _nearest_year(anchor: date, month: int, day: int, direction: int) -> int:
    """The year that puts month/day in the direction of its clause, else nearest the anchor."""
    past = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    future = past + 1 if (month, day) != (anchor.month, anchor.day) else past
    if future == past:
        return past
    back = (anchor - date(past, month, min(day, 28))).days
    ahead = (date(future, month, min(day, 28)) - anchor).days
    # the clause's tense decides, unless it points more than half a year away while the other
    # reading is within it (a date without its year is close to the story); untensed, news
    # looks back, except to a date in the next four months that lies more than half a year back
    if direction < 0 and not (back > 183 >= ahead):
        return past
    if direction > 0 and not (ahead > 183 >= back):
        return future
    return future if ahead <= 120 and back > 183 else past


def _normalise(kind: str, m: CasedMatch, anchor: date | None,
               direction: int = 0) -> tuple[str | None, str, bool] | None:
    g = m.groupdict()
    if kind in ("iso", "dmy_num"):
        try:
            d = date(int(g["year"]), int(g["month"]), int(g["day"]))
        except ValueError:
            return None
        return d.isoformat(), "day", False
    if kind in ("mdy", "dmy"):
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        if g.get("year"):
            return _safe_date(int(g["year"]), month, day), "day", False
        if anchor is None:
            return f"--{month:02d}-{day:02d}", "day", False
        rel = (g.get("rel") or "").lower()
        if "last year" in rel:
            return _safe_date(anchor.year - 1, month, day), "day", False
        if "next year" in rel:
            return _safe_date(anchor.year + 1, month, day), "day", False
        if "this year" in rel:
            return _safe_date(anchor.year, month, day), "day", False
        return _safe_date(_nearest_year(anchor, month, day, direction), month, day), "day", True
    if kind == "my":
        month = MONTHS[g["month"].lower().rstrip(".")]
        if g.get("year"):
            return f"{int(g['year']):04d}-{month:02d}", "month", False
        if anchor is None:
            return f"--{month:02d}", "month", False
        mod = (g.get("mod") or "").lower()
        year = anchor.year
        if "next" in mod:
            year = anchor.year + (1 if month <= anchor.month else 0)
        elif mod.strip() == "this":  # "this September": the one of the story's year
            year = anchor.year
        elif "last" in mod:  # "last February", said in February, is a year ago
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif "earlier" in mod or "since" in mod:  # "earlier in February", said in February
            year = anchor.year if month <= anchor.month else anchor.year - 1
        else:
            year = _nearest_year(anchor, month, 15, direction)
        return f"{year:04d}-{month:02d}", "month", True
    if kind == "weekday":
        if anchor is None:
            return None, "day", True
        wd = WEEKDAYS[g["wd"].lower()]
        mod = (g.get("mod") or "").strip().lower()
        ahead = (wd - anchor.weekday()) % 7
        back = (anchor.weekday() - wd) % 7
        if mod == "next":
            return (anchor + timedelta(days=ahead or 7)).isoformat(), "day", True
        if mod == "last":
            return (anchor - timedelta(days=back or 7)).isoformat(), "day", True
        if back == 0:
            return anchor.isoformat(), "day", True  # "Friday" in a story dated Friday is that day
        if direction > 0:  # "will meet on Thursday"; otherwise news reports the past week
            return (anchor + timedelta(days=ahead)).isoformat(), "day", True
        return (anchor - timedelta(days=back)).isoformat(), "day", True
    if kind == "relative":
        rel = g["rel"].lower()
        if anchor is None:
            return None, "unknown", True
        if rel in ("today", "tonight"):
            return anchor.isoformat(), "day", True
        if rel == "yesterday":
            return (anchor - timedelta(days=1)).isoformat(), "day", True
        if rel == "tomorrow":
            return (anchor + timedelta(days=1)).isoformat(), "day", True
        unit = rel.split()[-1]
        shift = -1 if rel.startswith(("last", "the past")) else 1 if rel.startswith("next") else 0
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
            iso = monday.isocalendar()
            return f"{iso.year}-W{iso.week:02d}", "week", True
        if unit == "month":
            y, mth = anchor.year, anchor.month + shift
            if mth == 0:
                y, mth = y - 1, 12
            elif mth == 13:
                y, mth = y + 1, 1
            return f"{y:04d}-{mth:02d}", "month", True
        return f"{anchor.year + shift:04d}", "year", True
    if kind == "year":
        return f"{int(g['year']):04d}", "year", False
    return None


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
