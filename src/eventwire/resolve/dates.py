"""Normalise temporal expressions to ISO 8601 against an anchor date.

A small grammar handles what news writes most and what dateparser gets wrong or refuses
("February 19th" with no year, "January 13 of this year", "earlier in February", weekdays):
a date without a year takes the latest such date on or before the anchor; a past-tense
weekday the latest such weekday on or before it. With no anchor the year stays unknown
(``--02-19``), and the caller reports ``anchor: none``.
"""

from __future__ import annotations

import re
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

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("dmy_num", re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{4})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR}|\s+{_REL_YEAR})?\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}|\s+{_REL_YEAR})?\b", re.I)),
    ("my", re.compile(rf"\b(?P<mod>(?:earlier|later|early|late|mid|in|since|until|by|last|this|next)\s+"
                      rf"(?:in\s+|this\s+)?)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("weekday", re.compile(r"\b(?P<mod>(?:last|this|next|on|late|early)\s+)?"
                           r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>today|yesterday|tomorrow|tonight|"
                            r"(?:last|this|next|earlier this|later this)\s+(?:week|month|year))\b", re.I)),
    ("year", re.compile(rf"\b(?:in|since|until|by|of|from|during|early|late|mid-?)\s+{_YEAR}\b", re.I)),
]


@dataclass(frozen=True, slots=True)
class NormalisedTime:
    start: int
    end: int
    text: str
    value: str | None
    precision: str
    inferred: bool
    anchored: bool


def find_times(text: str, anchor: date | None) -> list[NormalisedTime]:
    """All temporal expressions of ``text``, longest first where they overlap."""
    found: list[NormalisedTime] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "my" and m.group("month").lower() == "may" and not (m.group("year") or m.group("mod")):
                continue  # the modal verb "may"
            if kind == "my" and not (m.group("year") or m.group("mod")) and not m.group("month")[0].isupper():
                continue
            result = _normalise(kind, m, anchor)
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


def _normalise(kind: str, m: re.Match[str], anchor: date | None) -> tuple[str | None, str, bool] | None:
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
        year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
        return _safe_date(year, month, day), "day", True
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
        elif month > anchor.month:
            year -= 1
        return f"{year:04d}-{month:02d}", "month", True
    if kind == "weekday":
        if anchor is None:
            return None, "day", True
        wd = WEEKDAYS[g["wd"].lower()]
        mod = (g.get("mod") or "").strip().lower()
        if mod == "next":
            delta = (wd - anchor.weekday()) % 7 or 7
            return (anchor + timedelta(days=delta)).isoformat(), "day", True
        delta = (anchor.weekday() - wd) % 7
        if mod == "last" and delta == 0:
            delta = 7
        return (anchor - timedelta(days=delta)).isoformat(), "day", True
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
