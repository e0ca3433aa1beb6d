"""Document metadata with provenance: publication date, outlet domain, language.

The publication date anchors every relative date in the article ("on Tuesday"), so where it
came from matters: the user's ``--published`` wins, then the page's own metadata, then the
WARC crawl date, then a date in the URL path, then nothing. ``Published.origin`` records which
(in the spec's vocabulary) and ``Published.via`` says exactly which field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from eventwire.errors import UsageError
from eventwire.record import DatePrecision, Published

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in _MONTHS.items()})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MDY = re.compile(rf"(?i)^(?:\w+day,?\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_DMY = re.compile(rf"(?i)^(?:\w+day,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b")
_MY = re.compile(rf"(?i)^({_MONTH_RE})\.?,?\s+(\d{{4}})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")


def parse_date(value: str) -> tuple[str, DatePrecision]:
    """Read a date as sources write it; return an ISO value and the precision it states.

    ISO 8601 (``2020-02-20``, ``2020-02-20T10:00:00Z``, ``2020-02``), RFC 2822 (HTTP and RSS),
    ``February 20, 2020``, ``20 February 2020``, ``February 2020`` and numeric ``M/D/YYYY``
    (read day-first only when the first number cannot be a month). Raises :class:`UsageError`.
    """
    v = " ".join(value.split())
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", v)
    if m:
        year, month, day = m.groups()
        _real(int(year), int(month or 1), int(day or 1), value)
        return v, "day" if day else "month" if month else "year"
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        pass
    else:
        return dt.isoformat(), "second"
    if re.match(r"^(\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}", v):
        try:
            return parsedate_to_datetime(v).isoformat(), "second"
        except (TypeError, ValueError):
            pass
    for pattern, order in ((_MDY, "mdy"), (_DMY, "dmy")):
        m = pattern.match(v)
        if m:
            a, b, year = m.groups()
            month, day = (_MONTHS[a.lower()], int(b)) if order == "mdy" else (_MONTHS[b.lower()], int(a))
            return _real(int(year), month, day, value).isoformat(), "day"
    m = _MY.match(v)
    if m:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1).lower()]:02d}", "month"
    m = _NUMERIC.match(v)
    if m:
        first, second, year = (int(g) for g in m.groups())
        month, day = (first, second) if first <= 12 else (second, first)
        return _real(year, month, day, value).isoformat(), "day"
    raise UsageError(f"cannot read the date {value!r}; use YYYY-MM-DD or ISO 8601")


def _real(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise UsageError(f"{original!r} is not a real date") from None


def parse_published(value: str | None, origin: str, via: str | None = None) -> Published:
    """A :class:`Published` from a date string; an empty value gives the unknown date."""
    if not value or not value.strip():
        return Published(value=None, precision="unknown", origin="unknown")
    iso, precision = parse_date(value)
    return Published(value=iso, precision=precision, origin=origin, via=via)  # type: ignore[arg-type]


def date_from_url(url: str | None) -> tuple[str, DatePrecision] | None:
    """``/2020/02/19/``, ``/2020-02-19-``, ``20200219`` in a URL path (not the host or query)."""
    if not url:
        return None
    try:
        path = urlparse(url).path
    except ValueError:  # "https://[": a malformed host cannot hide a date, nor crash the reader
        return None
    m = _URL_DATE.search(path)
    if m:
        try:
            return _real(int(m.group(1)), int(m.group(3)), int(m.group(4)), url).isoformat(), "day"
        except UsageError:
            return None
    m = _URL_MONTH.search(path)
    if m:
        return f"{m.group(1)}-{m.group(2)}", "month"
    return None


def choose_published(user: str | None, metadata: list[tuple[str | None, str]], warc_date: str | None,
                     url: str | None, datelines: Sequence[str] = ()) -> Published:
    """Apply the precedence user → page metadata → dateline on the page → WARC date → URL path → unknown.

    ``metadata`` lists candidate values with the name of the field they came from; an
    unreadable candidate is skipped (a bad page date must not hide a good WARC date). A
    dateline printed on the page ("Published 20 February 2020") is the outlet's own statement,
    so it ranks above the crawl time; its origin is ``text``.
    """
    if user:
        return parse_published(user, "user", "--published")
    for value, via in metadata:
        if value and value.strip():
            try:
                return parse_published(value, "metadata", via)
            except UsageError:
                continue
    for line in datelines:
        value = _DATELINE_PREFIX.sub("", line).strip()
        try:
            return parse_published(value, "text", "dateline")
        except UsageError:
            continue
    if warc_date:
        try:
            return parse_published(warc_date, "warc", "WARC-Date")
        except UsageError:
            pass
    found = date_from_url(url)
    if found:
        return Published(value=found[0], precision=found[1], origin="metadata", via="url path")
    return Published(value=None, precision="unknown", origin="unknown")


_DATELINE_PREFIX = re.compile(r"(?i)^\s*((published|updated|posted|last updated|date)\s*(on)?\s*:?\s*)")


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``; None for a missing or host-less URL."""
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or (not looks_like_domain(host) and not re.fullmatch(r"[\d.]+|localhost", host)):
        return None
    return host[4:] if host.startswith("www.") else host


def looks_like_domain(value: str) -> bool:
    return bool(re.fullmatch(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", value.strip().lower()))


_ENGLISH = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was",
            "said", "by", "as", "it", "at", "from", "he", "his", "have", "has", "be", "were"}


UNSURE = 0.6
"""Below this probability the classifier's first language is a guess."""
ENGLISH_RUNNER_UP = 0.5
"""English among the first three at this share or more of an unsure first language's
probability is taken as English (a short line spreads its probability thinly: 0.067 against
0.064)."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence, from py3langid (trained on 97 languages, offline).

    Short English texts (headlines, one-line tests) can fool a character n-gram model, so a
    text where very common English words make up 15% or more is English whatever it says.
    Texts with fewer than three words are too short to tell and count as English.
    """
    sample = text[:1500]
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 3:
        return "en", 0.0
    # asked first because it settles most news in English without the classifier (1-5 ms a text)
    share = sum(1 for w in words[:400] if w in _ENGLISH) / min(len(words), 400)
    if share >= 0.15:
        return "en", round(share, 2)
    ranked = _identifier().rank(sample)
    lang, confidence = ranked[0]
    english = next((p for code, p in ranked[:3] if code == "en"), 0.0)
    if lang != "en" and confidence < UNSURE and english >= ENGLISH_RUNNER_UP * confidence:
        # a short line thick with foreign names ("… Sergey Shoigu met with Libyan Field Marshal
        # Khalifa Haftar on Wednesday.") reads as an English-based creole by a narrow margin;
        # only English is extracted, so a near tie goes to English rather than losing the text
        return "en", round(float(english), 3)
    return str(lang), round(float(confidence), 3)
