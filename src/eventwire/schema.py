"""JSON Schema (2020-12) generated from the record types, so the types stay the source of truth."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, get_args, get_origin

from eventwire.record import Record, field_types

_OPTIONAL_KEYS = {"speaker_span", "admin1"}
"""Keys the shared schema does not require; every other field of a record is always present."""


def record_schema() -> dict[str, Any]:
    schema = _schema_of(Record)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "eventwire/document-1/generated"
    schema["title"] = "eventwire document record, format 1 (generated from eventwire.record)"
    return schema


def _schema_of(tp: Any) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_schema_of(a) for a in get_args(tp)]
        return {"anyOf": options}
    if origin is Literal:
        values = list(get_args(tp))
        return {"const": values[0]} if len(values) == 1 else {"enum": values}
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_of(args[0])}
        return {"type": "array", "prefixItems": [_schema_of(a) for a in args],
                "minItems": len(args), "maxItems": len(args)}
    if origin is dict:
        return {"type": "object"}
    if tp is type(None):
        return {"type": "null"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = field_types(tp)
        props = {f.name: _schema_of(hints[f.name]) for f in dataclasses.fields(tp)}
        required = [f.name for f in dataclasses.fields(tp) if f.name not in _OPTIONAL_KEYS]
        return {"type": "object", "properties": props, "required": required,
                "additionalProperties": False}
    raise TypeError(f"no JSON Schema for {tp!r}")
