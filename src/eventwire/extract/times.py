"""Times: the date grammar over the whole text, plus spaCy DATE entities it did not cover."""

from __future__ import annotations

from datetime import date

from eventwire.extract.mentions import Mention
from eventwire.record import Published, Time
from eventwire.resolve.dates import find_times


def anchor_date(published: Published) -> date | None:
    if not published.value or published.precision not in ("day", "second"):
        return None
    try:
        return date.fromisoformat(published.value[:10])
    except ValueError:
        return None


def extract_times(text: str, mentions: list[Mention], published: Published) -> list[Time]:
    anchor = anchor_date(published)
    found = find_times(text, anchor)
    times = [Time(id="", text=t.text, start=t.start, end=t.end, value=t.value,
                  precision=t.precision, anchor="published" if anchor and t.value and  # type: ignore[arg-type]
                  not t.value.startswith("--") and (t.inferred or "year" not in t.text) else "none",
                  inferred=t.inferred) for t in found]
    for m in mentions:
        if m.label not in ("DATE", "TIME"):
            continue
        if any(t.start < m.end_char and m.start_char < t.end for t in times):
            continue
        times.append(Time(id="", text=m.text, start=m.start_char, end=m.end_char, value=None,
                          precision="unknown", anchor="none", inferred=False))
    times.sort(key=lambda t: t.start)
    return [Time(id=f"D{i + 1}", text=t.text, start=t.start, end=t.end, value=t.value,
                 precision=t.precision, anchor=t.anchor, inferred=t.inferred)
            for i, t in enumerate(times)]
