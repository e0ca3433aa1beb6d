"""Typed records of format ``eventwire/1`` (see ``shared/spec/SPEC.md``).

Records are frozen, slotted dataclasses: cheap to build, impossible to mutate by accident once
a stage has handed them on. ``to_dict`` / ``from_dict`` convert to and from the JSON shape of
the spec; :mod:`eventwire.schema` derives a JSON Schema from these same types, so the types
are the single source of truth for the format.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

FORMAT: Literal["eventwire/1"] = "eventwire/1"

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = get_args(PloverType)
Factuality = Literal["asserted", "reported", "denied", "negated", "hypothetical",
                     "conditional", "future", "threatened"]
FACTUALITIES: tuple[str, ...] = get_args(Factuality)
DatePrecision = Literal["second", "day", "month", "year", "unknown"]
TimePrecision = Literal["second", "minute", "hour", "day", "week", "month", "season",
                        "quarter", "year", "decade", "century", "unknown"]
PlacePrecision = Literal["point", "city", "admin2", "admin1", "country", "region"]
ActorKind = Literal["person", "organization", "country", "group"]
ClaimKind = Literal["direct", "indirect", "editorial"]
Stance = Literal["asserts", "denies"]
ContradictionReason = Literal["denial", "conflicting_value", "conflicting_account"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``document.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A span together with the words it covers."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Source:
    name: str | None
    domain: str | None


@dataclass(frozen=True, slots=True)
class Published:
    value: str | None
    precision: DatePrecision
    origin: Literal["metadata", "warc", "user", "text", "unknown"]
    via: str | None = None
    """Where exactly the value came from ("page metadata", "url path", "WARC-Date", a field name):
    finer than ``origin``, whose values the spec fixes (a date in the URL has origin ``metadata``)."""


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the input that cleaning dropped, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    url: str | None
    source: Source | None
    title: str | None
    published: Published
    language: str
    text: str
    removed: tuple[Removed, ...] = ()
    duplicate_of: str | None = None
    author: str | None = None
    syndication_group: str | None = None
    """Id of the first document of the group of copies this one belongs to (itself if first), or null."""
    similarity: float | None = None
    """Estimated Jaccard similarity to ``duplicate_of`` (1.0 for an exact copy)."""
    notes: tuple[str, ...] = ()
    """What reading or cleaning had to decide: truncation, encoding guesses, language not English."""
    origin: str | None = None
    """Where this text was read from: a path, ``path:line`` (JSONL/CSV), ``path@offset`` (WARC)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    text: str
    start: int
    end: int
    label: str
    actor: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None
    sector: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceAlternative:
    geonames_id: int | None
    name: str
    country: str | None
    score: float


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    country: str | None
    admin1: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision
    alternatives: tuple[PlaceAlternative, ...] = ()
    confidence: float = 0.0
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Time:
    id: str
    text: str
    start: int
    end: int
    value: str | None
    precision: TimePrecision
    anchor: Literal["published", "text", "none"]
    inferred: bool = False
    type: Literal["date", "duration", "set"] = "date"
    """TimeML's kind of expression: a point or period on the calendar (``value`` an ISO date,
    or PRESENT_REF/PAST_REF/FUTURE_REF), a duration ("three months", ``P3M``) or a set
    ("every week", ``P1W``). Durations and sets are never an event's date."""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    speaker: str | None
    speaker_text: str | None
    speaker_span: Span | None
    cue: TextSpan | None
    content: Span
    kind: ClaimKind
    stance: Stance
    channel: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class ActorRef:
    actor: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PlaceRef:
    place: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeRef:
    time: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: PloverType
    mode: str | None
    cameo: str | None
    trigger: TextSpan
    sentence: int
    source: tuple[ActorRef, ...] = ()
    target: tuple[ActorRef, ...] = ()
    place: PlaceRef | None = None
    time: TimeRef | None = None
    factuality: Factuality = "asserted"
    claim: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Contradiction:
    claims: tuple[str, str]
    event: str | None
    reason: ContradictionReason


@dataclass(frozen=True, slots=True)
class Record:
    """One article: the unit that flows from extraction into the store and out again."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Time, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    format: Literal["eventwire/1"] = FORMAT

    def to_dict(self) -> dict[str, Any]:
        out = to_dict(self)
        assert isinstance(out, dict)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return from_dict(cls, data)


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """A document that could not be processed: kept, counted and shown, never dropped."""

    item: str
    stage: str
    code: str
    message: str
    document_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


T = TypeVar("T")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A record class's field names in output order (a record's format first), read once."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls))
        if "format" in names and issubclass(cls, Record):
            names = ("format", *(n for n in names if n != "format"))
        _FIELD_NAMES[cls] = names
    return names


_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)
"""The exact types returned as they are without a call: most values of a record are these."""


def to_dict(obj: Any) -> Any:
    """Convert a record (or any nested value) to plain JSON-ready Python values.

    Field names are read once per class (:func:`_field_names`): asking ``dataclasses`` on every
    value made storing a record slower than extracting some of its parts. Plain values inside
    a record, a list or a dict are kept without a call (an incident's summary holds thousands)."""
    if isinstance(obj, _PLAIN):
        return obj
    plain = _PLAIN_TYPES
    if isinstance(obj, (tuple, list)):
        return [x if type(x) in plain else to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: v if type(v) in plain else to_dict(v) for k, v in obj.items()}
    cls = type(obj)
    if hasattr(cls, "__dataclass_fields__"):
        out = {}
        for name in _field_names(cls):
            value = getattr(obj, name)
            out[name] = value if type(value) in plain else to_dict(value)
        return out
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    """Resolved type hints of a record class (cached: ``get_type_hints`` is slow)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = get_type_hints(cls)
        _HINTS[cls] = hints
    return hints


def from_dict(cls: type[T], data: Any) -> T:
    """Build a record of type ``cls`` from its JSON shape, ignoring unknown keys."""
    return typing.cast(T, converter(cls)(data))


Converter = typing.Callable[[Any], Any]
_CONVERTERS: dict[Any, Converter] = {}


def converter(tp: Any) -> Converter:
    """A function from the JSON shape of ``tp`` to a ``tp`` value, built once per type.

    Reading the type (its origin, arguments and dataclass fields) is the slow part of
    conversion; doing it once per type instead of once per value makes loading a stored
    record several times faster (the API and the web pages load records on every request)."""
    found = _CONVERTERS.get(tp)
    if found is None:
        found = _build_converter(tp)
        _CONVERTERS[tp] = found
    return found


def _identity(value: Any) -> Any:
    return value


def _build_converter(tp: Any) -> Converter:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = converter(next(a for a in get_args(tp) if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = converter(args[0])
            return lambda value: tuple(map(item, value or ()))
        items = [converter(a) for a in args]
        return lambda value: tuple(c(v) for c, v in zip(items, value, strict=True))
    if origin is dict:
        return lambda value: dict(value or {})
    if origin is Literal:
        return _identity
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_converter(tp)
    if tp is float:
        return lambda value: float(value) if isinstance(value, int) else value
    return _identity


def _dataclass_converter(tp: type) -> Converter:
    hints = field_types(tp)
    fields = [(f.name, converter(hints[f.name])) for f in dataclasses.fields(tp)]

    def convert(value: Any) -> Any:
        return tp(**{name: c(value[name]) for name, c in fields if name in value})

    return convert
