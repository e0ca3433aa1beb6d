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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

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
                            r"(?:last|this|next|earlier this|later this)\s+(?:week|month|year))\b", re.I)),
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

EXTRA_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ago", re.compile(rf"\b{_NUMBER}\s+{_UNIT}\s+(?P<dir>ago|earlier|before|later|from now)\b", re.I)),
    ("quarter", re.compile(r"\b(?:(?P<year>(?:19|20)\d\d)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
                           r"[- ]quarter(?:\s+of\s+(?P<year2>(?:19|20)\d\d))?\b", re.I)),
    ("the_quarter", re.compile(r"\b(?P<which>the|this|latest|most recent|recent|last|past|year-ago|year-earlier|"
                               r"year earlier|comparable|same)\s+(?:year-ago\s+|year-earlier\s+)?quarter\b", re.I)),
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
    ("ref", re.compile(r"\b(?P<ref>now|currently|nowadays|recently|the future|the past)\b", re.I)),
    ("bare_year", re.compile(r"(?<![\d$.,/-])(?P<year>(?:19[0-9]|20[0-4])\d)(?!\d|,\d|'?s\b|-\d)")),
]
"""Matched after the date patterns above, in this order (longest, most specific first)."""
ORDERED_PATTERNS = PATTERNS[:2] + [p for p in EXTRA_PATTERNS if p[0] == "quarter"] + PATTERNS[2:] + [
    p for p in EXTRA_PATTERNS if p[0] != "quarter"]
"""Quarters go before the "in 1984" year pattern: "the third quarter of 1984" is one expression."""


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


Tense = Callable[[int], int]
"""Character offset -> -1 (the clause is in the past), +1 (future) or 0 (cannot tell)."""


def find_times(text: str, anchor: date | None, tense: Tense | None = None) -> list[NormalisedTime]:
    """All temporal expressions of ``text``, longest first where they overlap."""
    found: list[NormalisedTime] = []
    taken: list[tuple[int, int]] = []
    direction = tense or (lambda _: 0)
    for kind, pattern in ORDERED_PATTERNS:
        for m in pattern.finditer(text):
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
            result = _normalise(kind, m, anchor, direction(m.start()))
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
    return sorted(found, key=lambda t: t.start)


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


def _normalise_extra(kind: str, m: re.Match[str], anchor: date | None) -> tuple[str | None, str, bool, str] | None:
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
        value = "FUTURE_REF" if ref == "the future" else "PAST_REF" if ref in ("recently", "the past") \
            else "PRESENT_REF"
        return value, "unknown", False, "date"
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
        if which == "this":
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
        if n is None or anchor is None:
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


def _normalise(kind: str, m: re.Match[str], anchor: date | None,
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
        shift = -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
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
