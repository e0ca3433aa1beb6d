"""The document reader's highlighted text: every annotation of a record as nested HTML marks.

A record's annotations overlap freely: a claim contains actors and event triggers, an actor's
name can hold a place ("Gaza residents"), and now and then two spans cross. HTML needs a tree,
so the marks are nested outermost first (claims, then events, actors, places, times). A mark
that crosses the end of an enclosing one is cut there and continues after it; each piece
carries ``data-part`` and its own offsets, so every mark's text is exactly
``document.text[data-start:data-end]`` — the property the browser tests check.

Everything that comes from the article is escaped here, in one place: the text between
marks and every attribute value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from markupsafe import Markup, escape

from eventwire.record import Record

KINDS = ("claim", "event", "actor", "place", "time")
"""Mark kinds, outermost first; the order also breaks ties between identical spans."""

LABELS = {"claim": "claim", "event": "event trigger", "actor": "actor", "place": "place", "time": "time"}


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation: ``ref`` is the id of its card (``e3``, ``c1``, ``ent4``, ``t2``)."""

    kind: str
    ref: str
    start: int
    end: int
    title: str = ""
    part: int = 0
    """0 for a whole mark; 1, 2 … for the pieces of a mark cut by an enclosing one."""

    @property
    def rank(self) -> int:
        return KINDS.index(self.kind)


@dataclass(slots=True)
class Node:
    mark: Mark
    children: list[Node] = field(default_factory=list)


def marks_of(record: Record) -> list[Mark]:
    """Every annotation of ``record`` that has a non-empty span inside its text."""
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    found: list[Mark] = []
    for claim in record.claims:
        speaker = actors[claim.speaker].name if claim.speaker in actors else claim.speaker_text or "no speaker"
        found.append(Mark("claim", claim.id, claim.content.start, claim.content.end,
                          f"{claim.kind} claim, {claim.stance}, by {speaker}"))
    for event in record.events:
        found.append(Mark("event", event.id, event.trigger.start, event.trigger.end,
                          f"{event.type} event, {event.factuality}"))
    for entity in record.entities:
        if entity.actor in actors:
            found.append(Mark("actor", entity.id, entity.start, entity.end, f"actor: {actors[entity.actor].name}"))
        elif entity.place in places:
            found.append(Mark("place", entity.id, entity.start, entity.end, f"place: {places[entity.place].name}"))
    for time in record.times:
        found.append(Mark("time", time.id, time.start, time.end, f"time: {time.value or 'unresolved'}"))
    size = len(record.document.text)
    return [m for m in found if 0 <= m.start < m.end <= size]


def nest(marks: list[Mark]) -> list[Node]:
    """Marks as a forest in which every child lies inside its parent (crossing marks are cut)."""
    pending = sorted(marks, key=_order)
    forest: list[Node] = []
    while pending:
        head = pending.pop(0)
        inside: list[Mark] = []
        after: list[Mark] = []
        for other in pending:
            if other.start >= head.end:
                after.append(other)
            elif other.end <= head.end:
                inside.append(other)
            else:  # crosses head's end: the piece inside stays, the rest continues after head
                part = other.part or 1
                inside.append(replace(other, end=head.end, part=part))
                after.append(replace(other, start=head.end, part=part + 1))
        forest.append(Node(head, nest(inside)))
        pending = sorted(after, key=_order)
    return forest


def _order(mark: Mark) -> tuple[int, int, int, str]:
    return (mark.start, -mark.end, mark.rank, mark.ref)


def render(text: str, marks: list[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` as nested ``<mark>`` elements."""
    out: list[str] = []
    seen: set[str] = set()

    def emit(nodes: list[Node], lo: int, hi: int) -> None:
        pos = lo
        for node in nodes:
            m = node.mark
            out.append(str(escape(text[pos:m.start])))
            anchor = f"m-{m.ref}"
            ident = f' id="{escape(anchor)}"' if anchor not in seen else ""
            seen.add(anchor)
            part = f' data-part="{m.part}"' if m.part else ""
            out.append(f'<mark class="hl hl-{m.kind}"{ident} data-kind="{m.kind}" data-ref="{escape(m.ref)}" '
                       f'data-start="{m.start}" data-end="{m.end}"{part} tabindex="0" role="button" '
                       f'aria-controls="card-{escape(m.ref)}" title="{escape(m.title)}">')
            emit(node.children, m.start, m.end)
            out.append("</mark>")
            pos = m.end
        out.append(str(escape(text[pos:hi])))

    emit(nest(marks), 0, len(text))
    return Markup("".join(out))


__all__ = ["KINDS", "LABELS", "Mark", "Node", "marks_of", "nest", "render"]
