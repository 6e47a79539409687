"""The JSON form of the core types, shared by the JSON Lines and GeoJSON formats.

:func:`to_json` turns a record into plain JSON data (dicts, lists, strings, numbers,
booleans); :func:`from_json` turns it back, refusing anything it does not understand with a
:class:`~conflictevents.ParseError` that names the offending key. ``from_json(to_json(r)) == r``
for every record. Fields that are empty or at their default are left out.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from typing import Any

from conflictevents.errors import ParseError, ValidationError
from conflictevents.model import (
    Actor,
    ActorKind,
    Channel,
    Claim,
    Classification,
    Completeness,
    ControlChange,
    DatePrecision,
    Event,
    EventDate,
    Fatalities,
    GeoPrecision,
    Grading,
    Location,
    Record,
    Source,
    Stance,
)

__all__ = ["SCHEMA", "from_json", "to_json"]

SCHEMA = "conflictevents/1"
"""The value of the ``schema`` key of every JSON record this version writes."""

Json = dict[str, Any]


# -- writing -----------------------------------------------------------------------------------


def _date(value: EventDate) -> Any:
    if value.precision is DatePrecision.DAY:
        return value.start.isoformat()
    return {
        "start": value.start.isoformat(),
        "end": value.end.isoformat(),
        "precision": value.precision.value,
    }


def _actor(value: Actor) -> Json:
    out: Json = {"name": value.name}
    if value.kind is not None:
        out["kind"] = value.kind.name.lower()
    if value.country is not None:
        out["country"] = value.country
    if value.cameo_code is not None:
        out["cameo_code"] = value.cameo_code
    if value.aliases:
        out["aliases"] = list(value.aliases)
    return out


def _location(value: Location) -> Json:
    out: Json = {"name": value.name}
    for key in ("country", "admin1", "admin2", "admin3", "latitude", "longitude", "admin1_code"):
        item = getattr(value, key)
        if item is not None:
            out[key] = item
    if value.precision is not None:
        out["precision"] = value.precision.value
    return out


def _fatalities(value: Fatalities) -> Any:
    if value.low is None and value.high is None:
        return value.best
    out: Json = {"best": value.best}
    if value.low is not None:
        out["low"] = value.low
    if value.high is not None:
        out["high"] = value.high
    return out


def _source(value: Source) -> Json:
    out: Json = {"name": value.name}
    if value.url is not None:
        out["url"] = value.url
    if value.published is not None:
        out["published"] = value.published.isoformat()
    if value.scale is not None:
        out["scale"] = value.scale
    return out


def _classification(value: Classification) -> Json:
    out: Json = {"scheme": value.scheme, "code": value.code}
    if value.parent is not None:
        out["parent"] = value.parent
    if value.derived:
        out["derived"] = True
    if value.via is not None:
        out["via"] = value.via
    if value.unknown:
        out["unknown"] = True
    return out


def to_json(record: Record) -> Json:
    """The JSON data of *record*, with its ``schema`` and ``type`` keys first."""
    if isinstance(record, Event):
        return _event(record)
    if isinstance(record, Claim):
        return _claim(record)
    if isinstance(record, ControlChange):
        return _control_change(record)
    raise TypeError(f"not a record: {type(record).__name__}")


def _event(event: Event) -> Json:
    out: Json = {"schema": SCHEMA, "type": "event", "id": event.id, "date": _date(event.date)}
    if event.classifications:
        out["classifications"] = [_classification(c) for c in event.classifications]
    if event.actor1 is not None:
        out["actor1"] = _actor(event.actor1)
    if event.actor2 is not None:
        out["actor2"] = _actor(event.actor2)
    if event.associates1:
        out["associates1"] = [_actor(a) for a in event.associates1]
    if event.associates2:
        out["associates2"] = [_actor(a) for a in event.associates2]
    if event.location is not None:
        out["location"] = _location(event.location)
    if event.fatalities is not None:
        out["fatalities"] = _fatalities(event.fatalities)
    if event.sources:
        out["sources"] = [_source(s) for s in event.sources]
    if event.notes is not None:
        out["notes"] = event.notes
    if event.tags:
        out["tags"] = list(event.tags)
    if event.extras:
        out["extras"] = {fmt: dict(cols) for fmt, cols in event.extras.items()}
    return out


def _claim(claim: Claim) -> Json:
    out: Json = {"schema": SCHEMA, "type": "claim", "id": claim.id, "statement": claim.statement}
    if isinstance(claim.claimant, Actor):
        out["claimant"] = {"actor": _actor(claim.claimant)}
    else:
        out["claimant"] = {"source": _source(claim.claimant)}
    if claim.quoted:
        out["quoted"] = True
    if claim.made_on is not None:
        out["made_on"] = _date(claim.made_on)
    if claim.channel is not None:
        out["channel"] = claim.channel.value
    if claim.reported_by:
        out["reported_by"] = [_source(s) for s in claim.reported_by]
    if claim.stance is not Stance.ASSERTS:
        out["stance"] = claim.stance.value
    if claim.about is not None:
        out["about"] = claim.about
    if claim.reliability is not None:
        out["reliability"] = str(claim.reliability)
    if claim.date is not None:
        out["date"] = _date(claim.date)
    if claim.place is not None:
        out["place"] = _location(claim.place)
    if claim.holder is not None:
        out["holder"] = _actor(claim.holder)
    if claim.fatalities is not None:
        out["fatalities"] = _fatalities(claim.fatalities)
    return out


def _control_change(change: ControlChange) -> Json:
    out: Json = {
        "schema": SCHEMA,
        "type": "control_change",
        "id": change.id,
        "location": _location(change.location),
        "date": _date(change.date),
    }
    if change.previous is not None:
        out["previous"] = _actor(change.previous)
    if change.new is not None:
        out["new"] = _actor(change.new)
    if change.contested:
        out["contested"] = True
    if change.completeness is not Completeness.FULL:
        out["completeness"] = change.completeness.value
    if change.claims:
        out["claims"] = list(change.claims)
    if change.events:
        out["events"] = list(change.events)
    if change.derived:
        out["derived"] = True
    if change.notes is not None:
        out["notes"] = change.notes
    return out


# -- reading -----------------------------------------------------------------------------------


class _ShapeError(Exception):
    """A value in the wrong shape, at a key path."""

    def __init__(self, path: str, value: object, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.value = value
        self.reason = reason


def _build(cls: Callable[..., Any], path: str, **fields: Any) -> Any:
    """``cls(**fields)``, with a refusal located at the key path of the refused field."""
    try:
        return cls(**fields)
    except ValidationError as error:
        where = f"{path}.{error.field}" if path else error.field
        raise _ShapeError(where, error.value, str(error)) from None


def _expect(value: object, kind: type | tuple[type, ...], path: str, what: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
        raise _ShapeError(path, value, f"must be {what}")
    return value


def _obj(value: object, path: str, allowed: frozenset[str], required: tuple[str, ...]) -> Json:
    data = _expect(value, dict, path, "an object")
    unknown = set(data) - allowed
    if unknown:
        key = sorted(unknown)[0]
        raise _ShapeError(f"{path}.{key}" if path else key, data[key], "unknown key")
    for key in required:
        if key not in data:
            raise _ShapeError(f"{path}.{key}" if path else key, None, "missing")
    return data  # type: ignore[no-any-return]


def _str(value: object, path: str) -> str:
    return _expect(value, str, path, "a string")  # type: ignore[no-any-return]


def _opt_str(data: Json, key: str, path: str) -> str | None:
    value = data.get(key)
    return None if value is None else _str(value, f"{path}.{key}")


def _iso(value: object, path: str) -> _dt.date:
    text = _str(value, path)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise _ShapeError(path, value, "must be an ISO 8601 date (YYYY-MM-DD)") from None


def _list(value: object, path: str, item: Callable[[object, str], Any]) -> list[Any]:
    items = _expect(value, list, path, "a list")
    return [item(entry, f"{path}[{index}]") for index, entry in enumerate(items)]


def _enum(cls: Any, value: object, path: str) -> Any:
    text = _str(value, path)
    try:
        return cls(text)
    except ValueError:
        choices = ", ".join(member.value for member in cls)
        raise _ShapeError(path, value, f"must be one of {choices}") from None


_DATE_KEYS = frozenset({"start", "end", "precision"})


def _read_date(value: object, path: str) -> EventDate:
    if isinstance(value, str):
        return EventDate(_iso(value, path))
    data = _obj(value, path, _DATE_KEYS, ("start", "end", "precision"))
    precision = _enum(DatePrecision, data["precision"], f"{path}.precision")
    return _build(EventDate, path, start=_iso(data["start"], f"{path}.start"),  # type: ignore[no-any-return]
                  end=_iso(data["end"], f"{path}.end"), precision=precision)


_ACTOR_KEYS = frozenset({"name", "kind", "country", "cameo_code", "aliases"})


def _read_actor(value: object, path: str) -> Actor:
    data = _obj(value, path, _ACTOR_KEYS, ("name",))
    kind = None
    if data.get("kind") is not None:
        name = _str(data["kind"], f"{path}.kind")
        try:
            kind = ActorKind[name.upper()]
        except KeyError:
            choices = ", ".join(k.name.lower() for k in ActorKind)
            raise _ShapeError(f"{path}.kind", name, f"must be one of {choices}") from None
    return _build(  # type: ignore[no-any-return]
        Actor, path,
        name=_str(data["name"], f"{path}.name"),
        kind=kind,
        country=_opt_str(data, "country", path),
        cameo_code=_opt_str(data, "cameo_code", path),
        aliases=_list(data.get("aliases", []), f"{path}.aliases", _str),
    )


_LOCATION_KEYS = frozenset({"name", "country", "admin1", "admin2", "admin3", "latitude",
                            "longitude", "precision", "admin1_code"})


def _number(data: Json, key: str, path: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    return _expect(value, (int, float), f"{path}.{key}", "a number")  # type: ignore[no-any-return]


def _read_location(value: object, path: str) -> Location:
    data = _obj(value, path, _LOCATION_KEYS, ("name",))
    precision = data.get("precision")
    return _build(  # type: ignore[no-any-return]
        Location, path,
        name=_str(data["name"], f"{path}.name"),
        country=_opt_str(data, "country", path),
        admin1=_opt_str(data, "admin1", path),
        admin2=_opt_str(data, "admin2", path),
        admin3=_opt_str(data, "admin3", path),
        latitude=_number(data, "latitude", path),
        longitude=_number(data, "longitude", path),
        precision=None if precision is None else _enum(GeoPrecision, precision,
                                                       f"{path}.precision"),
        admin1_code=_opt_str(data, "admin1_code", path),
    )


def _count(value: object, path: str) -> int:
    return _expect(value, int, path, "a whole number")  # type: ignore[no-any-return]


def _read_fatalities(value: object, path: str) -> Fatalities:
    if isinstance(value, int) and not isinstance(value, bool):
        return _build(Fatalities, path, best=value)  # type: ignore[no-any-return]
    data = _obj(value, path, frozenset({"best", "low", "high"}), ("best",))
    low, high = data.get("low"), data.get("high")
    return _build(  # type: ignore[no-any-return]
        Fatalities, path,
        best=_count(data["best"], f"{path}.best"),
        low=None if low is None else _count(low, f"{path}.low"),
        high=None if high is None else _count(high, f"{path}.high"),
    )


_SOURCE_KEYS = frozenset({"name", "url", "published", "scale"})


def _read_source(value: object, path: str) -> Source:
    data = _obj(value, path, _SOURCE_KEYS, ("name",))
    published = data.get("published")
    return _build(  # type: ignore[no-any-return]
        Source, path,
        name=_str(data["name"], f"{path}.name"),
        url=_opt_str(data, "url", path),
        published=None if published is None else _iso(published, f"{path}.published"),
        scale=_opt_str(data, "scale", path),
    )


_CLASSIFICATION_KEYS = frozenset({"scheme", "code", "parent", "derived", "via", "unknown"})


def _read_classification(value: object, path: str) -> Classification:
    data = _obj(value, path, _CLASSIFICATION_KEYS, ("scheme", "code"))
    return _build(  # type: ignore[no-any-return]
        Classification, path,
        scheme=_str(data["scheme"], f"{path}.scheme"),
        code=_str(data["code"], f"{path}.code"),
        parent=_opt_str(data, "parent", path),
        derived=_expect(data.get("derived", False), bool, f"{path}.derived", "true or false"),
        via=_opt_str(data, "via", path),
        unknown=_expect(data.get("unknown", False), bool, f"{path}.unknown", "true or false"),
    )


def _read_extras(value: object, path: str) -> dict[str, dict[str, str]]:
    data = _expect(value, dict, path, "an object")
    out: dict[str, dict[str, str]] = {}
    for fmt, columns in data.items():
        cols = _expect(columns, dict, f"{path}.{fmt}", "an object of strings")
        out[fmt] = {key: _str(cell, f"{path}.{fmt}.{key}") for key, cell in cols.items()}
    return out


_EVENT_KEYS = frozenset({"schema", "type", "id", "date", "classifications", "actor1", "actor2",
                         "associates1", "associates2", "location", "fatalities", "sources",
                         "notes", "tags", "extras"})


def _opt(data: Json, key: str, read: Callable[[object, str], Any]) -> Any:
    value = data.get(key)
    return None if value is None else read(value, key)


def _read_event(data: Json) -> Event:
    _obj(data, "", _EVENT_KEYS, ("id", "date"))
    return Event(
        id=_str(data["id"], "id"),
        date=_read_date(data["date"], "date"),
        classifications=_list(data.get("classifications", []), "classifications",
                              _read_classification),
        actor1=_opt(data, "actor1", _read_actor),
        actor2=_opt(data, "actor2", _read_actor),
        associates1=_list(data.get("associates1", []), "associates1", _read_actor),
        associates2=_list(data.get("associates2", []), "associates2", _read_actor),
        location=_opt(data, "location", _read_location),
        fatalities=_opt(data, "fatalities", _read_fatalities),
        sources=_list(data.get("sources", []), "sources", _read_source),
        notes=_opt(data, "notes", _str),
        tags=_list(data.get("tags", []), "tags", _str),
        extras=_read_extras(data.get("extras", {}), "extras"),
    )


_CLAIM_KEYS = frozenset({"schema", "type", "id", "statement", "claimant", "quoted", "made_on",
                         "channel", "reported_by", "stance", "about", "reliability", "date",
                         "place", "holder", "fatalities"})


def _read_claimant(value: object, path: str) -> Actor | Source:
    data = _obj(value, path, frozenset({"actor", "source"}), ())
    if len(data) != 1:
        raise _ShapeError(path, value, "must have exactly one of 'actor' or 'source'")
    if "actor" in data:
        return _read_actor(data["actor"], f"{path}.actor")
    return _read_source(data["source"], f"{path}.source")


def _read_claim(data: Json) -> Claim:
    _obj(data, "", _CLAIM_KEYS, ("id", "statement", "claimant"))
    channel = data.get("channel")
    stance = data.get("stance")
    reliability = data.get("reliability")
    return Claim(
        id=_str(data["id"], "id"),
        statement=_str(data["statement"], "statement"),
        claimant=_read_claimant(data["claimant"], "claimant"),
        quoted=_expect(data.get("quoted", False), bool, "quoted", "true or false"),
        made_on=_opt(data, "made_on", _read_date),
        channel=None if channel is None else _enum(Channel, channel, "channel"),
        reported_by=_list(data.get("reported_by", []), "reported_by", _read_source),
        stance=Stance.ASSERTS if stance is None else _enum(Stance, stance, "stance"),
        about=_opt(data, "about", _str),
        reliability=None if reliability is None else Grading.parse(_str(reliability,
                                                                        "reliability")),
        date=_opt(data, "date", _read_date),
        place=_opt(data, "place", _read_location),
        holder=_opt(data, "holder", _read_actor),
        fatalities=_opt(data, "fatalities", _read_fatalities),
    )


_CHANGE_KEYS = frozenset({"schema", "type", "id", "location", "date", "previous", "new",
                          "contested", "completeness", "claims", "events", "derived", "notes"})


def _read_control_change(data: Json) -> ControlChange:
    _obj(data, "", _CHANGE_KEYS, ("id", "location", "date"))
    completeness = data.get("completeness")
    return ControlChange(
        id=_str(data["id"], "id"),
        location=_read_location(data["location"], "location"),
        date=_read_date(data["date"], "date"),
        previous=_opt(data, "previous", _read_actor),
        new=_opt(data, "new", _read_actor),
        contested=_expect(data.get("contested", False), bool, "contested", "true or false"),
        completeness=Completeness.FULL if completeness is None
        else _enum(Completeness, completeness, "completeness"),
        claims=_list(data.get("claims", []), "claims", _str),
        events=_list(data.get("events", []), "events", _str),
        derived=_expect(data.get("derived", False), bool, "derived", "true or false"),
        notes=_opt(data, "notes", _str),
    )


_READERS: Mapping[str, Callable[[Json], Record]] = {
    "event": _read_event,
    "claim": _read_claim,
    "control_change": _read_control_change,
}


def from_json(data: object, *, source: str | None = None, line: int | None = None) -> Record:
    """The record whose JSON data is *data*.

    :raises ParseError: naming the key (as ``column``) whose value is missing, unknown or
        invalid, with *source* and *line* for the message.
    """
    try:
        if not isinstance(data, dict):
            raise _ShapeError("", data, "a record must be a JSON object")
        schema = data.get("schema")
        if schema != SCHEMA:
            raise _ShapeError("schema", schema, f"must be {SCHEMA!r}")
        kind = data.get("type")
        reader = _READERS.get(kind) if isinstance(kind, str) else None
        if reader is None:
            raise _ShapeError("type", kind, f"must be one of {', '.join(_READERS)}")
        return reader(data)
    except _ShapeError as bad:
        raise ParseError(bad.reason, source=source, line=line, column=bad.path or None,
                         value=bad.value) from None
    except ValidationError as error:
        raise ParseError(str(error), source=source, line=line, column=error.field,
                         value=error.value) from None
